import { describe, expect, it } from "vitest";
import type { Operation } from "../../src/core/domain/operation.ts";
import { advanceCursor, baselineCursor, readFrom } from "../../src/core/watch/advance-cursor.ts";
import { classifyConnectEvent } from "../../src/core/watch/classify-connect-event.ts";
import { bandOf, planBlindness, planCredentialAlerts, planTokenSilence } from "../../src/core/watch/plan-alerts.ts";
import { planConnectEvents } from "../../src/core/watch/plan-connect-events.ts";
import { sourceFailed, sourceOk } from "../../src/core/watch/source-status.ts";
import type { ConnectEvent } from "../../src/core/watch/watch-ports.ts";
import { emptyWatchState, normalizeWatchState } from "../../src/core/watch/watch-state.ts";

const T0 = Date.parse("2026-11-27T10:00:00Z");
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const event = (id: string, action: string, minutes: number, actor = "alice"): ConnectEvent => ({
  id,
  action: `dotcom_connection.${action}`,
  actor,
  at: at(minutes),
});

function operation(over: Partial<Operation>): Operation {
  return {
    id: "00000000-0000-4000-8000-000000000001",
    kind: "enable",
    account: { kind: "org", slug: "acme" },
    state: "APPLYING",
    requestedBy: { team: "T", user: "UA" },
    requestId: null,
    card: null,
    locale: "en",
    confirmedBy: { team: "T", user: "UA" },
    confirmedAt: at(0),
    expiresAt: at(15),
    applyDeadline: at(30),
    facts: null,
    reason: null,
    endedBy: null,
    endedAt: null,
    announcement: null,
    verifiedAt: null,
    createdAt: at(-1),
    ...over,
  };
}

describe("the audit-log cursor", () => {
  const now = at(2);
  it("tells events apart by id only: several in one millisecond, one indexed late, none repeated", () => {
    const first = advanceCursor({ at: T0, seen: [] }, [event("a", "create", 1), event("b", "token_updated", 1)], now);
    expect(first.fresh.map((e) => e.id)).toEqual(["a", "b"]);
    // The next read returns the same two, one more in the same instant, and one indexed late with an older time.
    const again = advanceCursor(
      first.cursor,
      [event("late", "token_updated", -30), event("a", "create", 1), event("b", "token_updated", 1), event("c", "token_updated", 1)],
      now,
    );
    expect(again.fresh.map((e) => e.id)).toEqual(["late", "c"]);
    expect(again.cursor.at).toBe(at(1).getTime());
    expect(advanceCursor(again.cursor, [event("a", "create", 1), event("c", "token_updated", 1)], now).fresh).toEqual([]);
  });

  it("reads from the start of the day before, forgets ids the next read cannot return, and ignores older events", () => {
    expect(readFrom({ at: T0, seen: [] }, at(5)).toISOString()).toBe("2026-11-26T00:00:00.000Z");
    // A bot whose clock runs two hours ahead still reads back far enough.
    expect(readFrom(null, new Date(T0 + 2 * 3_600_000)).toISOString()).toBe("2026-11-26T00:00:00.000Z");
    const old = advanceCursor({ at: T0, seen: [] }, [event("a", "create", 0)], at(1));
    const twoDaysOn = 2 * 24 * 60;
    const later = advanceCursor(old.cursor, [event("z", "token_updated", twoDaysOn)], at(twoDaysOn));
    expect(later.cursor.seen.map((s) => s.id)).toEqual(["z"]);
    expect(advanceCursor(later.cursor, [event("ancient", "create", 0)], at(twoDaysOn)).fresh).toEqual([]);
  });

  it("starts with everything the first read returned as seen", () => {
    expect(baselineCursor([], at(5))).toEqual({ at: at(5).getTime(), seen: [] });
    const cursor = baselineCursor([event("a", "create", 9), event("b", "token_updated", 3)], at(5));
    expect(cursor).toEqual({
      at: at(9).getTime(),
      seen: [
        { id: "a", at: at(9).getTime() },
        { id: "b", at: at(3).getTime() },
      ],
    });
    expect(advanceCursor(cursor, [event("b", "token_updated", 3), event("a", "create", 9)], at(10)).fresh).toEqual([]);
  });
});

describe("whose click an event was", () => {
  const create = event("e1", "create", 5);
  it("ours while the confirmed operation applies, or verified by this very event, within the clocks' margin", () => {
    expect(classifyConnectEvent(create, [operation({})]).kind).toBe("ours");
    // GHES's clock a minute behind the bot's: the click still follows the confirmation.
    expect(classifyConnectEvent(create, [operation({ confirmedAt: at(6) })]).kind).toBe("ours");
    expect(classifyConnectEvent(create, [operation({ state: "VERIFIED", verifiedAt: at(6) })]).kind).toBe("ours");
  });
  it("late when the newest confirmed operation stopped waiting, on its time limit or by hand; not when it failed otherwise", () => {
    expect(classifyConnectEvent(create, [operation({ state: "FAILED", reason: "apply_timeout" })]).kind).toBe("late");
    expect(classifyConnectEvent(create, [operation({ state: "FAILED", reason: "stopped", endedAt: at(6) })]).kind).toBe("late");
    // A click made after the wait was stopped (beyond the clocks' margin) is a change outside ghconnect.
    const early = operation({ state: "FAILED", reason: "stopped", endedAt: at(-10) });
    expect(classifyConnectEvent(create, [{ ...early, confirmedAt: at(-20) }]).kind).toBe("out_of_band");
    expect(classifyConnectEvent(create, [operation({ state: "FAILED", reason: "interrupted" })]).kind).toBe("out_of_band");
    // A disable confirmed after the late click (its own minute, GHES's clock behind) does not take the click away.
    const late = [operation({ state: "FAILED", reason: "apply_timeout" }), operation({ id: "x", kind: "disable", confirmedAt: at(7) })];
    expect(classifyConnectEvent(create, late).kind).toBe("late");
  });
  it("ours even when an operation of the other kind was confirmed soon after, before the watcher read the click", () => {
    const enable = operation({ state: "VERIFIED", verifiedAt: at(5) });
    const disable = operation({ id: "x", kind: "disable", state: "APPLYING", confirmedAt: at(8) });
    expect(classifyConnectEvent(create, [enable, disable])).toEqual({ kind: "ours", op: enable });
    const destroy = event("e2", "destroy", 9);
    expect(classifyConnectEvent(destroy, [enable, disable])).toEqual({ kind: "ours", op: disable });
  });
  it("out of band otherwise: no operation, another kind, confirmed well after the event, verified well before, failed otherwise", () => {
    expect(classifyConnectEvent(create, []).kind).toBe("out_of_band");
    expect(classifyConnectEvent(create, [operation({ kind: "disable" })]).kind).toBe("out_of_band");
    expect(classifyConnectEvent(create, [operation({ confirmedAt: at(11) })]).kind).toBe("out_of_band");
    expect(classifyConnectEvent(create, [operation({ state: "VERIFIED", confirmedAt: at(-20), verifiedAt: at(-1) })]).kind).toBe(
      "out_of_band",
    );
    expect(classifyConnectEvent(create, [operation({ state: "FAILED", reason: "preflight_error" })]).kind).toBe("out_of_band");
    expect(
      classifyConnectEvent(create, [
        operation({ state: "FAILED", reason: "apply_timeout" }),
        operation({ id: "x", kind: "disable", confirmedAt: at(1) }),
      ]).kind,
    ).toBe("out_of_band");
  });
});

describe("planning what the channel hears from GitHub's events", () => {
  const ctx = { operations: [], connections: [], hostname: "ghe.acme.test", now: at(60) };

  it("an out-of-band create starts a thread; token updates coalesce per day into it; a destroy is broadcast there", () => {
    const plan = planConnectEvents(
      [
        event("c", "create", 1, "mallory"),
        event("t1", "token_updated", 2),
        event("t2", "token_updated", 3),
        event("d", "destroy", 4, "mallory"),
      ],
      emptyWatchState(),
      ctx,
    );
    const [created, token1, token2, destroyed] = plan.notices;
    expect(created).toMatchObject({
      key: "out-of-band:c",
      thread: "connection:ghes-event:c",
      message: { kind: "connection.out_of_band", change: "create", actor: "mallory" },
    });
    expect(token1).toMatchObject({
      key: "token:connection:ghes-event:c:2026-11-27",
      replace: true,
      thread: "connection:ghes-event:c",
      message: { count: 1 },
    });
    expect(token2).toMatchObject({ key: token1?.key, message: { count: 2, latest: at(3).toISOString() } });
    expect(destroyed).toMatchObject({ thread: "connection:ghes-event:c", broadcast: true, message: { change: "destroy" } });
    expect(plan.state.instance).toMatchObject({ connected: false, via: "out_of_band", actor: "mallory" });
    expect(plan.audit.map((a) => a.action)).toEqual([
      "connect.create",
      "connect.token_updated",
      "connect.token_updated",
      "connect.destroy",
    ]);
  });

  it("an out-of-band destroy marks the recorded connection disconnected, by the GitHub actor", () => {
    const connection = {
      account: { kind: "org" as const, slug: "acme" },
      state: "CONNECTED" as const,
      hostname: "h",
      ghesVersion: null,
      customerName: null,
      licensePublicKey: null,
      licenseFingerprint: null,
      changedBy: { team: "T", user: "UA" },
      changedAt: at(0),
      lastVerifiedAt: at(0),
      operationId: null,
      threadKey: "connection:op1",
    };
    const plan = planConnectEvents([event("d", "destroy", 4, "mallory")], emptyWatchState(), { ...ctx, connections: [connection] });
    expect(plan.connections).toEqual([expect.objectContaining({ state: "DISCONNECTED", changedBy: { team: "GHES", user: "mallory" } })]);
    expect(plan.notices[0]).toMatchObject({ thread: "connection:op1", broadcast: true, message: { account: { slug: "acme" } } });
  });

  it("our own event only updates the picture; a late one verifies the failed operation and starts its thread", () => {
    const ours = planConnectEvents([event("c", "create", 5)], emptyWatchState(), { ...ctx, operations: [operation({})] });
    expect(ours.notices).toEqual([]);
    // No thread yet: the worker's announcement, queued with the connection record, will start it.
    expect(ours.state.instance).toMatchObject({ connected: true, via: "ghconnect", thread: null });
    const failed = operation({ state: "FAILED", reason: "apply_timeout" });
    const late = planConnectEvents([event("c", "create", 45, "bob")], emptyWatchState(), { ...ctx, operations: [failed] });
    expect(late.late).toEqual([expect.objectContaining({ op: failed })]);
    expect(late.connections).toEqual([
      expect.objectContaining({ state: "CONNECTED", operationId: failed.id, threadKey: `connection:${failed.id}` }),
    ]);
    expect(late.notices[0]).toMatchObject({ key: `operation:${failed.id}:late`, message: { late: { actor: "bob" } } });
  });

  it("a token update after a silence alert also tells the recovery", () => {
    const silent = {
      ...emptyWatchState(),
      token: { last: at(0).toISOString(), day: "2026-11-27", dayCount: 1, silentSince: at(0).toISOString() },
    };
    const plan = planConnectEvents([event("t", "token_updated", 3000)], silent, ctx);
    expect(plan.notices.map((n) => n.message.kind)).toEqual(["token.updated", "token.resumed"]);
    expect(plan.state.token).toMatchObject({ silentSince: null, dayCount: 1, day: "2026-11-29" });
  });
});

describe("alerts", () => {
  it("warns once per expiry band, again for a new token, never for one far away", () => {
    const expires = new Date(T0 + 10 * 86_400_000);
    const obs = (now: Date, expiresAt = expires) => [{ variable: "GHES_TOKEN", expiresAt, rejected: false, at: now }];
    expect(bandOf(expires, at(0))).toBe(14);
    const first = planCredentialAlerts(obs(at(0)), emptyWatchState(), at(0));
    expect(first.notices.map((n) => n.key)).toEqual([`credential:GHES_TOKEN:${expires.toISOString()}:14`]);
    expect(planCredentialAlerts(obs(at(60)), first.state, at(60)).notices).toEqual([]);
    const fourDaysOn = new Date(T0 + 4 * 86_400_000);
    const second = planCredentialAlerts(obs(fourDaysOn), first.state, fourDaysOn);
    expect(second.notices).toEqual([expect.objectContaining({ message: expect.objectContaining({ days: 6 }) })]);
    const renewed = new Date(T0 + 90 * 86_400_000);
    expect(planCredentialAlerts(obs(fourDaysOn, renewed), second.state, fourDaysOn).notices).toEqual([]);
  });

  it("a rejected credential is told at once, and its recovery once", () => {
    const rejected = planCredentialAlerts(
      [{ variable: "GHES_TOKEN", expiresAt: null, rejected: true, at: at(0) }],
      emptyWatchState(),
      at(0),
    );
    expect(rejected.notices.map((n) => n.message.kind)).toEqual(["credential.rejected"]);
    expect(
      planCredentialAlerts([{ variable: "GHES_TOKEN", expiresAt: null, rejected: true, at: at(1) }], rejected.state, at(1)).notices,
    ).toEqual([]);
    const back = planCredentialAlerts([{ variable: "GHES_TOKEN", expiresAt: null, rejected: false, at: at(2) }], rejected.state, at(2));
    expect(back.notices.map((n) => n.message.kind)).toEqual(["credential.recovered"]);
  });

  it("token silence is an alert only once armed by a seen renewal, while connected, and once", () => {
    const connected = {
      ...emptyWatchState(),
      instance: { connected: true, at: at(0).toISOString(), actor: "a", via: "ghconnect" as const, account: null, thread: "th" },
    };
    expect(planTokenSilence(connected, at(3000), 86_400_000, "th", true).notices).toEqual([]);
    const armed = { ...connected, token: { ...connected.token, last: at(0).toISOString() } };
    expect(planTokenSilence(armed, at(60), 86_400_000, "th", true).notices).toEqual([]);
    expect(planTokenSilence(armed, at(25 * 60), 86_400_000, "th", false).notices).toEqual([]);
    const alert = planTokenSilence(armed, at(25 * 60), 86_400_000, "th", true);
    expect(alert.notices).toEqual([
      expect.objectContaining({ thread: "th", broadcast: true, message: { kind: "token.silent", last: at(0).toISOString(), hours: 25 } }),
    ]);
    expect(planTokenSilence(alert.state, at(50 * 60), 86_400_000, "th", true).notices).toEqual([]);
    // Reconnected a day after the last renewal: silence counts from the new connection, not from that renewal.
    const reconnected = { ...armed, instance: { ...connected.instance, at: at(30 * 60).toISOString() } };
    expect(planTokenSilence(reconnected, at(31 * 60), 86_400_000, "th", true).notices).toEqual([]);
  });

  it("blindness is told after the threshold and its end once; a rate limit backs off until GitHub's time", () => {
    const failing = sourceFailed(undefined, { code: "GITHUB_SERVER_ERROR", retryAt: null }, at(0), 60_000);
    const again = sourceFailed(failing, { code: "GITHUB_SERVER_ERROR", retryAt: null }, at(1), 60_000);
    expect(again).toMatchObject({ failures: 2, failingSince: at(0).toISOString(), nextTryAt: at(3).toISOString() });
    const limited = sourceFailed(again, { code: "GITHUB_RATE_LIMITED", retryAt: at(40) }, at(3), 60_000);
    expect(limited.nextTryAt).toBe(at(40).toISOString());
    const state = { ...emptyWatchState(), sources: { ghes_audit: limited } };
    expect(planBlindness(state, at(10), 15 * 60_000).notices).toEqual([]);
    const blind = planBlindness(state, at(16), 15 * 60_000);
    expect(blind.notices.map((n) => n.message)).toEqual([{ kind: "watch.blind", sources: ["ghes_audit"], since: at(0).toISOString() }]);
    expect(planBlindness(blind.state, at(17), 15 * 60_000).notices).toEqual([]);
    const seeing = planBlindness({ ...blind.state, sources: { ghes_audit: sourceOk(at(20)) } }, at(20), 15 * 60_000);
    expect(seeing.notices.map((n) => n.message.kind)).toEqual(["watch.recovered"]);
    expect(seeing.state.blindAlerted).toEqual([]);
  });

  it("reads a state stored by an older version", () => {
    expect(normalizeWatchState({ cursor: { at: 1, seen: [] } })).toMatchObject({
      cursor: { at: 1 },
      token: { last: null },
      credentials: {},
      blindAlerted: [],
    });
    expect(normalizeWatchState(null)).toEqual(emptyWatchState());
  });
});
