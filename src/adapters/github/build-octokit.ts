import { createAppAuth } from "@octokit/auth-app";
import { Octokit } from "@octokit/rest";
import { TIMEOUT_SECONDS } from "./map-github-error.ts";

export type FetchLike = typeof fetch;

/**
 * A fetch that gives up after the timeout, so a hung GitHub becomes an answer, not a hang. The error keeps
 * the number of seconds so the message can say how long we waited.
 */
export function timedFetch(base: FetchLike = fetch, seconds = TIMEOUT_SECONDS): FetchLike {
  return async (input, init) => {
    try {
      return await base(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(seconds * 1000) });
    } catch (error) {
      if ((error as Error)?.name !== "TimeoutError") throw error;
      throw Object.assign(new Error(`no answer within ${seconds}s`, { cause: error }), { name: "TimeoutError", timeoutSeconds: seconds });
    }
  };
}

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

export interface OctokitOptions {
  baseUrl: string;
  /** A token (user, site admin, monitor), or the bot's GitHub App, whose JWT and installation tokens auth-app makes. */
  auth?: string | { appId: string | number; privateKey: string };
  fetch?: FetchLike;
}

/** Every Octokit of the bot is built here: one user agent, one timeout, no logging of request details. */
export function buildOctokit(options: OctokitOptions): Octokit {
  const auth = options.auth;
  return new Octokit({
    baseUrl: options.baseUrl,
    ...(typeof auth === "string" ? { auth } : auth ? { authStrategy: createAppAuth, auth } : {}),
    userAgent: "ghconnect/0.1",
    // Octokit's own logging would print request details; our callers log coded errors instead.
    log: quiet,
    request: { fetch: options.fetch ?? timedFetch() },
  });
}
