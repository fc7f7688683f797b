/**
 * The narrow interfaces the core needs from the outside. Adapters implement them; core tests use in-memory
 * versions. Nothing here knows Slack, Octokit or Prisma.
 */
import type { Notice } from "./domain/notice.ts";

/** A Slack user, keyed by the Grid (enterprise) id when there is one, else the workspace id. */
export interface SlackUserRef {
  team: string;
  user: string;
}

export type Side = "GHES" | "CLOUD";
export type AccountKind = "org" | "enterprise";
export interface AccountRef {
  kind: AccountKind;
  slug: string;
}

export interface Clock {
  now(): Date;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface TokenSet {
  accessToken: string;
  accessExpiresAt: Date | null;
  refreshToken: string | null;
  refreshExpiresAt: Date | null;
}

/**
 * Short-lived exclusive marks shared by every replica: `take` is true for one caller until the mark is
 * released or its time runs out (so a process that died cannot hold it for ever).
 */
export interface Claims {
  take(key: string, ttlMs: number): Promise<boolean>;
  release(key: string): Promise<void>;
}

export interface StoredLink extends TokenSet {
  ref: SlackUserRef;
  side: Side;
  login: string;
  githubUserId: number;
  clientId: string;
  updatedAt: Date;
}

export interface LinkStore {
  get(ref: SlackUserRef, side: Side): Promise<StoredLink | null>;
  list(ref: SlackUserRef): Promise<StoredLink[]>;
  save(link: Omit<StoredLink, "updatedAt">): Promise<void>;
  /** Replaces the tokens only if the stored refresh token is still `previousRefresh` (one refresher wins). */
  replaceTokens(ref: SlackUserRef, side: Side, previousRefresh: string | null, tokens: TokenSet): Promise<boolean>;
  remove(ref: SlackUserRef, side: Side): Promise<boolean>;
}

export interface AuditEventInput {
  actor?: SlackUserRef;
  action: string;
  target?: string;
  decision?: "allowed" | "denied" | "error" | "ok";
  reason?: string;
  requestId?: string;
  detail?: Record<string, string | number | boolean | null>;
}

export interface AuditEventRecord extends AuditEventInput {
  id: string;
  at: Date;
}

export interface AuditLog {
  /** Appends the event, and in the same transaction the notices it owes the channel. */
  record(event: AuditEventInput, notices?: Notice[]): Promise<void>;
  /** The newest events first; with a filter, only those about an account (its commands and operations) or by a user. */
  latest(limit: number, filter?: AuditFilter): Promise<AuditEventRecord[]>;
}

export interface AuditFilter {
  account?: { kind: AccountKind | null; slug: string };
  /** A Slack member id. */
  user?: string;
}

/** What Slack says about a user, asked live. */
export interface SlackUserInfo {
  kind: "member" | "guest" | "deleted" | "bot";
  locale: string | null;
}
export interface SlackDirectory {
  lookup(userId: string): Promise<SlackUserInfo>;
}

export interface GithubViewer {
  login: string;
  id: number;
  siteAdmin: boolean;
}

export interface OrgMembership {
  state: "active" | "pending";
  role: "admin" | "member" | "billing_manager" | string;
}

/** The human's own view of GitHub, through their linked token. */
export interface GithubUserApi {
  viewer(token: string): Promise<GithubViewer>;
}

export interface CloudUserApi extends GithubUserApi {
  /** null when the user has no affiliation with the org (404). */
  orgMembership(token: string, org: string): Promise<OrgMembership | null>;
  /** null when the enterprise is unknown or hidden; isOwner: this login holds an OWNER edge (billing managers do not). */
  enterpriseOwnership(token: string, slug: string, login: string): Promise<{ isOwner: boolean } | null>;
  orgExists(token: string, org: string): Promise<boolean>;
  enterpriseExists(token: string, slug: string): Promise<boolean>;
}

export interface DeviceCode {
  deviceCode: string;
  userCode: string;
  verificationUri: string;
  expiresInSeconds: number;
  intervalSeconds: number;
}

export type DevicePoll =
  | { status: "pending" }
  | { status: "slow_down"; intervalSeconds: number }
  | { status: "expired" }
  | { status: "denied" }
  | { status: "disabled" }
  | { status: "failed"; error: string }
  | { status: "approved"; tokens: TokenSet };

export interface DeviceFlowClient {
  start(clientId: string): Promise<DeviceCode>;
  poll(clientId: string, deviceCode: string): Promise<DevicePoll>;
  /** null when the refresh token is no longer valid. */
  refresh(clientId: string, refreshToken: string): Promise<TokenSet | null>;
}
