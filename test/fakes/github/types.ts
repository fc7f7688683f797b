// Shared types of the fake GitHub servers (see /work/shared/docs/github-facts.md §9).

export type ServerName = "ghes" | "manage" | "cloudApi" | "cloudWeb";

/** One request as received by a fake server (recorded in order, including faulted ones). */
export interface RecordedRequest {
  server: ServerName;
  method: string;
  /** Full path without the query string, e.g. "/api/v3/user". */
  path: string;
  query: Record<string, string>;
  /** Lower-case header names; repeated headers are joined with ", ". */
  headers: Record<string, string>;
  /** Parsed JSON, a form object (urlencoded), the raw text for other types, or undefined when empty. */
  body: unknown;
}

/**
 * Fault injection. The next `times` (default 1) requests to `server` whose method (if given) and path match
 * get this answer instead of the normal one. `path` is the full path without query ("/api/v3/user"); a string
 * must be equal, a RegExp is tested. With only `delayMs` or `until` (no status/body/headers) the request is delayed
 * and then handled normally; otherwise the default status is 500 and the default body
 * `{"message":"fake: injected fault"}` (a string body is sent as-is). With `hang` the request is recorded and
 * checked, then never answered: it is held until the client gives up or the server closes. `query` narrows the
 * rule to requests whose query string has those values; a key given as undefined must be absent.
 */
export interface FaultRule {
  server: ServerName;
  method?: string;
  path: string | RegExp;
  /** Tells apart two callers of one path (e.g. the bot's operation check and its watcher, both reading the audit log). */
  query?: Record<string, string | undefined>;
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  delayMs?: number;
  /** Hold the request until this settles, then answer it normally (from the state at that moment). */
  until?: Promise<unknown>;
  /**
   * Never answer. Tests of a client's timeout use this instead of a delay, so the outcome does not depend on
   * which of two clocks wins on a busy machine.
   */
  hang?: boolean;
  times?: number;
}

/** What a route answers. `body` is sent as JSON unless `raw` is given. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Sent verbatim (e.g. a form-urlencoded answer); set the content-type in `headers`. */
  raw?: string;
  /** Skip the OpenAPI check of this answer (only for documented spec quirks, e.g. array-wrapped license). */
  unchecked?: boolean;
}

/** A request being handled: what is recorded, plus the means to report problems and add answer headers. */
export interface Ctx extends RecordedRequest {
  /** Record a problem with the request in `unexpected`. */
  report(message: string): void;
  /** Extra headers for the answer (e.g. x-oauth-scopes), set while handling. */
  responseHeaders: Record<string, string>;
}

export interface Route {
  method: string;
  /** Path template with {param} segments, including any prefix such as /api/v3. */
  path: string;
  handle(ctx: Ctx, params: Record<string, string>): Reply | Promise<Reply>;
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
