import type { GithubWhat } from "../../core/domain/github-what.ts";
import type { Side } from "../../core/ports.ts";
import { AppError } from "../../errors.ts";
import { redact } from "../../log/redact.ts";

interface HttpFailure {
  status: number;
  headers: Record<string, string | undefined>;
  message: string;
}

function failureOf(error: unknown): HttpFailure | null {
  if (typeof error !== "object" || error === null) return null;
  const e = error as { status?: unknown; response?: { status?: number; headers?: Record<string, string | undefined> }; message?: string };
  if (!e.response || typeof e.response.status !== "number") return null;
  return { status: e.response.status, headers: e.response.headers ?? {}, message: String(e.message ?? "") };
}

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e: unknown = error; e && chain.length < 6; e = (e as { cause?: unknown }).cause) chain.push(e);
  return chain;
}

export const TIMEOUT_SECONDS = 15;

/** The bot's own credential a call used (named in a 401, so an operator knows what to replace). */
export type BotCredential = "GHES_TOKEN" | "GITHUB_MONITOR_TOKEN" | "GHES_MANAGE_PASSWORD" | "GITHUB_APP_PRIVATE_KEY";

export interface MapOptions {
  /** The bot's credential the call was made with; absent for a user's own token. */
  variable?: BotCredential;
  /** A 404 here means GHES_ENTERPRISE or the token's scope is wrong, not that something is missing. */
  enterpriseAuditLog?: boolean;
  /** The account's name, for `what`s that carry one. */
  slug?: string;
  /** The account's SAML page, for an SSO answer that names none. */
  sso?: string;
  now?: () => Date;
}

/**
 * Turns whatever Octokit or fetch threw into a coded error a user can act on. `what` names the thing asked
 * for, for 404s.
 */
export function mapGithubError(error: unknown, side: Side, what: GithubWhat = "it", o: MapOptions = {}): AppError {
  const now = o.now ?? (() => new Date());
  if (error instanceof AppError) return error;
  const failure = failureOf(error);
  if (!failure) {
    const chain = causes(error);
    const timeout = chain.find((e) => e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError"));
    if (timeout) {
      const seconds = (timeout as { timeoutSeconds?: number }).timeoutSeconds ?? TIMEOUT_SECONDS;
      return new AppError("GITHUB_TIMEOUT", { side, seconds }, { cause: error });
    }
    const code = chain.map((e) => (e as { code?: unknown }).code).find((c) => typeof c === "string");
    return new AppError("GITHUB_UNREACHABLE", { side, detail: typeof code === "string" ? code : "network error" }, { cause: error });
  }
  const { status, headers } = failure;
  const h = (name: string) => headers[name];
  if ((status === 403 || status === 429) && h("x-ratelimit-remaining") === "0" && h("x-ratelimit-reset")) {
    return new AppError(
      "GITHUB_RATE_LIMITED",
      { side, retryAt: new Date(Number(h("x-ratelimit-reset")) * 1000).toISOString() },
      { cause: error },
    );
  }
  if ((status === 403 || status === 429) && h("retry-after")) {
    const at = new Date(now().getTime() + Number(h("retry-after")) * 1000).toISOString();
    return new AppError("GITHUB_RATE_LIMITED", { side, retryAt: at }, { cause: error });
  }
  if (status === 429)
    return new AppError("GITHUB_RATE_LIMITED", { side, retryAt: new Date(now().getTime() + 60_000).toISOString() }, { cause: error });
  if (status === 401)
    return new AppError("GITHUB_UNAUTHORIZED", { side, ...(o.variable ? { variable: o.variable } : {}) }, { cause: error });
  if (status === 403 && h("x-github-sso")) {
    const url = /url=(\S+)/.exec(h("x-github-sso") ?? "")?.[1];
    const page = url ?? o.sso;
    return new AppError("GITHUB_SSO_REQUIRED", { side, ...(page ? { url: page } : {}) }, { cause: error });
  }
  if (status === 403) return new AppError("GITHUB_FORBIDDEN", { side, detail: redact(failure.message).slice(0, 200) }, { cause: error });
  if (status === 404)
    return new AppError(
      "GITHUB_NOT_FOUND",
      { side, what, ...(o.slug ? { slug: o.slug } : {}), ...(o.enterpriseAuditLog ? { reason: "enterprise_audit_log" } : {}) },
      { cause: error },
    );
  if (status >= 500) return new AppError("GITHUB_SERVER_ERROR", { side, status }, { cause: error });
  return new AppError("GITHUB_UNEXPECTED", { side, detail: `HTTP ${status}` }, { cause: error });
}

export function statusOf(error: unknown): number | undefined {
  return failureOf(error)?.status;
}
