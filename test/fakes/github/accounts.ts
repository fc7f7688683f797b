// Users, tokens and token authentication of one GitHub side (GHES or cloud).
import { badCredentials, randomToken } from "./http-util.ts";
import type { Ctx, Reply } from "./types.ts";

export interface FakeUser {
  login: string;
  id: number;
  siteAdmin: boolean;
  name: string | null;
  email: string | null;
  /** GHES only: set for LDAP-synced users. */
  ldapDn?: string;
}

export interface TokenRecord {
  token: string;
  kind: "user" | "installation";
  login?: string;
  installationId?: number;
  /** Classic token scopes, echoed in x-oauth-scopes; undefined for ghu_/ghs_ tokens. */
  scopes?: string[];
  /** Epoch ms (server clock); undefined = never expires. */
  expiresAt?: number;
  revoked: boolean;
}

export interface IssueTokenOptions {
  scopes?: string[];
  /** Lifetime in seconds; default: never expires. */
  expiresInSec?: number;
  /** Token prefix, default "ghp_" (classic PAT); use "gho_" or "ghu_" as needed. */
  prefix?: string;
  /** Use this exact token string instead of a random one. */
  token?: string;
}

export type AuthResult = { ok: true; record: TokenRecord; user?: FakeUser } | { ok: false; reply: Reply };

export class Accounts {
  readonly users = new Map<string, FakeUser>();
  readonly tokens = new Map<string, TokenRecord>();
  /** Offset of this side's clock from the real one (affects JWT checks, token expiry and the Date header). */
  clockSkewMs = 0;
  private nextId: number;

  constructor(firstId: number) {
    this.nextId = firstId;
  }

  now(): number {
    return Date.now() + this.clockSkewMs;
  }

  addUser(login: string, opts: Partial<Omit<FakeUser, "login">> = {}): FakeUser {
    const user: FakeUser = {
      login,
      id: opts.id ?? this.nextId++,
      siteAdmin: opts.siteAdmin ?? false,
      name: opts.name ?? null,
      email: opts.email ?? null,
      ...(opts.ldapDn !== undefined ? { ldapDn: opts.ldapDn } : {}),
    };
    this.users.set(login.toLowerCase(), user);
    return user;
  }

  user(login: string): FakeUser | undefined {
    return this.users.get(login.toLowerCase());
  }

  /** Issue a user token for an existing user and return it. */
  issueToken(login: string, opts: IssueTokenOptions = {}): string {
    const user = this.user(login);
    if (!user) throw new Error(`fake github: issueToken for unknown user '${login}'`);
    const token = opts.token ?? randomToken(opts.prefix ?? "ghp_");
    this.tokens.set(token, {
      token,
      kind: "user",
      login: user.login,
      revoked: false,
      ...(opts.scopes ? { scopes: opts.scopes } : {}),
      ...(opts.expiresInSec !== undefined ? { expiresAt: this.now() + opts.expiresInSec * 1000 } : {}),
    });
    return token;
  }

  revokeToken(token: string): void {
    const record = this.tokens.get(token);
    if (!record) throw new Error(`fake github: revokeToken for unknown token`);
    record.revoked = true;
  }

  expireToken(token: string): void {
    const record = this.tokens.get(token);
    if (!record) throw new Error(`fake github: expireToken for unknown token`);
    record.expiresAt = this.now() - 1000;
  }

  /** A token that is known, not revoked and not expired. */
  valid(token: string): TokenRecord | undefined {
    const r = this.tokens.get(token);
    if (!r || r.revoked || (r.expiresAt !== undefined && r.expiresAt <= this.now())) return undefined;
    return r;
  }

  /** Authenticate `Authorization: Bearer X` / `token X`. Malformed headers are also reported as unexpected. */
  authenticate(ctx: Ctx): AuthResult {
    const token = bearerToken(ctx);
    const record = token === undefined ? undefined : this.valid(token);
    if (!record) return { ok: false, reply: badCredentials() };
    if (record.scopes) ctx.responseHeaders["x-oauth-scopes"] = record.scopes.join(", ");
    // GitHub tells the expiry of expiring personal access tokens on every answer (github-facts §10).
    if (record.expiresAt !== undefined && /^(ghp_|github_pat_)/.test(record.token)) {
      ctx.responseHeaders["github-authentication-token-expiration"] = new Date(record.expiresAt)
        .toISOString()
        .replace("T", " ")
        .replace(/\.\d{3}Z$/, " UTC");
    }
    const user = record.login === undefined ? undefined : this.user(record.login);
    return user ? { ok: true, record, user } : { ok: true, record };
  }
}

/** The token of `Authorization: Bearer X` or `token X`; reports other formats to `unexpected`. */
export function bearerToken(ctx: Ctx): string | undefined {
  const header = ctx.headers.authorization;
  if (header === undefined) return undefined;
  const m = /^(bearer|token)\s+(\S+)\s*$/i.exec(header);
  if (!m) {
    ctx.report(`bad Authorization header format on ${ctx.method} ${ctx.path}: '${header.slice(0, 20)}...'`);
    return undefined;
  }
  return m[2];
}
