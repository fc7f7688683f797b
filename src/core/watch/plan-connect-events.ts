import type { Notice } from "../domain/notice.ts";
import type { ConnectionRecord, Operation } from "../domain/operation.ts";
import { ghesAuditEvidence } from "../messages/evidence-words.ts";
import { connectionThread, operationNotice, threadOf } from "../notices/operation-notice.ts";
import { connectionAfter } from "../operations/operation-worker.ts";
import type { AuditEventInput } from "../ports.ts";
import { classifyConnectEvent } from "./classify-connect-event.ts";
import type { ConnectEvent, WatchCommit } from "./watch-ports.ts";
import type { InstancePicture, WatchState } from "./watch-state.ts";

export interface EventContext {
  operations: readonly Operation[];
  connections: readonly ConnectionRecord[];
  hostname: string;
  now: Date;
}

/** Who changed a connection outside Slack: GitHub's actor, kept apart from Slack user ids by its team. */
export const githubActor = (login: string) => ({ team: "GHES", user: login });

const day = (d: Date) => d.toISOString().slice(0, 10);

/** The thread where news about the current connection goes (null: top level, no connection known). */
export function currentThread(state: WatchState, connections: readonly ConnectionRecord[]): string | null {
  if (state.instance?.connected && state.instance.thread) return state.instance.thread;
  for (const c of connections) {
    const thread = threadOf(c);
    if (thread) return thread;
  }
  return null;
}

/**
 * Folds new audit events, oldest first, into the state and what must be recorded and told. Every notice key
 * is made of the event's own id, so a pass replayed by another replica (after a lost lease) adds nothing.
 */
export function planConnectEvents(
  events: readonly ConnectEvent[],
  start: WatchState,
  ctx: EventContext,
): Omit<WatchCommit, "state"> & { state: WatchState } {
  let state = start;
  const audit: AuditEventInput[] = [];
  const notices: Notice[] = [];
  const connections = new Map<string, ConnectionRecord>(ctx.connections.map((c) => [`${c.account.kind}:${c.account.slug}`, c]));
  const late: WatchCommit["late"] = [];
  const record = (e: ConnectEvent, reason: string, target = ctx.hostname) =>
    audit.push({
      action: `connect.${e.action.replace(/^dotcom_connection\./, "")}`,
      target,
      decision: "ok",
      reason,
      detail: { actor: e.actor, at: e.at.toISOString(), event: e.id },
    });

  for (const e of events) {
    if (e.action === "dotcom_connection.token_updated") {
      record(e, "github-record");
      const thread = currentThread(state, [...connections.values()]);
      const today = day(e.at);
      const count = state.token.day === today ? state.token.dayCount + 1 : 1;
      // One message per day, edited in place with the count: GHES may renew often, the channel must not flood.
      notices.push({
        key: `token:${thread ?? "instance"}:${today}`,
        thread,
        replace: true,
        message: { kind: "token.updated", day: today, count, latest: e.at.toISOString() },
      });
      if (state.token.silentSince) {
        notices.push({
          key: `token-resumed:${e.id}`,
          thread,
          broadcast: thread !== null,
          message: { kind: "token.resumed", at: e.at.toISOString(), silentSince: state.token.silentSince },
        });
      }
      state = { ...state, token: { last: e.at.toISOString(), day: today, dayCount: count, silentSince: null } };
      continue;
    }
    if (e.action !== "dotcom_connection.create" && e.action !== "dotcom_connection.destroy") {
      record(e, "github-record");
      state = { ...state, lastUpload: e.at.toISOString() };
      continue;
    }
    const connected = e.action === "dotcom_connection.create";
    // The picture after this create or destroy; a destroy keeps the thread the connection had.
    const picture = (via: InstancePicture["via"], account: InstancePicture["account"], thread: string | null): InstancePicture => ({
      connected,
      at: e.at.toISOString(),
      actor: e.actor,
      via,
      account,
      thread: connected ? thread : (state.instance?.thread ?? null),
    });
    const origin = classifyConnectEvent(e, ctx.operations);
    if (origin.kind === "ours") {
      // The operation worker verifies and announces it; here it only becomes the picture. Its thread is the
      // connection record's, which exists once the worker's announcement (the thread's parent) is queued.
      record(e, `operation:${origin.op.id}`);
      state = { ...state, instance: picture("ghconnect", origin.op.account, null) };
      continue;
    }
    if (origin.kind === "late") {
      const op = origin.op;
      const key = `${op.account.kind}:${op.account.slug}`;
      const current = connections.get(key) ?? null;
      const evidence = ghesAuditEvidence(e.action, e.actor, e.at, true);
      record(e, `late:operation:${op.id}`, `operation:${op.id}`);
      notices.push(operationNotice(op, "VERIFIED", evidence, current, { actor: e.actor, at: e.at }));
      const after = connectionAfter(op, ctx.now, current, ctx.hostname);
      connections.set(key, after);
      late.push({ op, evidence, at: e.at });
      state = { ...state, instance: picture("late", op.account, after.threadKey) };
      continue;
    }
    // Outside ghconnect: say who and when, and make the records match GitHub's.
    record(e, "out-of-band");
    const connectedRecord = [...connections.values()].find((c) => c.state === "CONNECTED") ?? null;
    const account = e.account ?? (connected ? null : (state.instance?.account ?? connectedRecord?.account ?? null));
    const thread = connected ? connectionThread(`ghes-event:${e.id}`) : currentThread(state, [...connections.values()]);
    notices.push({
      key: `out-of-band:${e.id}`,
      thread,
      broadcast: !connected && thread !== null,
      message: {
        kind: "connection.out_of_band",
        change: connected ? "create" : "destroy",
        actor: e.actor,
        at: e.at.toISOString(),
        account,
        hostname: ctx.hostname,
      },
    });
    if (!connected) {
      // One instance has one GitHub Connect connection: a destroy ends whichever the records hold as connected.
      for (const [k, c] of connections) {
        if (c.state === "CONNECTED")
          connections.set(k, {
            ...c,
            state: "DISCONNECTED",
            changedBy: githubActor(e.actor),
            changedAt: e.at,
            lastVerifiedAt: ctx.now,
            operationId: null,
          });
      }
    } else if (account) {
      // GitHub named the account: the records say what GitHub says, with who did it.
      const key = `${account.kind}:${account.slug}`;
      const before = connections.get(key);
      connections.set(key, {
        account,
        state: "CONNECTED",
        hostname: ctx.hostname,
        ghesVersion: before?.ghesVersion ?? null,
        customerName: before?.customerName ?? null,
        licensePublicKey: before?.licensePublicKey ?? null,
        licenseFingerprint: before?.licenseFingerprint ?? null,
        changedBy: githubActor(e.actor),
        changedAt: e.at,
        lastVerifiedAt: ctx.now,
        operationId: null,
        threadKey: thread,
      });
    }
    state = { ...state, instance: picture("out_of_band", account, thread) };
  }
  const changed = [...connections.values()].filter((c) => !ctx.connections.includes(c));
  return { state, audit, notices, connections: changed, late };
}
