import { isAppError } from "../../../errors.ts";
import type { AccountSpec } from "../../domain/account.ts";
import { context, header, type Reply, reply, text } from "../../domain/reply.ts";
import type { CommandContext } from "../command-context.ts";
import { accountWords, auditLine } from "./audit-lines.ts";

export interface AuditQuery {
  limit: number;
  account: AccountSpec | null;
  user: string | null;
}

/** The latest audit events, for GHES site administrators only (asked live with their own GHES token). */
export async function auditCommand(ctx: CommandContext, query: AuditQuery): Promise<Reply> {
  const { tokens, ghes } = ctx.deps.policy;
  const admin = await tokens
    .withToken(ctx.ref, "GHES", async (token) => (await ghes.viewer(token)).siteAdmin)
    .catch((error: unknown) => {
      if (isAppError(error, "NOT_LINKED")) return false;
      throw error;
    });
  await ctx.deps.audit.record({
    actor: ctx.ref,
    action: "audit.read",
    decision: admin ? "allowed" : "denied",
    requestId: ctx.requestId,
    ...(admin ? {} : { reason: "not a GHES site admin" }),
  });
  if (!admin) return reply(text(ctx.t("audit.adminsOnly")));
  const { t } = ctx;
  const events = await ctx.deps.audit.latest(query.limit, {
    ...(query.account ? { account: query.account } : {}),
    ...(query.user ? { user: query.user } : {}),
  });
  const about = [query.account ? accountWords(t, query.account.kind, query.account.slug) : "", query.user ? `<@${query.user}>` : ""]
    .filter(Boolean)
    .join(", ");
  const footer = context(t("audit.githubSide"));
  if (events.length === 0) return reply(text(about ? t("audit.noneFiltered", { what: about }) : t("audit.none")), footer);
  return reply(
    // A header is plain text: a mention or *bold* in it would show raw, so a filtered title is a line of text.
    about ? text(t("audit.titleFiltered", { what: about })) : header(t("audit.title")),
    ...chunks(events.map((e) => auditLine(t, e))).map(text),
    footer,
  );
}

/** Lines grouped into blocks under Slack's 3,000 characters a section, none cut. */
function chunks(lines: string[], max = 2900): string[] {
  const out: string[] = [];
  let current = "";
  for (const line of lines) {
    const next = current ? `${current}\n${line}` : line;
    if (next.length > max && current) {
      out.push(current);
      current = line;
    } else current = next;
  }
  if (current) out.push(current);
  return out;
}
