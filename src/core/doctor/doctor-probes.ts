import type { ReachabilityResult } from "../operations/instance-ports.ts";

/** What GitHub says about a token in the answer to a call made with it. */
export interface TokenFacts {
  login: string;
  siteAdmin?: boolean;
  /** Classic scopes from `X-OAuth-Scopes`; null when the answer has none (fine-grained or app tokens). */
  scopes: string[] | null;
  /** From `GitHub-Authentication-Token-Expiration`; null when the token does not expire. */
  expiresAt: Date | null;
}

export type DatabaseFacts =
  | { kind: "postgres"; applied: number; pending: string[] }
  /** An embedded directory is never opened by a second process: only whether it exists is known. */
  | { kind: "pglite"; dataDir: string; exists: boolean; applied?: number; pending?: string[] };

export type ChannelFacts =
  | { name: string; member: boolean; archived: boolean }
  | { unknown: "missing_scope"; scope: string }
  /** Slack says so for a private channel the bot is not in, too. */
  | { notFound: true };

/**
 * The reads the doctor makes, each with the bot's own credentials. A probe throws a coded AppError when the
 * other side refuses or cannot be reached; null means the check does not apply to this configuration.
 */
export interface DoctorProbes {
  database(): Promise<DatabaseFacts>;
  slackAuth(): Promise<{ team: string; botUser: string; scopes: string[] | null }>;
  slackChannel(channel: string, scopes: string[] | null): Promise<ChannelFacts>;
  slackSocket: (() => Promise<void>) | null;
  ghesMeta(): Promise<{ version: string }>;
  ghesToken(): Promise<TokenFacts>;
  /** The enterprise slug (configured or discovered) and whether its audit log answered. */
  ghesAuditLog(): Promise<{ enterprise: string; discovered: boolean }>;
  manage: (() => Promise<{ connectAllowed: boolean }>) | null;
  reach(): Promise<ReachabilityResult[]>;
  app(): Promise<{ slug: string; installations: string[] }>;
  monitorToken: (() => Promise<TokenFacts>) | null;
}
