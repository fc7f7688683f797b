import type { AccountRef } from "../ports.ts";

/**
 * Newest audit event seen, and the ids of the events seen within the overlap window before it: several events
 * can share a millisecond, and an audit log may index an event a little after its own timestamp.
 */
export interface WatchCursor {
  at: number;
  seen: Array<{ id: string; at: number }>;
}

export interface SourceStatus {
  ok: boolean;
  /** When it was last asked. */
  at: string;
  lastOkAt: string | null;
  failingSince: string | null;
  failures: number;
  /** The coded error of the last failure (never a token: codes and HTTP statuses only). */
  detail: string | null;
  /** Backing off (rate limit, outage): not asked again before this. */
  nextTryAt: string | null;
}

/** GitHub Connect as GitHub's own records show it (the GHES audit log), not as the bot remembers doing it. */
export interface InstancePicture {
  connected: boolean;
  at: string;
  actor: string;
  via: "ghconnect" | "out_of_band" | "late";
  account: AccountRef | null;
  /** The Slack thread where this connection's events go. */
  thread: string | null;
}

export interface CredentialStatus {
  expiresAt: string | null;
  /** The smallest warning band already announced for this expiry (14, 7 or 1 days). */
  band: number | null;
  rejected: boolean;
  detail: string | null;
  at: string;
}

/** What GitHub.com's own records said (GITHUB_MONITOR_TOKEN), and which alerts about them are out. */
export interface CloudPicture {
  enterprise: string | null;
  /** Whether GitHub.com lists this instance as connected (null: not read yet). */
  listedConnected: boolean | null;
  driftSince: string | null;
  sync: { status: string; date: string | null; error: string } | null;
  syncFailingSince: string | null;
  /** Server Statistics' `features_enabled` (null: Server Statistics off, or not read yet). */
  features: string[] | null;
  cursor: WatchCursor | null;
  /** The slower GitHub.com reads run at most every few minutes. */
  readAt: string | null;
}

/** Where the watcher stands; stored as one JSON document, committed only by the current lease holder. */
export interface WatchState {
  cursor: WatchCursor | null;
  sources: Record<string, SourceStatus>;
  instance: InstancePicture | null;
  token: { last: string | null; day: string | null; dayCount: number; silentSince: string | null };
  lastUpload: string | null;
  credentials: Record<string, CredentialStatus>;
  /** Sources whose blindness has been announced (a recovery is announced once too). */
  blindAlerted: string[];
  cloud: CloudPicture;
}

export const emptyCloudPicture = (): CloudPicture => ({
  enterprise: null,
  listedConnected: null,
  driftSince: null,
  sync: null,
  syncFailingSince: null,
  features: null,
  cursor: null,
  readAt: null,
});

export const emptyWatchState = (): WatchState => ({
  cursor: null,
  sources: {},
  instance: null,
  token: { last: null, day: null, dayCount: 0, silentSince: null },
  lastUpload: null,
  credentials: {},
  blindAlerted: [],
  cloud: emptyCloudPicture(),
});

/** A stored document from an older version may lack fields: missing ones take their empty value. */
export function normalizeWatchState(raw: unknown): WatchState {
  const base = emptyWatchState();
  if (typeof raw !== "object" || raw === null) return base;
  const r = raw as Partial<WatchState>;
  return {
    ...base,
    ...r,
    token: { ...base.token, ...(r.token ?? {}) },
    sources: r.sources ?? {},
    credentials: r.credentials ?? {},
    blindAlerted: r.blindAlerted ?? [],
    cloud: { ...base.cloud, ...(r.cloud ?? {}) },
  };
}
