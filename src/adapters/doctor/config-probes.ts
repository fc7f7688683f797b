import type { WebClient } from "@slack/web-api";
import type { Config } from "../../config.ts";
import type { ChannelFacts, DatabaseFacts, DoctorProbes, TokenFacts } from "../../core/doctor/doctor-probes.ts";
import { SLACK_CHANNEL_SCOPES } from "../../core/doctor/run-doctor.ts";
import type { Side } from "../../core/ports.ts";
import { AppError } from "../../errors.ts";
import { buildOctokit, type FetchLike } from "../github/build-octokit.ts";
import { parseExpiration } from "../github/credential-observer.ts";
import { discoverEnterprise } from "../github/discover-enterprise.ts";
import { ghesInstance } from "../github/ghes-instance.ts";
import { type BotCredential, mapGithubError } from "../github/map-github-error.ts";
import { reachability } from "../github/reachability.ts";

export interface ProbeDeps {
  /** Timed and, with HTTPS_PROXY, proxied: the same fetch the bot uses. */
  fetch: FetchLike;
  /** The bot's Web API client for SLACK_BOT_TOKEN, and one for SLACK_APP_TOKEN in Socket Mode. */
  slack: WebClient;
  slackApp: WebClient | null;
  database(): Promise<DatabaseFacts>;
  /**
   * Inside the bot: the enterprise slug it resolved at start (undefined: it reads no audit log). The CLI leaves
   * this out and resolves the slug itself, as a starting bot would.
   */
  running?: { enterprise: string | undefined };
}

/** A Slack refusal as the doctor words it: which variable, and Slack's own error name. */
function slackFailure(error: unknown, variable: string): AppError {
  const e = error as { code?: string; data?: { error?: string }; original?: { code?: string } };
  if (e?.code === "slack_webapi_platform_error") {
    const detail = e.data?.error ?? "error";
    if (["invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired", "not_allowed_token_type"].includes(detail))
      return new AppError("SLACK_CREDENTIAL_REJECTED", { variable, detail }, { cause: error });
    return new AppError("SLACK_UNREACHABLE", { detail }, { cause: error });
  }
  return new AppError("SLACK_UNREACHABLE", { detail: e?.original?.code ?? e?.code ?? "network error" }, { cause: error });
}

/**
 * The doctor's reads against the configured services, with the bot's own credentials. Read-only: no call here
 * creates, changes or posts anything.
 */
export function configProbes(config: Config, deps: ProbeDeps): DoctorProbes {
  const ghes = ghesInstance({
    url: config.ghes.url,
    apiUrl: config.ghes.apiUrl,
    token: config.ghes.token,
    manage: config.ghes.manage,
    fetch: deps.fetch,
  });

  async function tokenFacts(side: Side, baseUrl: string, token: string, variable: BotCredential): Promise<TokenFacts> {
    const octokit = buildOctokit({ baseUrl, auth: token, fetch: deps.fetch });
    try {
      const { data, headers } = await octokit.request("GET /user");
      const scopes = headers["x-oauth-scopes"];
      const expiry = headers["github-authentication-token-expiration"];
      const user = data as { login: string; site_admin?: boolean };
      return {
        login: user.login,
        ...(side === "GHES" ? { siteAdmin: user.site_admin === true } : {}),
        scopes:
          typeof scopes === "string"
            ? scopes
                .split(",")
                .map((s) => s.trim())
                .filter(Boolean)
            : null,
        expiresAt: typeof expiry === "string" ? parseExpiration(expiry) : null,
      };
    } catch (error) {
      throw mapGithubError(error, side, "user", { variable });
    }
  }

  return {
    database: deps.database,
    async slackAuth() {
      try {
        const answer = await deps.slack.auth.test();
        const scopes = answer.response_metadata?.scopes;
        return { team: String(answer.team ?? "?"), botUser: String(answer.user ?? "?"), scopes: scopes ?? null };
      } catch (error) {
        throw slackFailure(error, "SLACK_BOT_TOKEN");
      }
    },
    async slackChannel(channel, scopes): Promise<ChannelFacts> {
      const scopeNeeded = Object.values(SLACK_CHANNEL_SCOPES);
      if (scopes !== null && !scopeNeeded.some((s) => scopes.includes(s)))
        return { unknown: "missing_scope", scope: scopeNeeded.join("`, `") };
      try {
        const answer = await deps.slack.conversations.info({ channel });
        const c = answer.channel ?? {};
        return { name: String(c.name ?? channel), member: c.is_member === true, archived: c.is_archived === true };
      } catch (error) {
        const e = error as { data?: { error?: string; needed?: string } };
        if (e.data?.error === "channel_not_found") return { notFound: true };
        if (e.data?.error === "missing_scope") return { unknown: "missing_scope", scope: e.data.needed ?? SLACK_CHANNEL_SCOPES.private };
        throw slackFailure(error, "SLACK_BOT_TOKEN");
      }
    },
    slackSocket: deps.slackApp
      ? async () => {
          try {
            // Only asks for a WebSocket address (valid a few seconds, never opened): proves the app token.
            await (deps.slackApp as WebClient).apps.connections.open();
          } catch (error) {
            throw slackFailure(error, "SLACK_APP_TOKEN");
          }
        }
      : null,
    ghesMeta: async () => ({ version: await ghes.version() }),
    ghesToken: () => tokenFacts("GHES", config.ghes.apiUrl, config.ghes.token, "GHES_TOKEN"),
    async ghesAuditLog() {
      if (deps.running && deps.running.enterprise === undefined) {
        // Asked again now: whether GHES would name it, the bot started without it and reads no audit log.
        const now = await discoverEnterprise({ apiUrl: config.ghes.apiUrl, token: config.ghes.token, fetch: deps.fetch });
        throw new AppError("GHES_ENTERPRISE_NOT_IN_USE", { side: "GHES", enterprise: now });
      }
      const configured = deps.running?.enterprise ?? config.ghes.enterprise;
      const enterprise =
        configured ?? (await discoverEnterprise({ apiUrl: config.ghes.apiUrl, token: config.ghes.token, fetch: deps.fetch }));
      await ghesInstance({ ...config.ghes, enterprise, fetch: deps.fetch }).connectionEvents(null);
      return { enterprise, discovered: config.ghes.enterprise === undefined };
    },
    manage: config.ghes.manage ? async () => ({ connectAllowed: (await ghes.license())?.connectAllowed === true }) : null,
    reach: () =>
      reachability([`${config.cloud.webUrl}/`, `${config.cloud.apiUrl}/meta`, `${config.cloud.uploadsUrl}/`], deps.fetch).check(),
    async app() {
      const app = buildOctokit({
        baseUrl: config.cloud.apiUrl,
        auth: { appId: config.cloud.appId, privateKey: config.cloud.appPrivateKey },
        fetch: deps.fetch,
      });
      try {
        const { data } = await app.rest.apps.getAuthenticated();
        const installations = await app.request("GET /app/installations", { per_page: 100 });
        // An organization's account has a login, an enterprise's a slug.
        const accounts = installations.data.map((i) => {
          const account = (i.account ?? {}) as { login?: string; slug?: string };
          return account.login ?? account.slug ?? "?";
        });
        return { slug: data?.slug ?? "?", installations: accounts };
      } catch (error) {
        throw mapGithubError(error, "CLOUD", "botApp", { variable: "GITHUB_APP_PRIVATE_KEY" });
      }
    },
    monitorToken: config.cloud.monitorToken
      ? () => tokenFacts("CLOUD", config.cloud.apiUrl, config.cloud.monitorToken as string, "GITHUB_MONITOR_TOKEN")
      : null,
  };
}
