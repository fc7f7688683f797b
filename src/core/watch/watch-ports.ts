import type { Notice } from "../domain/notice.ts";
import type { ConnectionRecord, Operation } from "../domain/operation.ts";
import type { AccountRef, AuditEventInput } from "../ports.ts";
import type { WatchState } from "./watch-state.ts";

/** One GHES audit-log event about GitHub Connect (`dotcom_connection.*`). */
export interface ConnectEvent {
  id: string;
  action: string;
  actor: string;
  at: Date;
  /** The cloud account, when the record names it (GitHub.com's enterprise audit log does; GHES's does not). */
  account?: AccountRef;
}

/** The GHES audit log, read with GHES_TOKEN. */
export interface ConnectEventSource {
  /** false when the enterprise slug is unknown (GHES_ENTERPRISE unset): nothing can be read. */
  readonly available: boolean;
  /** Every dotcom_connection event from the day of `from` on, oldest first, all pages. */
  since(from: Date): Promise<ConnectEvent[]>;
  /** The newest create and the newest destroy, however old (first pass: the current picture). */
  lastChanges(): Promise<ConnectEvent[]>;
}

/** The bot's own GitHub App: a JWT call and an installation token, exercised each pass. */
export interface AppProbe {
  exercise(): Promise<{ installations: number }>;
}

/** What GitHub said about the bot's own tokens in the responses to its requests. */
export interface CredentialObservation {
  variable: string;
  /** From `github-authentication-token-expiration`; null when GitHub sent none (a token without expiry). */
  expiresAt: Date | null;
  rejected: boolean;
  /** What was wrong, when rejected (an HTTP status or an error code; never the token). */
  detail?: string;
  at: Date;
}
export interface CredentialObserver {
  snapshot(): CredentialObservation[];
}

export interface Lease {
  holder: string;
  fence: bigint;
  expiresAt: Date;
}

export interface WatchRecord {
  state: WatchState;
  holder: string | null;
  leaseExpiresAt: Date | null;
  passAt: Date | null;
}

/** What one pass changes, committed in one transaction and only under the pass's fence. */
export interface WatchCommit {
  state: WatchState;
  audit: AuditEventInput[];
  notices: Notice[];
  connections: ConnectionRecord[];
  /** Operations that failed on their time limit but whose change GitHub recorded later (FAILED → VERIFIED). */
  late: Array<{ op: Operation; evidence: string; at: Date }>;
}

export interface WatchStore {
  /** Takes the lease if it is free or expired, renews it if held; null when another holder has it. */
  acquire(holder: string, now: Date, ttlMs: number): Promise<Lease | null>;
  release(lease: Lease): Promise<void>;
  load(): Promise<WatchRecord>;
  /** false when the fence moved on (another replica took over): nothing was written. Extends the lease by `ttlMs`. */
  commit(lease: Lease, change: WatchCommit, now: Date, ttlMs: number): Promise<boolean>;
}

/** One GHES installation as GitHub.com lists it for an enterprise. */
export interface CloudServer {
  hostName: string;
  isConnected: boolean;
  /** The newest user-license upload: PENDING, SUCCESS or FAILURE. */
  lastUpload: { syncState: string; at: string } | null;
}

export interface LicenseSync {
  hostname: string;
  date: string | null;
  status: string;
  error: string;
}

/** GitHub.com's own records of the connection, read with GITHUB_MONITOR_TOKEN (enterprise accounts). */
export interface CloudConnectSource {
  /** false without GITHUB_MONITOR_TOKEN. */
  readonly available: boolean;
  servers(enterprise: string): Promise<CloudServer[]>;
  licenseSync(enterprise: string): Promise<LicenseSync[]>;
  /** `enterprise_installation.*` events at or after `from`, oldest first. */
  installationEvents(enterprise: string, from: Date): Promise<ConnectEvent[]>;
  /** The GitHub Connect features Server Statistics reports; null when Server Statistics is off (normal). */
  features(account: { kind: "org" | "enterprise"; slug: string }, hostname: string): Promise<string[] | null>;
}
