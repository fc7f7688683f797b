import { AppError } from "../../errors.ts";
import type { ConnectionStore, Operation, OperationStore } from "../domain/operation.ts";
import type { Clock } from "../ports.ts";
import { advanceCursor, baselineCursor, readFrom } from "./advance-cursor.ts";
import { classifyConnectEvent } from "./classify-connect-event.ts";
import { planBlindness, planCredentialAlerts, planTokenSilence } from "./plan-alerts.ts";
import { planCloud } from "./plan-cloud.ts";
import { currentThread, planConnectEvents } from "./plan-connect-events.ts";
import { readCloud, watchedAccount } from "./read-cloud.ts";
import { type SourceFailure, sourceDue, sourceFailed, sourceOk } from "./source-status.ts";
import type {
  AppProbe,
  CloudConnectSource,
  ConnectEvent,
  ConnectEventSource,
  CredentialObservation,
  CredentialObserver,
  Lease,
  WatchStore,
} from "./watch-ports.ts";
import type { WatchState } from "./watch-state.ts";

export interface WatchSettings {
  intervalMs: number;
  /** No credential renewal by GitHub Connect for this long, while connected, is an alert. */
  tokenSilenceMs: number;
  /** A source unreadable for this long is an alert. */
  blindMs: number;
}

export interface WatchDeps {
  store: WatchStore;
  events: ConnectEventSource;
  cloud: CloudConnectSource;
  app: AppProbe;
  credentials: CredentialObserver;
  operations: Pick<OperationStore, "confirmedSince" | "get">;
  connections: ConnectionStore;
  /** Re-renders the card of an operation a late click verified (never throws; the worker edits a card left behind). */
  refreshCard(op: Operation): Promise<void>;
  hostname: string;
  clock: Clock;
  settings: WatchSettings;
  warn(message: string, error: unknown): void;
}

/** How far back operations are looked at to tie GitHub's events to them. */
const OPERATION_WINDOW_MS = 30 * 86_400_000;

function failureOf(error: unknown): SourceFailure {
  if (error instanceof AppError) {
    const retryAt = typeof error.params.retryAt === "string" ? new Date(error.params.retryAt) : null;
    return { code: error.code, retryAt: retryAt && !Number.isNaN(retryAt.getTime()) ? retryAt : null };
  }
  return { code: "unexpected", retryAt: null };
}

/** The first pass: where to start reading, and the current picture, without announcing history. */
function baseline(state: WatchState, recent: ConnectEvent[], changes: ConnectEvent[], operations: Operation[], now: Date): WatchState {
  const oldestFirst = [...recent, ...changes].sort((a, b) => a.at.getTime() - b.at.getTime());
  const change = oldestFirst.filter((e) => e.action === "dotcom_connection.create" || e.action === "dotcom_connection.destroy").at(-1);
  const renewal = oldestFirst.filter((e) => e.action === "dotcom_connection.token_updated").at(-1);
  const origin = change ? classifyConnectEvent(change, operations) : null;
  return {
    ...state,
    cursor: baselineCursor(recent, now),
    instance: change
      ? {
          connected: change.action === "dotcom_connection.create",
          at: change.at.toISOString(),
          actor: change.actor,
          via: origin?.kind === "out_of_band" ? "out_of_band" : "ghconnect",
          account: origin && origin.kind !== "out_of_band" ? origin.op.account : null,
          thread: null,
        }
      : state.instance,
    token: renewal ? { ...state.token, last: renewal.at.toISOString() } : state.token,
  };
}

/**
 * One look at GitHub Connect: read each due source, fold what it said into the stored state, and commit the
 * records, the connection changes and the notices together, under the lease's fence.
 */
export async function runWatchPass(deps: WatchDeps, lease: Lease, ttlMs: number): Promise<boolean> {
  const now = deps.clock.now();
  const { state: start } = await deps.store.load();
  const connections = await deps.connections.list();
  let state: WatchState = { ...start, sources: { ...start.sources } };
  let fresh: ConnectEvent[] = [];
  let firstRead: { recent: ConnectEvent[]; changes: ConnectEvent[] } | null = null;

  if (deps.events.available && sourceDue(state.sources.ghes_audit, now)) {
    try {
      if (!state.cursor) {
        firstRead = { recent: await deps.events.since(readFrom(null, now)), changes: await deps.events.lastChanges() };
      } else {
        const advanced = advanceCursor(state.cursor, await deps.events.since(readFrom(state.cursor, now)), now);
        fresh = advanced.fresh;
        state.cursor = advanced.cursor;
      }
      state.sources.ghes_audit = sourceOk(now);
    } catch (error) {
      deps.warn("watcher: the GHES audit log could not be read", error);
      state.sources.ghes_audit = sourceFailed(state.sources.ghes_audit, failureOf(error), now, deps.settings.intervalMs);
    }
  }

  const observations: CredentialObservation[] = [...deps.credentials.snapshot()];
  if (sourceDue(state.sources.app, now)) {
    try {
      await deps.app.exercise();
      state.sources.app = sourceOk(now);
      observations.push({ variable: "GITHUB_APP_PRIVATE_KEY", expiresAt: null, rejected: false, at: now });
    } catch (error) {
      deps.warn("watcher: the bot's GitHub App could not be used", error);
      const failure = failureOf(error);
      state.sources.app = sourceFailed(state.sources.app, failure, now, deps.settings.intervalMs);
      // GitHub refusing the key or the installation is a credential problem; an outage is only blindness.
      if (failure.code === "GITHUB_UNAUTHORIZED" || failure.code === "GITHUB_FORBIDDEN" || failure.code === "GITHUB_NOT_FOUND") {
        observations.push({ variable: "GITHUB_APP_PRIVATE_KEY", expiresAt: null, rejected: true, detail: failure.code, at: now });
      }
    }
  }

  const cloud = await readCloud(
    deps.cloud,
    state,
    watchedAccount(state, connections),
    deps.hostname,
    now,
    deps.settings.intervalMs,
    failureOf,
    deps.warn,
  );
  state = cloud.state;
  // Loaded only now, after GitHub's records were read: an operation confirmed while a read was in flight, and
  // clicked in GHES at once, must be there to claim the click that read returned.
  const operations = await deps.operations.confirmedSince(new Date(now.getTime() - OPERATION_WINDOW_MS));
  if (firstRead) state = baseline(state, firstRead.recent, firstRead.changes, operations, now);
  // GitHub.com's mirror of the connection events: announced from there only when the GHES audit log is not read.
  const mirrored = deps.events.available
    ? []
    : cloud.events.map((e) => ({ ...e, action: e.action.replace(/^enterprise_installation\./, "dotcom_connection.") }));
  const events = planConnectEvents([...fresh, ...mirrored], state, { operations, connections, hostname: deps.hostname, now });
  if (deps.events.available) {
    for (const e of cloud.events)
      events.audit.push({
        action: `connect.cloud.${e.action}`,
        target: deps.hostname,
        decision: "ok",
        reason: "github-record",
        detail: { actor: e.actor, at: e.at.toISOString(), event: e.id },
      });
  }
  const records = [...new Map([...connections, ...events.connections].map((c) => [`${c.account.kind}:${c.account.slug}`, c])).values()];
  const thread = currentThread(events.state, records);
  const connectedRecord = records.find((c) => c.state === "CONNECTED");
  const recordsConnected = events.state.instance ? events.state.instance.connected : Boolean(connectedRecord);
  const recordsSince = events.state.instance ? new Date(events.state.instance.at) : (connectedRecord?.changedAt ?? null);
  const github = cloud.readings
    ? planCloud(events.state, cloud.readings, deps.hostname, recordsConnected, recordsSince, now, thread)
    : { state: events.state, notices: [] };
  const silence = planTokenSilence(github.state, now, deps.settings.tokenSilenceMs, thread, recordsConnected);
  const credentials = planCredentialAlerts(observations, silence.state, now);
  const blind = planBlindness(credentials.state, now, deps.settings.blindMs);
  const committed = await deps.store.commit(
    lease,
    {
      ...events,
      state: blind.state,
      notices: [...events.notices, ...github.notices, ...silence.notices, ...credentials.notices, ...blind.notices],
    },
    deps.clock.now(),
    ttlMs,
  );
  if (committed) {
    for (const { op } of events.late) {
      const current = await deps.operations.get(op.id);
      await deps.refreshCard(current ?? op);
    }
  }
  return committed;
}
