import type { CloudInstance, InstallationStatus } from "../../core/operations/instance-ports.ts";
import type { AppProbe } from "../../core/watch/watch-ports.ts";
import { AppError } from "../../errors.ts";
import { buildOctokit, type FetchLike, timedFetch } from "./build-octokit.ts";
import { mapGithubError, statusOf } from "./map-github-error.ts";

export interface CloudInstanceOptions {
  apiUrl: string;
  webUrl: string;
  appId: number;
  privateKey: string;
  monitorToken?: string;
  fetch?: FetchLike;
}

const CONNECTED = `query ConnectedServers($slug: String!) {
  enterprise(slug: $slug) {
    ownerInfo { enterpriseServerInstallations(connectedOnly: true, first: 100) { nodes { hostName isConnected } } }
  }
}`;

/** The bot's own GitHub App (JWT: @octokit/auth-app signs and refreshes it) and the optional monitor token. */
export function cloudInstance(o: CloudInstanceOptions): CloudInstance & AppProbe {
  const app = buildOctokit({ baseUrl: o.apiUrl, auth: { appId: o.appId, privateKey: o.privateKey }, fetch: o.fetch ?? timedFetch() });
  let slug: string | null = null;

  async function installUrl(): Promise<string> {
    if (!slug) {
      const { data } = await app.rest.apps.getAuthenticated();
      // Without its slug there is no install link to give; a made-up one would send the admin to a 404.
      if (!data?.slug) throw new AppError("GITHUB_UNEXPECTED", { side: "CLOUD", detail: "GitHub did not name the bot's app" });
      slug = data.slug;
    }
    return `${o.webUrl}/apps/${slug}/installations/new`;
  }

  return {
    async exercise() {
      // The JWT (listing installations) and an installation token (minted at most hourly: auth-app caches it).
      try {
        const { data } = await app.request("GET /app/installations", { per_page: 100 });
        const first = data[0];
        if (first) await app.auth({ type: "installation", installationId: first.id });
        return { installations: data.length };
      } catch (error) {
        throw mapGithubError(error, "CLOUD", "botApp", { variable: "GITHUB_APP_PRIVATE_KEY" });
      }
    },
    async installation(account): Promise<InstallationStatus> {
      try {
        const { data } =
          account.kind === "org"
            ? await app.request("GET /orgs/{org}/installation", { org: account.slug })
            : await app.request("GET /enterprises/{enterprise}/installation", { enterprise: account.slug });
        return { installed: true, id: (data as { id: number }).id };
      } catch (error) {
        if (statusOf(error) === 404) {
          try {
            return { installed: false, installUrl: await installUrl() };
          } catch (inner) {
            throw mapGithubError(inner, "CLOUD", "botApp", { variable: "GITHUB_APP_PRIVATE_KEY" });
          }
        }
        throw mapGithubError(error, "CLOUD", "botAppInstallation", { variable: "GITHUB_APP_PRIVATE_KEY" });
      }
    },
    async connectedServers(account) {
      if (!o.monitorToken || account.kind !== "enterprise") return null;
      const client = buildOctokit({ baseUrl: o.apiUrl, auth: o.monitorToken, fetch: o.fetch });
      try {
        const data = await client.graphql<{
          enterprise: {
            ownerInfo: { enterpriseServerInstallations: { nodes: Array<{ hostName: string; isConnected: boolean }> } } | null;
          } | null;
        }>({
          query: CONNECTED,
          operationName: "ConnectedServers",
          slug: account.slug,
        });
        const nodes = data.enterprise?.ownerInfo?.enterpriseServerInstallations.nodes;
        return nodes ? nodes.filter((n) => n.isConnected).map((n) => n.hostName.toLowerCase()) : null;
      } catch (error) {
        if ((error as { name?: string }).name === "GraphqlResponseError") return null;
        throw mapGithubError(error, "CLOUD", "connectedServers", { variable: "GITHUB_MONITOR_TOKEN" });
      }
    },
  };
}
