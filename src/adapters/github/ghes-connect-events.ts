import type { ConnectEvent, ConnectEventSource } from "../../core/watch/watch-ports.ts";
import { auditLogEvents } from "./audit-log-events.ts";
import { buildOctokit, type FetchLike } from "./build-octokit.ts";
import { mapGithubError } from "./map-github-error.ts";

const events = (data: unknown): ConnectEvent[] => auditLogEvents(data, "dotcom_connection.");

/** The GHES enterprise audit log, read with GHES_TOKEN, for `dotcom_connection.*`. */
export function ghesConnectEvents(o: { apiUrl: string; token: string; enterprise?: string; fetch?: FetchLike }): ConnectEventSource {
  const octokit = buildOctokit({ baseUrl: o.apiUrl, auth: o.token, fetch: o.fetch });
  const enterprise = o.enterprise;
  return {
    available: Boolean(enterprise),
    async since(from) {
      if (!enterprise) return [];
      const phrase = `action:dotcom_connection created:>=${from.toISOString().slice(0, 10)}`;
      let pages: unknown;
      try {
        pages = await octokit.paginate("GET /enterprises/{enterprise}/audit-log", { enterprise, phrase, order: "asc", per_page: 100 });
      } catch (error) {
        throw mapGithubError(error, "GHES", "enterpriseAuditLog", { variable: "GHES_TOKEN", enterpriseAuditLog: true });
      }
      // Parsed outside the request: an answer of an unexpected shape is skipped entry by entry, not an outage.
      return events(pages);
    },
    async lastChanges() {
      if (!enterprise) return [];
      const newestOf = async (action: string) => {
        try {
          const { data } = await octokit.request("GET /enterprises/{enterprise}/audit-log", {
            enterprise,
            phrase: `action:${action}`,
            order: "desc",
            per_page: 1,
          });
          return data as unknown;
        } catch (error) {
          throw mapGithubError(error, "GHES", "enterpriseAuditLog", { variable: "GHES_TOKEN", enterpriseAuditLog: true });
        }
      };
      return [...events(await newestOf("dotcom_connection.create")), ...events(await newestOf("dotcom_connection.destroy"))];
    },
  };
}
