import { createHash } from "node:crypto";
import type { ConnectionEvent, GhesInstance, LicenseFacts } from "../../core/operations/instance-ports.ts";
import { AppError } from "../../errors.ts";
import { buildOctokit, type FetchLike, timedFetch } from "./build-octokit.ts";
import { mapGithubError } from "./map-github-error.ts";

export interface GhesInstanceOptions {
  url: string;
  apiUrl: string;
  token: string;
  enterprise?: string;
  manage?: { url: string; password: string };
  fetch?: FetchLike;
}

/** The Manage API documents an object but its example is a one-element array; accept both. */
const unwrap = (body: unknown): Record<string, unknown> => ((Array.isArray(body) ? body[0] : body) ?? {}) as Record<string, unknown>;

export function licenseFingerprint(publicKey: string): string {
  return createHash("sha256").update(publicKey.trim()).digest("hex").slice(0, 32);
}

export function ghesInstance(o: GhesInstanceOptions): GhesInstance {
  const octokit = buildOctokit({ baseUrl: o.apiUrl, auth: o.token, fetch: o.fetch });
  const send = o.fetch ?? timedFetch();

  async function manage(path: string): Promise<Record<string, unknown>> {
    const manageOptions = o.manage as { url: string; password: string };
    let response: Response;
    try {
      response = await send(`${manageOptions.url}${path}`, {
        headers: {
          authorization: `Basic ${Buffer.from(`api_key:${manageOptions.password}`).toString("base64")}`,
          accept: "application/json",
        },
      });
    } catch (error) {
      throw mapGithubError(error, "GHES", "manageApi");
    }
    if (response.status === 401)
      throw new AppError(
        "GITHUB_UNAUTHORIZED",
        { side: "GHES", variable: "GHES_MANAGE_PASSWORD" },
        { message: "Manage API rejected GHES_MANAGE_PASSWORD" },
      );
    if (!response.ok)
      throw new AppError(response.status >= 500 ? "GITHUB_SERVER_ERROR" : "GITHUB_UNEXPECTED", {
        side: "GHES",
        status: response.status,
        detail: `Manage API HTTP ${response.status}`,
      });
    return unwrap(await response.json());
  }

  return {
    hostname: new URL(o.url).hostname,
    settingsUrl: o.enterprise ? `${o.url}/enterprises/${o.enterprise}/settings/dotcom_connection` : null,
    async version() {
      try {
        const { data, headers } = await octokit.request("GET /meta");
        const version = (data as { installed_version?: string }).installed_version ?? headers["x-github-enterprise-version"];
        return String(version ?? "unknown");
      } catch (error) {
        throw mapGithubError(error, "GHES", "meta", { variable: "GHES_TOKEN" });
      }
    },
    async license(): Promise<LicenseFacts | null> {
      if (!o.manage) return null;
      const [license, settings] = await Promise.all([manage("/manage/v1/config/license"), manage("/manage/v1/config/settings")]);
      const customer = (settings.customer ?? {}) as { name?: string; public_key_data?: string };
      return {
        connectAllowed: license.croquetSupport === true,
        customerName: customer.name ?? (typeof license.company === "string" ? license.company : null),
        // Only the public part is kept; settings also carry a private key, which is never read out of `settings`.
        publicKey: customer.public_key_data ?? null,
      };
    },
    async connectionEvents(since): Promise<ConnectionEvent[] | null> {
      if (!o.enterprise) return null;
      try {
        const { data } = await octokit.request("GET /enterprises/{enterprise}/audit-log", {
          enterprise: o.enterprise,
          phrase: "action:dotcom_connection",
          per_page: 100,
        });
        return (data as Array<{ action?: string; actor?: string; "@timestamp"?: number }>)
          .filter((e) => typeof e.action === "string" && e.action.startsWith("dotcom_connection."))
          .map((e) => ({ action: e.action as string, actor: e.actor ?? "unknown", at: new Date(e["@timestamp"] ?? 0) }))
          .filter((e) => since === null || e.at.getTime() >= since.getTime())
          .sort((a, b) => b.at.getTime() - a.at.getTime());
      } catch (error) {
        throw mapGithubError(error, "GHES", "enterpriseAuditLog", { variable: "GHES_TOKEN", enterpriseAuditLog: true });
      }
    },
  };
}
