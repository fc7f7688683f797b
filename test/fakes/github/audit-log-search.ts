// The audit-log search both fakes answer (GHES enterprise audit log, GHEC enterprise audit log).
import { json } from "./http-util.ts";
import type { Ctx, Reply } from "./types.ts";

export interface AuditEntry {
  action: string;
  actor: string;
  "@timestamp": number;
}

/**
 * Audit-log search: `action:x` is a prefix match, `actor:x` an exact match, `created:>=YYYY-MM-DD` a day bound
 * (UTC); newest first unless order=asc. Pages are linked with an `after` cursor in the Link header, as GitHub
 * does for the audit log; `page` also works.
 */
export function searchAuditLog(log: readonly AuditEntry[], ctx: Ctx, baseUrl: string): Reply {
  const query = ctx.query;
  const terms = (query.phrase ?? "").split(/\s+/).filter(Boolean);
  let events = log.filter((e) =>
    terms.every((t) => {
      const [key, ...rest] = t.split(":");
      const value = rest.join(":");
      if (key === "action") return e.action.startsWith(value);
      if (key === "actor") return e.actor === value;
      if (key === "created" && value.startsWith(">=")) return new Date(e["@timestamp"]).toISOString().slice(0, 10) >= value.slice(2);
      if (key === "created") ctx.report(`audit-log fake: unsupported created qualifier '${value}'`);
      return true;
    }),
  );
  events = [...events].sort((a, b) => a["@timestamp"] - b["@timestamp"]);
  if (query.order !== "asc") events.reverse();
  const perPage = Math.min(Number(query.per_page ?? 30) || 30, 100);
  const offset = query.after
    ? Number(Buffer.from(query.after, "base64url").toString("utf8")) || 0
    : (Math.max(Number(query.page ?? 1) || 1, 1) - 1) * perPage;
  const page = events.slice(offset, offset + perPage);
  if (offset + perPage < events.length) {
    const next = new URLSearchParams({ ...query, after: Buffer.from(String(offset + perPage)).toString("base64url") });
    next.delete("page");
    ctx.responseHeaders.link = `<${baseUrl}${ctx.path}?${next.toString()}>; rel="next"`;
  }
  return json(200, page);
}
