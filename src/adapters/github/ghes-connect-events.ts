import type { ConnectEvent, ConnectEventSource } from "../../core/watch/watch-ports.ts";
import { type FetchLike, buildOctokit } from "./build-octokit.ts";
import { mapGithubError } from "./map-github-error.ts";

interface AuditLogEvent {
  _document_id?: string;
  action?: string;
  actor?: string;
  "@timestamp"?: number;
}

function toEvent(e: AuditLogEvent): ConnectEvent | null {
  if (typeof e.action !== "string" || !e.action.startsWith("dotcom_connection.") || typeof e["@timestamp"] !== "number") return null;
  const at = new Date(e["@timestamp"]);
  const actor = e.actor ?? "unknown";
  // GHES gives every event a document id; should one lack it, its own fields still tell it apart.
  return { id: e._document_id ?? `${e.action}:${e["@timestamp"]}:${actor}`, action: e.action, actor, at };
}

const events = (data: unknown): ConnectEvent[] => (Array.isArray(data) ? (data as AuditLogEvent[]).map(toEvent).filter((e): e is ConnectEvent => e !== null) : []);

/** The GHES enterprise audit log, read with GHES_TOKEN, for `dotcom_connection.*`. */
export function ghesConnectEvents(o: { apiUrl: string; token: string; enterprise?: string; fetch?: FetchLike }): ConnectEventSource {
  const octokit = buildOctokit({ baseUrl: o.apiUrl, auth: o.token, fetch: o.fetch });
  const enterprise = o.enterprise;
  return {
    available: Boolean(enterprise),
    async since(from) {
      if (!enterprise) return [];
      // The search narrows to whole days; the exact instant is filtered here.
      const phrase = `action:dotcom_connection created:>=${from.toISOString().slice(0, 10)}`;
      try {
        const pages = await octokit.paginate("GET /enterprises/{enterprise}/audit-log", { enterprise, phrase, order: "asc", per_page: 100 });
        return events(pages)
          .filter((e) => e.at.getTime() >= from.getTime())
          .sort((a, b) => a.at.getTime() - b.at.getTime());
      } catch (error) {
        throw mapGithubError(error, "GHES", "the enterprise audit log");
      }
    },
    async newest() {
      if (!enterprise) return [];
      try {
        const { data } = await octokit.request("GET /enterprises/{enterprise}/audit-log", { enterprise, phrase: "action:dotcom_connection", order: "desc", per_page: 100 });
        return events(data);
      } catch (error) {
        throw mapGithubError(error, "GHES", "the enterprise audit log");
      }
    },
  };
}
