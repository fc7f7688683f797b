// Clicks on the card: confirm, cancel, and every refusal.
import { describe, expect, it } from "vitest";
import { runClick } from "../../src/core/operations/run-click.ts";
import { AppError } from "../../src/errors.ts";
import { APPLY, at, MIN, TTL, UA, UB, UC, UG, words, world } from "../support/operations-world.ts";

describe("clicks on the card", () => {
  it("CONFIRMED → APPLYING: the confirmer and the deadline are recorded and the card shows what to do", async () => {
    const w = await world();
    const op = await w.applying();
    expect(op).toMatchObject({ state: "APPLYING", confirmedBy: UA, confirmedAt: at(MIN), applyDeadline: at(MIN + APPLY) });
    expect(w.shown(op)).toBe("APPLYING");
    expect(w.trail().slice(2)).toEqual(["operation.confirmed allowed", "operation.applying ok guided: waiting for the change in GHES"]);
  });

  it("CANCELLED by the requester without asking GitHub, or by another authorized person; not by someone who could not confirm", async () => {
    const w = await world();
    const own = await w.awaiting(UA);
    const calls = w.policy.calls.length;
    expect(await w.cancel(UA, own)).toMatchObject({
      kind: "cancelled",
      op: { state: "CANCELLED", reason: "cancelled", endedBy: UA, endedAt: at(0) },
    });
    expect(w.policy.calls).toHaveLength(calls);
    expect(w.shown(own)).toBe("CANCELLED");
    const other = await w.awaiting(UA);
    expect(await w.cancel(UC, other)).toMatchObject({ kind: "not_authorized", policy: { allowed: false } });
    expect(await w.stateOf(other)).toBe("AWAITING_CONFIRMATION");
    expect(await w.cancel(UB, other)).toMatchObject({ kind: "cancelled" });
    expect(w.trail().filter((line) => line.startsWith("operation.cancelled"))).toEqual([
      "operation.cancelled ok",
      "operation.cancelled ok",
    ]);
  });

  it("the wait for GHES is stopped by its requester or confirmer, or someone who could confirm; only while it waits", async () => {
    const w = await world();
    const pending = await w.awaiting(UA);
    // Nothing to stop before a confirmation: the card's buttons then are Confirm and Cancel.
    expect(await w.stop(UA, pending)).toEqual({ kind: "refused", code: "OPERATION_ALREADY_DECIDED" });
    expect(await w.stateOf(pending)).toBe("AWAITING_CONFIRMATION");
    await w.cancel(UA, pending);

    const op = await w.applying();
    expect(await w.stop(UC, op)).toMatchObject({ kind: "not_authorized" });
    expect(await w.stateOf(op)).toBe("APPLYING");
    await w.advance(MIN);
    const stopped = await w.stop(UB, op);
    expect(stopped).toMatchObject({ kind: "stopped", op: { state: "FAILED", reason: "stopped", endedBy: UB, endedAt: at(2 * MIN) } });
    expect(w.shown(op)).toBe("FAILED");
    expect(w.trail().at(-1)).toBe("operation.stopped ok stopped");
    // A stopped wait is over: no deadline failure later, no second stop.
    await w.advance(APPLY);
    await w.tick();
    expect(w.trail().filter((line) => line.startsWith("operation.failed"))).toEqual([]);
    expect(await w.stop(UA, op)).toEqual({ kind: "refused", code: "OPERATION_ALREADY_DECIDED" });
  });

  it("EXPIRED at the click: at expiresAt exactly the click is refused and the card is closed; a millisecond earlier it counts", async () => {
    const w = await world();
    const late = await w.awaiting(UA);
    await w.advance(TTL);
    expect(await w.confirm(UB, late)).toEqual({ kind: "refused", code: "OPERATION_EXPIRED" });
    expect(await w.operations.get(late.id)).toMatchObject({ state: "EXPIRED", reason: "expired" });
    expect(w.audit.events.find((e) => e.action === "operation.expired")).toMatchObject({ actor: UB, decision: "ok" });
    expect(w.shown(late)).toBe("EXPIRED");
    const inTime = await w.awaiting(UA);
    await w.advance(TTL - 1);
    expect(await w.confirm(UB, inTime)).toMatchObject({ kind: "confirmed" });
  });

  it("refuses a click from someone not authorized, asked live at the click", async () => {
    const w = await world();
    const op = await w.awaiting(UA);
    expect(await w.confirm(UC, op)).toMatchObject({
      kind: "not_authorized",
      policy: { ghes: { status: "denied", reason: "not_site_admin" } },
    });
    await w.policy.set(UA, { ghes: "not_site_admin", cloud: "owner" });
    expect(await w.confirm(UA, op)).toMatchObject({ kind: "not_authorized" });
    expect(await w.stateOf(op)).toBe("AWAITING_CONFIRMATION");
    expect(w.trail()).not.toContain("operation.confirmed allowed");
  });

  it("refuses a guest before any GitHub call", async () => {
    const w = await world();
    const op = await w.awaiting(UA);
    const calls = w.policy.calls.length;
    expect(await w.confirm(UG, op)).toEqual({ kind: "refused", code: "SLACK_USER_GUEST" });
    expect(await w.cancel(UG, op)).toEqual({ kind: "refused", code: "SLACK_USER_GUEST" });
    expect(w.policy.calls).toHaveLength(calls);
    expect(w.trail().slice(-2)).toEqual([
      "operation.confirm.refused denied slack user guest",
      "operation.cancel.refused denied slack user guest",
    ]);
  });

  it("OPERATION_CARD_MISMATCH: a button counts only on its operation's own card", async () => {
    const w = await world();
    const acme = await w.awaiting(UA);
    const beta = await w.awaiting(UA, "enable", { kind: "org", slug: "beta" });
    const elsewhere = { channel: "C0OTHER", ts: acme.card?.ts ?? "" };
    for (const card of [beta.card, null, elsewhere]) {
      expect(await w.confirm(UA, acme, card)).toEqual({ kind: "refused", code: "OPERATION_CARD_MISMATCH" });
    }
    expect(await w.stateOf(acme)).toBe("AWAITING_CONFIRMATION");
    expect(w.audit.events.filter((e) => e.reason === "OPERATION_CARD_MISMATCH").map((e) => e.target)).toEqual(
      Array(3).fill(`operation:${acme.id}`),
    );
  });

  it("a card whose operation never learnt where it was: refused while the request may still be alive, shown as ended once it is", async () => {
    const w = await world();
    const beta = await w.awaiting(UA, "enable", { kind: "org", slug: "beta" });
    // Slack took the card; storing where failed (as a process killed at that moment would leave it).
    w.operations.breakOnce("setCard", new Error("connection reset"));
    await expect(w.request(UA)).rejects.toThrow();
    const op = await w.latest();
    const orphan = w.cards.posted.at(-1)?.card ?? null;
    expect(op).toMatchObject({ state: "REQUESTED", card: null });
    expect(await w.confirm(UA, op, orphan)).toEqual({ kind: "refused", code: "OPERATION_CARD_MISMATCH" });
    await w.advance(TTL);
    await w.tick();
    expect(await w.stateOf(op)).toBe("FAILED");
    // Another operation's card is never painted with this one.
    expect(await w.cancel(UA, op, beta.card)).toEqual({ kind: "refused", code: "OPERATION_CARD_MISMATCH" });
    expect(w.cards.shown.get(beta.card?.ts ?? "")?.id).toBe(beta.id);
    expect(await w.confirm(UA, op, orphan)).toEqual({ kind: "refused", code: "OPERATION_ALREADY_DECIDED" });
    expect(w.cards.shown.get(orphan?.ts ?? "")).toMatchObject({ id: op.id, state: "FAILED", reason: "interrupted" });
    expect(w.trail().at(-1)).toBe("operation.confirm.refused denied orphan card; state FAILED");
  });

  it("OPERATION_NOT_FOUND for an unknown or malformed id, recorded with a bounded target", async () => {
    const w = await world();
    const op = await w.awaiting(UA);
    const unknown = { ...op, id: "00000000-0000-4000-8000-000000000000" };
    const tampered = { ...op, id: `${op.id}' OR 1=1 --${"x".repeat(100)}` };
    expect(await w.confirm(UA, unknown)).toEqual({ kind: "refused", code: "OPERATION_NOT_FOUND" });
    expect(await w.cancel(UA, tampered)).toEqual({ kind: "refused", code: "OPERATION_NOT_FOUND" });
    expect(w.audit.events.at(-1)).toMatchObject({ action: "operation.cancel.refused", target: `operation:${tampered.id.slice(0, 64)}` });
    // PostgreSQL reads a uuid in any case: the same operation, not a forged one.
    expect(await w.confirm(UA, { ...op, id: op.id.toUpperCase() })).toMatchObject({ kind: "confirmed" });
  });

  it("OPERATION_ALREADY_DECIDED for a second click, which re-renders the card", async () => {
    const w = await world();
    const op = await w.applying();
    const refreshes = w.cards.refreshed.length;
    expect(await w.confirm(UB, op)).toEqual({ kind: "refused", code: "OPERATION_ALREADY_DECIDED" });
    expect(await w.cancel(UA, op)).toEqual({ kind: "refused", code: "OPERATION_ALREADY_DECIDED" });
    expect(w.cards.refreshed.length).toBe(refreshes + 2);
    expect(w.trail().slice(-2)).toEqual([
      "operation.confirm.refused denied state APPLYING",
      "operation.cancel.refused denied state APPLYING",
    ]);
  });

  it("two confirmations at once: one wins, the other is told it was decided", async () => {
    const w = await world();
    const op = await w.awaiting(UA);
    const outcomes = await Promise.all([w.confirm(UA, op), w.confirm(UB, op)]);
    expect(outcomes.map((o) => (o.kind === "refused" ? o.code : o.kind)).sort()).toEqual(["OPERATION_ALREADY_DECIDED", "confirmed"]);
    expect(w.trail().filter((line) => /confirmed|applying/.test(line))).toHaveLength(2);
  });

  it("with a second approver required: neither the requester nor another Slack account with the same GitHub logins may confirm", async () => {
    const w = await world({ requireSecondApprover: true });
    const twin = { team: "T2", user: "UA2" };
    await w.policy.set(twin, { ghes: "site_admin", cloud: "owner", logins: { ghes: "Alice", cloud: "ALICE-GH" } });
    expect(words(await w.request(UA))).toContain("Another authorized person");
    const op = await w.latest();
    expect(await w.confirm(UA, op)).toEqual({ kind: "refused", code: "SECOND_APPROVER_REQUIRED" });
    expect(await w.confirm(twin, op)).toEqual({ kind: "refused", code: "SECOND_APPROVER_REQUIRED" });
    expect(w.trail().slice(-2)).toEqual([
      "operation.confirm.refused denied SECOND_APPROVER_REQUIRED",
      "operation.confirm.refused denied SECOND_APPROVER_REQUIRED: same GitHub identity as the requester",
    ]);
    expect(await w.confirm(UB, op)).toMatchObject({ kind: "confirmed", op: { confirmedBy: UB } });
  });

  it("a card Slack will not edit does not undo the transition, and the worker edits it once Slack is back", async () => {
    const w = await world();
    const op = await w.awaiting(UA);
    w.cards.failRefreshes = true;
    expect(await w.cancel(UA, op)).toMatchObject({ kind: "cancelled" });
    expect(await w.stateOf(op)).toBe("CANCELLED");
    expect(w.warnings.map((x) => x.message)).toEqual(["card refresh failed"]);
    expect(w.shown(op)).toBe("AWAITING_CONFIRMATION");
    await w.tick();
    expect(w.shown(op)).toBe("AWAITING_CONFIRMATION");
    w.cards.failRefreshes = false;
    await w.tick();
    expect(w.shown(op)).toBe("CANCELLED");
    // Shown: not edited again.
    const edits = w.cards.refreshed.length;
    await w.tick();
    expect(w.cards.refreshed).toHaveLength(edits);
  });

  it("a card whose edit was lost with its process is edited by the next worker pass; one Slack deleted, and one an hour old, are left", async () => {
    const w = await world();
    const old = await w.awaiting(UA, "enable", { kind: "org", slug: "old" });
    // The cancellations commit; the process dies before it edits (the edits are dropped, as a dead process's are).
    w.cards.failRefreshes = true;
    await w.cancel(UA, old);
    await w.advance(3_600_001);
    w.cards.failRefreshes = false;
    const lost = await w.awaiting(UA, "enable", { kind: "org", slug: "lost" });
    const deleted = await w.awaiting(UA, "enable", { kind: "org", slug: "deleted" });
    w.cards.failRefreshes = true;
    await w.cancel(UA, lost);
    await w.cancel(UA, deleted);
    w.cards.failRefreshes = false;
    w.cards.gone.add(deleted.card?.ts as string);
    await w.tick();
    expect([w.shown(lost), w.shown(deleted), w.shown(old)]).toEqual(["CANCELLED", "AWAITING_CONFIRMATION", "AWAITING_CONFIRMATION"]);
    const edits = w.cards.refreshed.length;
    const warnings = w.warnings.length;
    await w.tick();
    expect(w.cards.refreshed).toHaveLength(edits);
    expect(w.warnings.length - warnings).toBe(0);
  });

  it("runClick answers in words, and an unexpected failure only with a reference into the log", async () => {
    const w = await world();
    const op = await w.awaiting(UA);
    const logged: string[] = [];
    const click = (requestId: string) =>
      runClick(
        { ...w.deps, executor: w.executor },
        { ref: UB, action: "confirm", operationId: op.id, card: op.card, requestId },
        (_e, id) => void logged.push(id),
      );
    w.operations.breakOnce("get", new Error("connection reset"));
    expect(words(await click("r-broken"))).toContain("reference r-broken");
    expect(logged).toEqual(["r-broken"]);
    // GitHub answering what nobody explained (a 5xx, a strange answer): named, and referenced in the log too.
    w.operations.breakOnce("get", new AppError("GITHUB_SERVER_ERROR", { side: "GHES", status: 502 }));
    expect(words(await click("r-github"))).toContain("Reference for an administrator: `r-github`");
    expect(logged).toEqual(["r-broken", "r-github"]);
    // A refusal with its own words is not an incident: no reference, nothing logged.
    w.operations.breakOnce("get", new AppError("GITHUB_TIMEOUT", { side: "GHES", seconds: 15 }));
    expect(words(await click("r-slow"))).not.toContain("Reference");
    expect(logged).toEqual(["r-broken", "r-github"]);
    expect(words(await click("r-ok"))).toContain("Confirmed.");
    expect(words(await click("r-again"))).toContain("already decided");
  });

  it("a card that runs out while GitHub answers the live check is not confirmed", async () => {
    const w = await world();
    const op = await w.awaiting(UA);
    await w.advance(TTL - 1_000);
    w.policy.duringCall = () => w.clock.sleep(1_000);
    expect(await w.confirm(UB, op)).toMatchObject({ kind: "refused" });
    expect(await w.stateOf(op)).not.toBe("CONFIRMED");
    expect(w.trail()).not.toContain("operation.confirmed allowed");
  });

  // Found by this suite: expiry is checked before the live policy check and again by the transition after it;
  // a card that ran out in between was answered "already decided" and left with live buttons.
  it("a card that runs out while GitHub answers the live check is refused as EXPIRED and closed", async () => {
    const w = await world();
    const op = await w.awaiting(UA);
    await w.advance(TTL - 1_000);
    w.policy.duringCall = () => w.clock.sleep(1_000);
    expect(await w.confirm(UB, op)).toEqual({ kind: "refused", code: "OPERATION_EXPIRED" });
    expect(w.shown(op)).toBe("EXPIRED");
  });
});
