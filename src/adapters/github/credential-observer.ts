import type { CredentialObservation, CredentialObserver } from "../../core/watch/watch-ports.ts";
import type { FetchLike } from "./build-octokit.ts";

const EXPIRATION = "github-authentication-token-expiration";

function authorizationOf(init: RequestInit | undefined): string | undefined {
  const headers = init?.headers;
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get("authorization") ?? undefined;
  if (Array.isArray(headers)) return headers.find(([k]) => k.toLowerCase() === "authorization")?.[1];
  const record = headers as Record<string, string>;
  return record.authorization ?? record.Authorization;
}

/** "2026-12-24 12:00:00 UTC" (GitHub's format), or anything Date understands. */
export function parseExpiration(value: string): Date | null {
  const iso = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) UTC$/.exec(value.trim());
  const date = new Date(iso ? `${iso[1]}T${iso[2]}Z` : value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * A fetch that notes what GitHub says about the bot's own tokens in every answer: the expiry header GitHub
 * adds for expiring tokens, and a 401. Only the variable's name is kept, never the token.
 */
export function observeCredentials(
  base: FetchLike,
  tokens: Record<string, string | undefined>,
  now: () => Date = () => new Date(),
): { fetch: FetchLike; observer: CredentialObserver } {
  const latest = new Map<string, CredentialObservation>();
  const byToken = new Map(
    Object.entries(tokens)
      .filter((e): e is [string, string] => Boolean(e[1]))
      .map(([variable, token]) => [token, variable]),
  );
  const fetch: FetchLike = async (input, init) => {
    const response = await base(input, init);
    const token = authorizationOf(init)?.replace(/^(bearer|token)\s+/i, "");
    const variable = token ? byToken.get(token) : undefined;
    if (variable) {
      const header = response.headers.get(EXPIRATION);
      latest.set(variable, {
        variable,
        expiresAt: header ? parseExpiration(header) : null,
        rejected: response.status === 401,
        ...(response.status === 401 ? { detail: "HTTP 401" } : {}),
        at: now(),
      });
    }
    return response;
  };
  return { fetch, observer: { snapshot: () => [...latest.values()] } };
}
