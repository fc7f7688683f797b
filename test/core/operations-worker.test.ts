// The worker: what a dead process left, expiry, time limits, cards left behind.
import { describe, expect, it } from "vitest";
import { confirmOperation } from "../../src/core/operations/decide-operation.ts";
import { runOperationWorker } from "../../src/core/operations/operation-worker.ts";
import type { Clock } from "../../src/core/ports.ts";
import { AppError } from "../../src/errors.ts";
import { TEST_SETTINGS } from "../support/memory-operations.ts";
import { APPLY, at, event, MIN, TTL, UA, UB, type World, world } from "../support/operations-world.ts";

/** A request for acme stored as REQUESTED (its preflight or card still under way, or its process dead). */
async function requested(w: World, requestId: string) {
  const { op } = await w.operations.create(
    {
      kind: "enable",
      account: { kind: "org", slug: "acme" },
      requestedBy: UA,
      requestId,
      locale: "en",
      expiresAt: at(TTL),
      facts: null,
      state: "REQUESTED",
    },
    { actor: UA, action: "operation.enable.requested", decision: "allowed" },
  );
  return op;
}

describe("the worker resumes what a process left", () => {
  it("REQUESTED left by a dead process → FAILED interrupted once its time is up, freeing the account", async () => {
    const w = await world();
    const op = await requested(w, "dead");
    await w.tick();
    expect(await w.stateOf(op)).toBe("REQUESTED");
    await w.advance(TTL);
    await w.tick();
    expect(await w.operations.get(op.id)).toMatchObject({ state: "FAILED", reason: "interrupted" });
    expect(w.trail().at(-1)).toBe("operation.failed error interrupted");
    // The requester's answer died with the process: the channel hears of it instead, once.
    expect(w.outbox.notices.map((n) => [n.key, n.message.kind === "operation.result" && n.message.reason])).toEqual([
      [`operation:${op.id}:FAILED`, "interrupted"],
    ]);
    await w.tick();
    expect(w.outbox.notices).toHaveLength(1);
    await w.awaiting(UB);
  });

  it("leaves alone the card of a request still being made: it is posted with its buttons before the state says so", async () => {
    const w = await world();
    const op = await requested(w, "posting");
    // The request stored where its card is and has not yet moved to AWAITING_CONFIRMATION: a worker pass now must
    // not repaint the card as "Checking…" (it would take its buttons away until the next pass).
    await w.operations.setCard(op.id, { channel: "C0OPS", ts: "1700000000.000100" });
    await w.tick();
    expect(w.cards.refreshed).toEqual([]);
  });

  it("AWAITING_CONFIRMATION past its expiry → EXPIRED, card closed, nothing announced", async () => {
    const w = await world();
    const op = await w.awaiting(UA);
    await w.advance(TTL - 1);
    await w.tick();
    expect(await w.stateOf(op)).toBe("AWAITING_CONFIRMATION");
    await w.advance(1);
    await w.tick();
    expect(await w.operations.get(op.id)).toMatchObject({ state: "EXPIRED", reason: "expired" });
    expect(w.shown(op)).toBe("EXPIRED");
    expect(w.trail().at(-1)).toBe("operation.expired ok");
    expect(w.outbox.notices).toEqual([]);
  });

  it("CONFIRMED left by a process that died before applying → APPLYING, with a deadline counted from the resumption", async () => {
    const w = await world();
    const op = await w.awaiting(UA);
    const died = confirmOperation(w.deps, { ref: UB, operationId: op.id, card: op.card, requestId: "r" }, async () =>
      Promise.reject(new Error("process killed")),
    );
    await expect(died).rejects.toThrow("process killed");
    expect(await w.stateOf(op)).toBe("CONFIRMED");
    await w.advance(5 * MIN);
    await w.tick();
    expect(await w.latest()).toMatchObject({ state: "APPLYING", confirmedBy: UB, applyDeadline: at(5 * MIN + APPLY) });
    expect(w.shown(op)).toBe("APPLYING");
    expect(w.audit.events.at(-1)).toMatchObject({ action: "operation.applying", actor: UB });
  });

  it("APPLYING past its deadline without evidence → FAILED apply_timeout, announced", async () => {
    const w = await world();
    const op = await w.applying();
    await w.advance(APPLY - 1);
    await w.tick();
    expect(await w.stateOf(op)).toBe("APPLYING");
    await w.advance(1);
    await w.tick();
    expect(await w.operations.get(op.id)).toMatchObject({ state: "FAILED", reason: "apply_timeout" });
    expect(w.outbox.notices).toEqual([
      expect.objectContaining({
        key: `operation:${op.id}:FAILED`,
        thread: null,
        broadcast: false,
        message: expect.objectContaining({ state: "FAILED", reason: "apply_timeout" }),
      }),
    ]);
    expect(w.shown(op)).toBe("FAILED");
    expect(await w.connections.list()).toEqual([]);
  });

  it("GitHub down while applying: retried until the deadline, then FAILED apply_timeout all the same", async () => {
    const w = await world();
    const op = await w.applying();
    w.ghes.script.events = new AppError("GITHUB_SERVER_ERROR", { side: "GHES", status: 502 });
    await w.tick();
    expect(await w.stateOf(op)).toBe("APPLYING");
    expect(w.warnings.map((x) => x.message)).toEqual([`operation ${op.id} could not be processed`]);
    await w.advance(APPLY);
    await w.tick();
    expect(await w.operations.get(op.id)).toMatchObject({ state: "FAILED", reason: "apply_timeout" });
    expect(w.outbox.notices).toHaveLength(1);
  });

  it("two replicas ticking at once make one transition and one announcement", async () => {
    const w = await world();
    const op = await w.applying();
    w.ghes.script.events = [event("create", 2 * MIN)];
    await Promise.all([w.tick(), w.tick()]);
    expect(await w.stateOf(op)).toBe("VERIFIED");
    expect(w.trail().filter((line) => line.startsWith("operation.verified"))).toHaveLength(1);
    expect(w.outbox.notices).toHaveLength(1);
  });

  it("the worker loop survives a failed pass and passes every verifyIntervalMs until aborted", async () => {
    const w = await world();
    const op = await w.applying();
    w.ghes.script.events = [event("create", 2 * MIN)];
    w.operations.breakOnce("inStates", new Error("connection reset"));
    const stop = new AbortController();
    const before = w.clock.sleeps.length;
    const clock: Clock = {
      now: () => w.clock.now(),
      sleep: async (ms, signal) => {
        await w.clock.sleep(ms, signal);
        if (w.clock.sleeps.length - before === 2) stop.abort();
      },
    };
    await runOperationWorker({ ...w.deps, clock }, w.executor, stop.signal);
    expect(w.warnings.map((x) => x.message)).toEqual(["operation pass failed"]);
    expect(w.clock.sleeps.slice(before)).toEqual([TEST_SETTINGS.verifyIntervalMs, TEST_SETTINGS.verifyIntervalMs]);
    expect(await w.stateOf(op)).toBe("VERIFIED");
  });
});
