// The operation core's world for tests: in-memory ports (memory-operations.ts), the people and accounts the
// tests use, and the steps they take (request, confirm, cancel, a worker tick, time passing).
import { expect } from "vitest";
import type { AccountSpec } from "../../src/core/domain/account.ts";
import type { Operation, OperationKind } from "../../src/core/domain/operation.ts";
import type { Reply } from "../../src/core/domain/reply.ts";
import { translator } from "../../src/core/messages/translate.ts";
import { cancelOperation, confirmOperation, stopWaiting } from "../../src/core/operations/decide-operation.ts";
import { guidedExecutor } from "../../src/core/operations/guided-executor.ts";
import type { OperationSettings } from "../../src/core/operations/operation-deps.ts";
import { runOperationTick } from "../../src/core/operations/operation-worker.ts";
import { requestOperation } from "../../src/core/operations/request-operation.ts";
import type { SlackUserRef } from "../../src/core/ports.ts";
import { AppError } from "../../src/errors.ts";
import { memoryOperationDeps, TEST_SETTINGS } from "./memory-operations.ts";

export const T0 = Date.parse("2026-11-23T12:00:00Z"); // manualClock's start
export const MIN = 60_000;
export const TTL = TEST_SETTINGS.confirmationTtlMs;
export const APPLY = TEST_SETTINGS.applyTimeoutMs;
export const at = (ms: number) => new Date(T0 + ms);

export const UA = { team: "T1", user: "UA" }; // alice: GHES site admin, owner of every account
export const UB = { team: "T1", user: "UB" }; // bob: the same rights, another person
export const UC = { team: "T1", user: "UC" }; // carol: owner on GitHub.com, not a GHES site admin
export const UD = { team: "T1", user: "UD" }; // dave: linked on neither side
export const UE = { team: "T1", user: "UE" }; // erin: GHES fails when asked about her
export const UG = { team: "T1", user: "UG" }; // a Slack guest who holds every right on GitHub
export const ACME: AccountSpec = { kind: "org", slug: "acme" };
export const GLOBEX: AccountSpec = { kind: "enterprise", slug: "globex" };

export const words = (r: Reply) => r.blocks.map((b) => b.text).join("\n");
export const event = (action: string, ms: number) => ({ action: `dotcom_connection.${action}`, actor: "alice", at: at(ms) });

export async function world(settings: Partial<OperationSettings> = {}) {
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
    stop: (ref: SlackUserRef, op: Operation, card = op.card) =>
      stopWaiting(w.deps, { ref, operationId: op.id, card, requestId: requestId() }),
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

export type World = Awaited<ReturnType<typeof world>>;

/** Scripted GitHub lists as the tests grow them: a list, not a failure or "unreadable". */
export function listedEvents(w: World) {
  const events = w.ghes.script.events;
  if (!Array.isArray(events)) throw new Error("the scripted audit log is not a list");
  return events;
}
