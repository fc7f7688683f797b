import type { CloudConnectSource, CloudServer, ConnectEvent, LicenseSync } from "../../core/watch/watch-ports.ts";
import { auditLogEvents } from "./audit-log-events.ts";
import { buildOctokit, type FetchLike } from "./build-octokit.ts";
import { mapGithubError, statusOf } from "./map-github-error.ts";

const SERVERS = `query ServerInstallations($slug: String!) {
  enterprise(slug: $slug) {
    ownerInfo {
      enterpriseServerInstallations(first: 100) {
        nodes { hostName isConnected userAccountsUploads(last: 1) { nodes { syncState createdAt } } }
      }
    }
  }
}`;

interface ServersAnswer {
  enterprise: {
    ownerInfo: {
      enterpriseServerInstallations: {
        nodes: Array<{
          hostName: string;
          isConnected: boolean;
          userAccountsUploads: { nodes: Array<{ syncState: string; createdAt: string }> };
        }>;
      };
    } | null;
  } | null;
}

/** GitHub.com's records about connected servers, read with the monitor token (an enterprise owner's). */
export function cloudConnectSource(o: { apiUrl: string; monitorToken?: string; fetch?: FetchLike }): CloudConnectSource {
  const client = o.monitorToken ? buildOctokit({ baseUrl: o.apiUrl, auth: o.monitorToken, fetch: o.fetch }) : null;
  const need = () => {
    if (!client) throw new Error("GITHUB_MONITOR_TOKEN is not set");
    return client;
  };
  return {
    available: client !== null,
    async servers(enterprise): Promise<CloudServer[]> {
      try {
        const data = await need().graphql<ServersAnswer>({ query: SERVERS, operationName: "ServerInstallations", slug: enterprise });
        const nodes = data.enterprise?.ownerInfo?.enterpriseServerInstallations.nodes ?? [];
        return nodes.map((n) => {
          const upload = n.userAccountsUploads.nodes.at(-1);
          return {
            hostName: n.hostName.toLowerCase(),
            isConnected: n.isConnected,
            lastUpload: upload ? { syncState: upload.syncState, at: upload.createdAt } : null,
          };
        });
      } catch (error) {
        throw mapGithubError(error, "CLOUD", "serverInstallations", { variable: "GITHUB_MONITOR_TOKEN" });
      }
    },
    async licenseSync(enterprise): Promise<LicenseSync[]> {
      try {
        const { data } = await need().request("GET /enterprises/{enterprise}/license-sync-status", { enterprise });
        const instances =
          (data as { server_instances?: Array<{ hostname?: string; last_sync?: { date?: string; status?: string; error?: string } }> })
            .server_instances ?? [];
        return instances.map((s) => ({
          hostname: (s.hostname ?? "").toLowerCase(),
          date: s.last_sync?.date ?? null,
          status: s.last_sync?.status ?? "unknown",
          error: s.last_sync?.error ?? "",
        }));
      } catch (error) {
        throw mapGithubError(error, "CLOUD", "licenseSync", { variable: "GITHUB_MONITOR_TOKEN" });
      }
    },
    async installationEvents(enterprise, from): Promise<ConnectEvent[]> {
      const phrase = `action:enterprise_installation created:>=${from.toISOString().slice(0, 10)}`;
      let pages: unknown;
      try {
        pages = await need().paginate("GET /enterprises/{enterprise}/audit-log", { enterprise, phrase, order: "asc", per_page: 100 });
      } catch (error) {
        throw mapGithubError(error, "CLOUD", "enterpriseAuditLog", { variable: "GITHUB_MONITOR_TOKEN" });
      }
      return auditLogEvents(pages, "enterprise_installation.");
    },
    async features(account, hostname) {
      try {
        const { data } = await need().request("GET /enterprise-installation/{enterprise_or_org}/server-statistics", {
          enterprise_or_org: account.slug,
        });
        const rows = (
          data as Array<{ host_name?: string; collection_date?: string; github_connect?: { features_enabled?: string[] } }>
        ).filter((r) => (r.host_name ?? "").toLowerCase() === hostname.toLowerCase());
        const newest = rows.sort((a, b) => String(a.collection_date).localeCompare(String(b.collection_date))).at(-1);
        return newest?.github_connect?.features_enabled ? [...newest.github_connect.features_enabled].sort() : null;
      } catch (error) {
        // Server Statistics off: GitHub has nothing to say, which is normal, not a failure.
        if (statusOf(error) === 404) return null;
        throw mapGithubError(error, "CLOUD", "serverStatistics", { variable: "GITHUB_MONITOR_TOKEN" });
      }
    },
  };
}
