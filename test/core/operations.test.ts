import { describe, expect, it } from "vitest";
import type { AccountSpec } from "../../src/core/domain/account.ts";
import type { Operation, OperationKind } from "../../src/core/domain/operation.ts";
import type { Reply } from "../../src/core/domain/reply.ts";
import { translator } from "../../src/core/messages/translate.ts";
import { cancelOperation, confirmOperation } from "../../src/core/operations/decide-operation.ts";
import { guidedExecutor } from "../../src/core/operations/guided-executor.ts";
import type { OperationSettings } from "../../src/core/operations/operation-deps.ts";
import { runOperationTick, runOperationWorker } from "../../src/core/operations/operation-worker.ts";
import { requestOperation } from "../../src/core/operations/request-operation.ts";
import { runClick } from "../../src/core/operations/run-click.ts";
import type { Clock, SlackUserRef } from "../../src/core/ports.ts";
import { AppError } from "../../src/errors.ts";
import { memoryOperationDeps, TEST_SETTINGS } from "../support/memory-operations.ts";

const T0 = Date.parse("2026-11-23T12:00:00Z"); // manualClock's start
const MIN = 60_000;
const TTL = TEST_SETTINGS.confirmationTtlMs;
const APPLY = TEST_SETTINGS.applyTimeoutMs;
const at = (ms: number) => new Date(T0 + ms);

const UA = { team: "T1", user: "UA" }; // alice: GHES site admin, owner of every account
const UB = { team: "T1", user: "UB" }; // bob: the same rights, another person
const UC = { team: "T1", user: "UC" }; // carol: owner on GitHub.com, not a GHES site admin
const UD = { team: "T1", user: "UD" }; // dave: linked on neither side
const UE = { team: "T1", user: "UE" }; // erin: GHES fails when asked about her
const UG = { team: "T1", user: "UG" }; // a Slack guest who holds every right on GitHub
const ACME: AccountSpec = { kind: "org", slug: "acme" };
const GLOBEX: AccountSpec = { kind: "enterprise", slug: "globex" };

const words = (r: Reply) => r.blocks.map((b) => b.text).join("\n");
const event = (action: string, ms: number) => ({ action: `dotcom_connection.${action}`, actor: "alice", at: at(ms) });

async function world(settings: Partial<OperationSettings> = {}) {
  const w = memoryOperationDeps(settings);
  await w.policy.set(UA, { ghes: "site_admin", cloud: "owner", logins: { ghes: "alice", cloud: "alice-gh" } });
  await w.policy.set(UB, { ghes: "site_admin", cloud: "owner" });
  await w.policy.set(UC, { ghes: "not_site_admin", cloud: "owner" });
  await w.policy.set(UD, { ghes: "not_linked", cloud: "not_linked" });
  await w.policy.set(UE, { ghes: new AppError("GITHUB_SERVER_ERROR", { side: "GHES", status: 502 }), cloud: "owner" });
  await w.policy.set(UG, { ghes: "site_admin", cloud: "owner" });
  w.directory.users.set("UG", { kind: "guest", locale: null });
  const executor = guidedExecutor(w.deps);
  let n = 0;
  const requestId = () => `req-${++n}`;
  const latest = async (): Promise<Operation> => {
    const op = await w.operations.get([...w.operations.rows.keys()].at(-1) ?? "");
    if (!op) throw new Error("no operation stored");
    return op;
  };
  const request = (ref: SlackUserRef, kind: OperationKind = "enable", account: AccountSpec = ACME) =>
    requestOperation(w.deps, { ref, kind, account, channel: "C0OPS", locale: "en", requestId: requestId(), t: translator("en") });
  const confirm = (ref: SlackUserRef, op: Operation, card = op.card) =>
    confirmOperation(w.deps, { ref, operationId: op.id, card, requestId: requestId() }, (o) => executor.begin(o));
  return {
    ...w,
    executor,
    latest,
    request,
    confirm,
    cancel: (ref: SlackUserRef, op: Operation, card = op.card) =>
      cancelOperation(w.deps, { ref, operationId: op.id, card, requestId: requestId() }),
    tick: () => runOperationTick(w.deps, executor),
    advance: (ms: number) => w.clock.sleep(ms),
    stateOf: async (op: Operation) => (await w.operations.get(op.id))?.state,
    /** What the operation's card shows now. */
    shown: (op: Operation) => w.cards.shown.get(op.card?.ts ?? "")?.state,
    /** The operation.* audit trail, one "action decision reason" line each. */
    trail: () =>
      w.audit.events
        .filter((e) => e.action.startsWith("operation."))
        .map((e) => [e.action, e.decision, e.reason].filter(Boolean).join(" ")),
    /** A card awaiting confirmation, requested by `ref` at the current time. */
    async awaiting(ref: SlackUserRef = UA, kind: OperationKind = "enable", account: AccountSpec = ACME) {
      await request(ref, kind, account);
      const op = await latest();
      expect(op.state).toBe("AWAITING_CONFIRMATION");
      return op;
    },
    /** Requested at T0, confirmed a minute later: applying until T0 + 1 min + APPLY. */
    async applying(kind: OperationKind = "enable", account: AccountSpec = ACME) {
      await request(UA, kind, account);
      const op = await latest();
      await w.clock.sleep(MIN);
      expect(await confirm(UA, op)).toMatchObject({ kind: "confirmed" });
      return latest();
    },
  };
}

type World = Awaited<ReturnType<typeof world>>;

/** Scripted GitHub lists as the tests grow them: a list, not a failure or "unreadable". */
function listedEvents(w: World) {
  const events = w.ghes.script.events;
  if (!Array.isArray(events)) throw new Error("the scripted audit log is not a list");
  return events;
}

const PREFLIGHT_PROBLEMS: Array<[string, OperationKind, (w: World) => void, string, string]> = [
  [
    "the license forbids GitHub Connect",
    "enable",
    (w) => {
      w.ghes.script.license = { connectAllowed: false, customerName: null, publicKey: null };
    },
    "preflight:license.connect_not_licensed",
    "does not allow GitHub Connect",
  ],
  [
    "GitHub.com is unreachable and the app is not installed (both reported)",
    "enable",
    (w) => {
      w.preflight.reachable = [{ target: "https://github.com/", ok: false, detail: "ECONNREFUSED" }];
      w.cloud.script.installation = { installed: false, installUrl: "https://github.com/apps/ghconnect/installations/new" };
    },
    "preflight:network.unreachable,app.app_not_installed",
    "https://github.com/apps/ghconnect/installations/new",
  ],
  [
    "already connected: a token update is newer than the create",
    "enable",
    (w) => {
      w.ghes.script.events = [event("create", -2 * MIN), event("token_updated", -MIN)];
    },
    "preflight:state.already_connected",
    "already appears connected",
  ],
  ["nothing to disconnect", "disable", () => {}, "preflight:state.not_connected", "does not appear connected"],
  [
    "no way to verify the result",
    "enable",
    (w) => {
      w.ghes.script.events = null;
    },
    "preflight:evidence.no_evidence_source",
    "GHES_ENTERPRISE",
  ],
  [
    "GHES answering 5xx",
    "enable",
    (w) => {
      w.ghes.script.version = new AppError("GITHUB_SERVER_ERROR", { side: "GHES", status: 503 });
    },
    "preflight:version.github_error",
    "server error (503)",
  ],
];

describe("request: authorize, preflight, post the card", () => {
  it("REQUESTED → AWAITING_CONFIRMATION: the card carries the preflight's facts and the requester's proven logins", async () => {
    const w = await world();
    expect(words(await w.request(UA))).toContain("I posted the confirmation card in this channel. It expires at 12:15 UTC.");
    const op = await w.latest();
    expect(op).toMatchObject({
      state: "AWAITING_CONFIRMATION",
      kind: "enable",
      account: ACME,
      requestedBy: UA,
      card: w.cards.posted[0]?.card,
      expiresAt: at(TTL),
      facts: {
        hostname: "ghes.example.com",
        ghesVersion: "3.15.2",
        customerName: "Acme Corp",
        licenseFingerprint: "SHA256:pubkey",
        installationId: 42,
        requesterLogins: { ghes: "alice", cloud: "alice-gh" },
      },
    });
    expect(w.cards.posted).toMatchObject([
      { channel: "C0OPS", op: { id: op.id, state: "AWAITING_CONFIRMATION", facts: { hostname: "ghes.example.com" } } },
    ]);
    expect(w.trail()).toEqual(["operation.enable.requested allowed", "operation.awaiting_confirmation ok"]);
    expect(w.audit.events.filter((e) => e.action.startsWith("operation.")).map((e) => e.detail)).toEqual([
      { operation: op.id },
      { operation: op.id, state: "AWAITING_CONFIRMATION" },
    ]);
  });

  it.each([
    ["not a GHES site admin", UC, "authz.decision", "denied", "GHES=not_site_admin(uc)"],
    ["linked on neither side", UD, "authz.decision", "denied", "GHES=not_linked; CLOUD=not_linked"],
    ["someone GHES fails to answer about", UE, "authz.decision", "error", "GHES=error:GITHUB_SERVER_ERROR"],
  ])("DENIED, for %s: a record, no preflight, no card", async (_who, ref, action, decision, reason) => {
    const w = await world();
    expect(words(await w.request(ref))).toContain("You may not connect this server to the organization *acme*. Nothing was started.");
    expect(await w.latest()).toMatchObject({ state: "DENIED", reason: "not_authorized", requestedBy: ref });
    expect(w.audit.events.find((e) => e.action === action)).toMatchObject({ decision, reason: expect.stringContaining(reason) });
    expect(w.trail()).toEqual(["operation.enable.denied denied"]);
    expect(w.ghes.asked).toEqual([]);
    expect(w.cards.posted).toEqual([]);
  });

  it("a DENIED request supersedes nobody's pending card", async () => {
    const w = await world();
    const pending = await w.awaiting(UA);
    await w.request(UC);
    expect(await w.stateOf(pending)).toBe("AWAITING_CONFIRMATION");
    expect(w.cards.refreshed).toEqual([]);
  });

  it.each(PREFLIGHT_PROBLEMS)(
    "FAILED by the preflight when %s: every problem named, nothing started",
    async (_case, kind, arrange, reason, text) => {
      const w = await world();
      arrange(w);
      const reply = words(await w.request(UA, kind));
      expect(reply).toContain(text);
      expect(reply).toContain("Nothing was started.");
      expect(await w.latest()).toMatchObject({ state: "FAILED", reason });
      expect(w.trail().at(-1)).toBe(`operation.failed denied ${reason}`);
      expect(w.cards.posted).toEqual([]);
    },
  );

  it("FAILED preflight_error when the preflight crashes, and the account is free again", async () => {
    const w = await world();
    w.ghes.script.license = new Error("socket hang up");
    await expect(w.request(UA)).rejects.toThrow("socket hang up");
    expect(await w.latest()).toMatchObject({ state: "FAILED", reason: "preflight_error" });
    expect(w.trail().at(-1)).toBe("operation.failed error preflight_error");
    w.ghes.script.license = null;
    await w.awaiting(UA);
  });

  it("FAILED when Slack refuses the card: CARD_NOT_POSTED with Slack's reason, and the account is free again", async () => {
    const w = await world();
    w.cards.refusePosts = "not_in_channel";
    await expect(w.request(UA)).rejects.toMatchObject({ code: "CARD_NOT_POSTED", params: { detail: "not_in_channel" } });
    expect(await w.latest()).toMatchObject({
      state: "FAILED",
      reason: "CARD_NOT_POSTED",
      card: null,
      facts: { hostname: "ghes.example.com" },
    });
    expect(w.trail().at(-1)).toBe("operation.failed error CARD_NOT_POSTED");
    w.cards.refusePosts = null;
    await w.awaiting(UB);
  });

  it("a request that outlives its time while the card is posted is failed by the worker, the new card says so, and so does the answer", async () => {
    const w = await world();
    w.cards.whilePosting = async () => {
      w.cards.whilePosting = null;
      await w.advance(TTL);
      await w.tick();
    };
    // Not "I posted the confirmation card…": the operation has ended.
    await expect(w.request(UA)).rejects.toMatchObject({ code: "OPERATION_ALREADY_DECIDED" });
    const op = await w.latest();
    expect(op).toMatchObject({ state: "FAILED", reason: "interrupted", card: w.cards.posted[0]?.card });
    expect(w.shown(op)).toBe("FAILED");
  });

  it("supersede: a newer request cancels the unconfirmed card of the same account, whose buttons then do nothing", async () => {
    const w = await world();
    const first = await w.awaiting(UA);
    await w.request(UB);
    const second = await w.latest();
    expect(await w.operations.get(first.id)).toMatchObject({ state: "CANCELLED", reason: "superseded" });
    expect(second).toMatchObject({ state: "AWAITING_CONFIRMATION", requestedBy: UB });
    expect(w.shown(first)).toBe("CANCELLED");
    expect(w.audit.events.find((e) => e.action === "operation.superseded")).toMatchObject({
      actor: UB,
      target: `operation:${first.id}`,
      decision: "ok",
    });
    expect(await w.confirm(UA, first)).toEqual({ kind: "refused", code: "OPERATION_ALREADY_DECIDED" });
    await w.awaiting(UA, "enable", { kind: "org", slug: "beta" });
    expect(await w.stateOf(second)).toBe("AWAITING_CONFIRMATION");
  });

  it("OPERATION_IN_FLIGHT while one is being prepared, confirmed or applied; nothing is written for the refused request", async () => {
    const w = await world();
    w.cards.whilePosting = async () => {
      w.cards.whilePosting = null;
      await expect(w.request(UB)).rejects.toMatchObject({ code: "OPERATION_IN_FLIGHT", params: { slug: "acme", state: "REQUESTED" } });
    };
    const op = await w.awaiting(UA);
    const died = confirmOperation(w.deps, { ref: UA, operationId: op.id, card: op.card, requestId: "r" }, async () =>
      Promise.reject(new Error("process killed")),
    );
    await expect(died).rejects.toThrow("process killed");
    await expect(w.request(UB)).rejects.toMatchObject({ code: "OPERATION_IN_FLIGHT", params: { state: "CONFIRMED" } });
    await w.tick();
    await expect(w.request(UB)).rejects.toMatchObject({ code: "OPERATION_IN_FLIGHT", params: { state: "APPLYING" } });
    expect(w.operations.rows.size).toBe(1);
    expect(w.trail().filter((line) => line.startsWith("operation.enable.requested"))).toHaveLength(1);
  });
});

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
    expect(await w.cancel(UA, own)).toMatchObject({ kind: "cancelled", op: { state: "CANCELLED", reason: "cancelled" } });
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

describe("verification by the guided executor", () => {
  it("APPLYING → VERIFIED from the GHES audit log: connection record, announcement that starts its thread, card", async () => {
    const w = await world();
    const op = await w.applying();
    await w.tick();
    expect(await w.stateOf(op)).toBe("APPLYING");
    w.ghes.script.events = [event("create", 5 * MIN)];
    await w.advance(5 * MIN);
    await w.tick();
    const evidence = `GHES audit log: dotcom_connection.create by alice at ${at(5 * MIN).toISOString()}`;
    expect(await w.latest()).toMatchObject({ state: "VERIFIED", verifiedAt: at(6 * MIN), reason: evidence });
    expect(w.ghes.asked.at(-1)).toEqual(at(MIN));
    expect(await w.connections.get({ kind: "org", slug: "acme" })).toEqual({
      account: ACME,
      state: "CONNECTED",
      hostname: "ghes.example.com",
      ghesVersion: "3.15.2",
      customerName: "Acme Corp",
      licensePublicKey: "PUBKEY",
      licenseFingerprint: "SHA256:pubkey",
      changedBy: UA,
      changedAt: at(6 * MIN),
      lastVerifiedAt: at(6 * MIN),
      operationId: op.id,
      threadKey: `connection:${op.id}`,
    });
    expect(w.outbox.notices).toEqual([
      expect.objectContaining({
        key: `operation:${op.id}:VERIFIED`,
        thread: `connection:${op.id}`,
        broadcast: false,
        message: expect.objectContaining({ state: "VERIFIED", requester: "UA", confirmer: "UA", reason: evidence }),
      }),
    ]);
    expect(w.shown(op)).toBe("VERIFIED");
    expect(w.trail().at(-1)).toBe(`operation.verified ok ${evidence}`);
  });

  it("a verified disable keeps the connection's thread and is broadcast in it", async () => {
    const w = await world();
    const enable = await w.applying();
    w.ghes.script.events = [event("create", 2 * MIN)];
    await w.tick();
    const disable = await w.applying("disable");
    listedEvents(w).push(event("destroy", 5 * MIN));
    await w.tick();
    expect(await w.stateOf(disable)).toBe("VERIFIED");
    expect(await w.connections.list()).toMatchObject([
      { state: "DISCONNECTED", operationId: disable.id, threadKey: `connection:${enable.id}` },
    ]);
    expect(w.outbox.notices.at(-1)).toMatchObject({
      key: `operation:${disable.id}:VERIFIED`,
      thread: `connection:${enable.id}`,
      broadcast: true,
    });
  });

  it("without the audit log, GitHub's list of connected servers is the evidence", async () => {
    const w = await world();
    w.ghes.script.events = null;
    w.cloud.script.servers = [];
    const op = await w.applying("enable", GLOBEX);
    await w.tick();
    expect(await w.stateOf(op)).toBe("APPLYING");
    w.cloud.script.servers = ["ghes.example.com"];
    await w.tick();
    expect(await w.latest()).toMatchObject({ state: "VERIFIED", reason: "GitHub Enterprise Cloud lists ghes.example.com" });
    expect(await w.connections.get({ kind: "enterprise", slug: "globex" })).toMatchObject({ state: "CONNECTED" });
  });

  it.each([
    ["enable", ["create"], "VERIFIED"],
    ["enable", ["create", "token_updated"], "VERIFIED"],
    ["enable", ["create", "destroy"], "APPLYING"],
    ["enable", ["destroy", "create"], "VERIFIED"],
    ["disable", ["destroy"], "VERIFIED"],
    ["disable", ["destroy", "create"], "APPLYING"],
  ] as const)("%s after %j (oldest first): the newest create or destroy decides → %s", async (kind, actions, state) => {
    const w = await world();
    // A disable needs a connection to start from: a create long before, which the check must not count.
    if (kind === "disable") w.ghes.script.events = [event("create", -24 * 60 * MIN)];
    const op = await w.applying(kind);
    for (const [i, action] of actions.entries()) listedEvents(w).push(event(action, (2 + i) * MIN));
    await w.advance(10 * MIN);
    await w.tick();
    expect(await w.stateOf(op)).toBe(state);
  });

  it("a change recorded before the confirmation is not evidence", async () => {
    const w = await world();
    w.ghes.script.events = [event("create", -24 * 60 * MIN)];
    await w.request(UA, "disable");
    const op = await w.latest();
    listedEvents(w).push(event("destroy", 30_000));
    await w.advance(MIN);
    await w.confirm(UA, op);
    await w.tick();
    expect(await w.stateOf(op)).toBe("APPLYING");
  });
});

describe("the worker resumes what a process left", () => {
  it("REQUESTED left by a dead process → FAILED interrupted once its time is up, freeing the account", async () => {
    const w = await world();
    const { op } = await w.operations.create(
      {
        kind: "enable",
        account: { kind: "org", slug: "acme" },
        requestedBy: UA,
        requestId: "dead",
        locale: "en",
        expiresAt: at(TTL),
        facts: null,
        state: "REQUESTED",
      },
      { actor: UA, action: "operation.enable.requested", decision: "allowed" },
    );
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

describe("the preflight's evidence check", () => {
  // Found by this suite: a failed connectedServers() call was dropped, and the check told the admin to set a
  // variable that was set.
  it("GitHub failing to list the connected servers is named as a GitHub error, not as a missing setting", async () => {
    const w = await world();
    w.ghes.script.events = null;
    w.cloud.script.servers = new AppError("GITHUB_SERVER_ERROR", { side: "CLOUD", status: 502 });
    await w.request(UA, "enable", GLOBEX);
    expect(await w.latest()).toMatchObject({ state: "FAILED", reason: "preflight:evidence.github_error" });
  });
});
