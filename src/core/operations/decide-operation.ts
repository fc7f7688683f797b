import { evaluatePolicy, provenLogins } from "../policy/evaluate-policy.ts";
import type { PolicyResult } from "../policy/evaluate-policy.ts";
import type { SlackUserRef } from "../ports.ts";
import type { OperationDeps } from "./operation-deps.ts";
import type { Operation } from "./operation.ts";

export interface Click {
  ref: SlackUserRef;
  operationId: string;
  requestId: string;
}

/** What the clicking user is told (ephemerally); the card itself is re-rendered from the operation. */
export type ClickOutcome =
  | { kind: "confirmed"; op: Operation }
  | { kind: "cancelled"; op: Operation }
  | { kind: "refused"; code: "OPERATION_NOT_FOUND" | "OPERATION_EXPIRED" | "OPERATION_ALREADY_DECIDED" | "SECOND_APPROVER_REQUIRED" | "SLACK_USER_GUEST" }
  | { kind: "not_authorized"; policy: PolicyResult };

const same = (a: SlackUserRef, b: SlackUserRef) => a.team === b.team && a.user === b.user;

/** Loads the operation a button names; a tampered or foreign id is refused and recorded. */
async function load(deps: OperationDeps, click: Click, action: string): Promise<{ op: Operation } | { outcome: ClickOutcome }> {
  const op = await deps.operations.get(click.operationId);
  if (!op) {
    await deps.audit.record({ actor: click.ref, action: `operation.${action}.refused`, target: `operation:${click.operationId.slice(0, 64)}`, decision: "denied", reason: "OPERATION_NOT_FOUND", requestId: click.requestId });
    return { outcome: { kind: "refused", code: "OPERATION_NOT_FOUND" } };
  }
  if (op.state === "AWAITING_CONFIRMATION" && op.expiresAt.getTime() <= deps.clock.now().getTime()) {
    const expired = await deps.operations.transition(op.id, ["AWAITING_CONFIRMATION"], "EXPIRED", { reason: "expired" }, { actor: click.ref, action: "operation.expired", decision: "ok", requestId: click.requestId });
    if (expired) await deps.cards.refresh(expired).catch((e: unknown) => deps.warn("card refresh failed", e));
    return { outcome: { kind: "refused", code: "OPERATION_EXPIRED" } };
  }
  if (op.state !== "AWAITING_CONFIRMATION") {
    await deps.audit.record({ actor: click.ref, action: `operation.${action}.refused`, target: `operation:${op.id}`, decision: "denied", reason: `state ${op.state}`, requestId: click.requestId });
    await deps.cards.refresh(op).catch((e: unknown) => deps.warn("card refresh failed", e));
    return { outcome: { kind: "refused", code: "OPERATION_ALREADY_DECIDED" } };
  }
  return { op };
}

/**
 * Confirm: only an authorized user (asked live again, now), only once, only before expiry, and with
 * REQUIRE_SECOND_APPROVER only someone other than the requester. Then the executor takes over.
 */
export async function confirmOperation(deps: OperationDeps, click: Click, begin: (op: Operation) => Promise<Operation>): Promise<ClickOutcome> {
  const loaded = await load(deps, click, "confirm");
  if ("outcome" in loaded) return loaded.outcome;
  const { op } = loaded;
  const audit = { actor: click.ref, target: `operation:${op.id}`, requestId: click.requestId };
  const user = await deps.directory.lookup(click.ref.user);
  if (user.kind !== "member") {
    await deps.audit.record({ ...audit, action: "operation.confirm.refused", decision: "denied", reason: `slack user ${user.kind}` });
    return { kind: "refused", code: "SLACK_USER_GUEST" };
  }
  if (deps.settings.requireSecondApprover && same(op.requestedBy, click.ref)) {
    await deps.audit.record({ ...audit, action: "operation.confirm.refused", decision: "denied", reason: "SECOND_APPROVER_REQUIRED" });
    return { kind: "refused", code: "SECOND_APPROVER_REQUIRED" };
  }
  const policy = await evaluatePolicy(deps.policy, click.ref, op.account, click.requestId);
  if (!policy.allowed) return { kind: "not_authorized", policy };
  const requester = op.facts?.requesterLogins;
  const clicker = provenLogins(policy);
  if (deps.settings.requireSecondApprover && requester && clicker && (clicker.ghes === requester.ghes || clicker.cloud === requester.cloud)) {
    await deps.audit.record({ ...audit, action: "operation.confirm.refused", decision: "denied", reason: "SECOND_APPROVER_REQUIRED: same GitHub identity as the requester" });
    return { kind: "refused", code: "SECOND_APPROVER_REQUIRED" };
  }
  const now = deps.clock.now();
  const confirmed = await deps.operations.transition(op.id, ["AWAITING_CONFIRMATION"], "CONFIRMED", { confirmedBy: click.ref, confirmedAt: now }, { ...audit, action: "operation.confirmed", decision: "allowed" }, { unexpiredAt: now });
  if (!confirmed) {
    const current = await deps.operations.get(op.id);
    if (current) await deps.cards.refresh(current).catch((e: unknown) => deps.warn("card refresh failed", e));
    return { kind: "refused", code: current?.state === "EXPIRED" ? "OPERATION_EXPIRED" : "OPERATION_ALREADY_DECIDED" };
  }
  return { kind: "confirmed", op: await begin(confirmed) };
}

/** Cancel: the requester, or anyone who could confirm. */
export async function cancelOperation(deps: OperationDeps, click: Click): Promise<ClickOutcome> {
  const loaded = await load(deps, click, "cancel");
  if ("outcome" in loaded) return loaded.outcome;
  const { op } = loaded;
  const audit = { actor: click.ref, target: `operation:${op.id}`, requestId: click.requestId };
  const user = await deps.directory.lookup(click.ref.user);
  if (user.kind !== "member") {
    await deps.audit.record({ ...audit, action: "operation.cancel.refused", decision: "denied", reason: `slack user ${user.kind}` });
    return { kind: "refused", code: "SLACK_USER_GUEST" };
  }
  if (!same(op.requestedBy, click.ref)) {
    const policy = await evaluatePolicy(deps.policy, click.ref, op.account, click.requestId);
    if (!policy.allowed) return { kind: "not_authorized", policy };
  }
  const cancelled = await deps.operations.transition(op.id, ["AWAITING_CONFIRMATION"], "CANCELLED", { reason: "cancelled" }, { ...audit, action: "operation.cancelled", decision: "ok" });
  if (!cancelled) return { kind: "refused", code: "OPERATION_ALREADY_DECIDED" };
  await deps.cards.refresh(cancelled).catch((e: unknown) => deps.warn("card refresh failed", e));
  return { kind: "cancelled", op: cancelled };
}
