import type { SourceStatus } from "./watch-state.ts";

export interface SourceFailure {
  code: string;
  /** When GitHub said to come back (rate limits); null: back off exponentially. */
  retryAt: Date | null;
}

const MAX_BACKOFF_MS = 15 * 60_000;

export function sourceOk(now: Date): SourceStatus {
  const at = now.toISOString();
  return { ok: true, at, lastOkAt: at, failingSince: null, failures: 0, detail: null, nextTryAt: null };
}

/** A failed read: remembered with its code, and the source is left alone for a while (rate limits: as told). */
export function sourceFailed(before: SourceStatus | undefined, failure: SourceFailure, now: Date, intervalMs: number): SourceStatus {
  const failures = (before?.ok === false ? before.failures : 0) + 1;
  const backoff = Math.min(intervalMs * 2 ** (failures - 1), MAX_BACKOFF_MS);
  const next = failure.retryAt && failure.retryAt.getTime() > now.getTime() ? failure.retryAt : new Date(now.getTime() + backoff);
  return {
    ok: false,
    at: now.toISOString(),
    lastOkAt: before?.lastOkAt ?? null,
    failingSince: before?.ok === false && before.failingSince ? before.failingSince : now.toISOString(),
    failures,
    detail: failure.code,
    nextTryAt: failures > 1 || failure.retryAt ? next.toISOString() : null,
  };
}

/** Whether a source is due this pass (not backing off). */
export const sourceDue = (status: SourceStatus | undefined, now: Date) =>
  !status?.nextTryAt || Date.parse(status.nextTryAt) <= now.getTime();
