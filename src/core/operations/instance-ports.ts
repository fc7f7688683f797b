import type { AccountRef } from "../ports.ts";

export interface ConnectionEvent {
  action: string;
  actor: string;
  at: Date;
}

export interface LicenseFacts {
  /** The license's GitHub Connect flag (`croquetSupport`). */
  connectAllowed: boolean;
  customerName: string | null;
  publicKey: string | null;
}

/** What the bot reads about its own GHES instance with its own credentials. */
export interface GhesInstance {
  hostname: string;
  /** The GitHub Connect settings page, when the enterprise slug is known. */
  settingsUrl: string | null;
  version(): Promise<string>;
  /** null when the Manage API is not configured. */
  license(): Promise<LicenseFacts | null>;
  /** dotcom_connection.* events at or after `since`; null when the audit log cannot be read (no enterprise slug). */
  connectionEvents(since: Date | null): Promise<ConnectionEvent[] | null>;
}

export type InstallationStatus = { installed: true; id: number } | { installed: false; installUrl: string };

/** What the bot reads on GitHub.com with its own GitHub App (and the optional monitor token). */
export interface CloudInstance {
  installation(account: AccountRef): Promise<InstallationStatus>;
  /** Hostnames connected to the enterprise; null when no token may read them (no monitor token, or an org). */
  connectedServers(account: AccountRef): Promise<string[] | null>;
}

export interface ReachabilityResult {
  target: string;
  ok: boolean;
  detail: string;
  /** The answer's `Date` header: the doctor compares clocks with it. */
  date?: Date;
}
export interface Reachability {
  check(): Promise<ReachabilityResult[]>;
}
