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

export function buildOctokit(options: { baseUrl: string; auth?: string; fetch?: FetchLike }): Octokit {
  return new Octokit({
    baseUrl: options.baseUrl,
    ...(options.auth ? { auth: options.auth } : {}),
    userAgent: "ghconnect/0.1",
    // Octokit's own logging would print request details; our callers log coded errors instead.
    log: quiet,
    request: { fetch: options.fetch ?? timedFetch() },
  });
}
