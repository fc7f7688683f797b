import type { ConnectionRecord } from "../domain/operation.ts";
import type { AccountRef } from "../ports.ts";
import { advanceCursor, baselineCursor, readFrom } from "./advance-cursor.ts";
import type { CloudReadings } from "./plan-cloud.ts";
import { type SourceFailure, sourceDue, sourceFailed, sourceOk } from "./source-status.ts";
import type { CloudConnectSource, ConnectEvent } from "./watch-ports.ts";
import type { WatchState } from "./watch-state.ts";

/** GitHub.com's views change slowly (uploads are daily or weekly): read them at most this often. */
export const CLOUD_READ_MS = 5 * 60_000;

/**
 * The cloud account to read GitHub.com's records for: the one we record as connected, else the one GitHub's
 * picture names, else the enterprise read last (a connection made outside ghconnect names no account).
 */
export function watchedAccount(state: WatchState, connections: readonly ConnectionRecord[]): AccountRef | null {
  const connected = connections.filter((c) => c.state === "CONNECTED").map((c) => c.account);
  const last = state.cloud.enterprise ? { kind: "enterprise" as const, slug: state.cloud.enterprise } : null;
  return connected.find((a) => a.kind === "enterprise") ?? connected[0] ?? state.instance?.account ?? last;
}

export interface CloudRead {
  state: WatchState;
  readings: CloudReadings | null;
  /** `enterprise_installation.*` events not seen before. */
  events: ConnectEvent[];
}

/** Reads what is due on GitHub.com; a failure is remembered per source and never stops the pass. */
export async function readCloud(
  source: CloudConnectSource,
  start: WatchState,
  account: AccountRef | null,
  hostname: string,
  now: Date,
  intervalMs: number,
  failureOf: (e: unknown) => SourceFailure,
  warn: (m: string, e: unknown) => void,
): Promise<CloudRead> {
  const last = start.cloud.readAt ? Date.parse(start.cloud.readAt) : 0;
  if (!source.available || !account || !sourceDue(start.sources.ghec, now) || now.getTime() - last < Math.max(intervalMs, CLOUD_READ_MS)) {
    return { state: start, readings: null, events: [] };
  }
  const readings: CloudReadings = { account };
  let state = start;
  let events: ConnectEvent[] = [];
  try {
    readings.features = await source.features(account, hostname);
    if (account.kind === "enterprise") {
      readings.servers = await source.servers(account.slug);
      readings.licenseSync = await source.licenseSync(account.slug);
      const cursor = state.cloud.cursor;
      const read = await source.installationEvents(account.slug, readFrom(cursor, now));
      if (!cursor) {
        // What GitHub.com already held when the watch began is history, not news.
        state = { ...state, cloud: { ...state.cloud, cursor: baselineCursor(read, now) } };
      } else {
        const advanced = advanceCursor(cursor, read, now);
        events = advanced.fresh.map((e) => ({ ...e, account }));
        state = { ...state, cloud: { ...state.cloud, cursor: advanced.cursor } };
      }
    }
    state = { ...state, sources: { ...state.sources, ghec: sourceOk(now) } };
  } catch (error) {
    warn("watcher: GitHub.com's records could not be read", error);
    state = { ...state, sources: { ...state.sources, ghec: sourceFailed(state.sources.ghec, failureOf(error), now, intervalMs) } };
  }
  return { state, readings, events };
}
