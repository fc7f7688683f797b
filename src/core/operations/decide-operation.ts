import { type CardRef, IN_FLIGHT, type Operation, type OperationState } from "../domain/operation.ts";
import type { PolicyResult } from "../policy/evaluate-policy.ts";
import { evaluatePolicy, provenLogins } from "../policy/evaluate-policy.ts";
import type { SlackUserRef } from "../ports.ts";
import type { OperationDeps } from "./operation-deps.ts";
import { refreshCard } from "./refresh-card.ts";

export interface Click {
  ref: SlackUserRef;
  operationId: string;
  /** Where the clicked button was (channel and message ts). */
  card: CardRef | null;
  requestId: string;
}

/** What the clicking user is told (ephemerally); the card itself is re-rendered from the operation. */
export type ClickOutcome =
  | { kind: "confirmed"; op: Operation }
  | { kind: "cancelled"; op: Operation }
  | { kind: "stopped"; op: Operation }
  | {
      kind: "refused";
      code:
        | "OPERATION_NOT_FOUND"
        | "OPERATION_CARD_MISMATCH"
        | "OPERATION_EXPIRED"
        | "OPERATION_ALREADY_DECIDED"
        | "SECOND_APPROVER_REQUIRED"
        | "SLACK_USER_GUEST";
    }
  | { kind: "not_authorized"; policy: PolicyResult };

/** What a click decides with: the live policy, the store, the card, the clock, and who the clicker is. */
export type DecideDeps = Pick<OperationDeps, "operations" | "audit" | "clock" | "cards" | "warn" | "directory" | "policy" | "settings">;

const same = (a: SlackUserRef, b: SlackUserRef) => a.team === b.team && a.user === b.user;

type Refusal = Extract<ClickOutcome, { kind: "refused" }>["code"];

/** A card that ran out is expired by the click that finds it so, and shown so. */
async function expire(deps: DecideDeps, op: Operation, click: Click): Promise<ClickOutcome> {
  const expired = await deps.operations.transition(
    op.id,
    ["AWAITING_CONFIRMATION"],
    "EXPIRED",
    { reason: "expired" },
    { actor: click.ref, action: "operation.expired", decision: "ok", requestId: click.requestId },
  );
  await refreshCard(deps, expired ?? (await deps.operations.get(op.id)) ?? op);
  return { kind: "refused", code: "OPERATION_EXPIRED" };
}

const ranOut = (op: Operation, now: Date) => op.state === "AWAITING_CONFIRMATION" && op.expiresAt.getTime() <= now.getTime();

/**
 * Everything a click needs before its own rule: the operation the button names (a tampered or foreign id is
 * refused), still in the state the action applies to and unexpired, clicked by a Slack member. Each refusal is
 * recorded.
 */
async function load(deps: DecideDeps, click: Click, action: "confirm" | "cancel" | "stop", state: OperationState) {
  const refuse = async (target: string, reason: string, code: Refusal) => {
    await deps.audit.record({
      actor: click.ref,
      action: `operation.${action}.refused`,
      target,
      decision: "denied",
      reason,
      requestId: click.requestId,
    });
    return { outcome: { kind: "refused", code } as ClickOutcome };
  };
  const op = await deps.operations.get(click.operationId);
  if (!op) return refuse(`operation:${click.operationId.slice(0, 64)}`, "OPERATION_NOT_FOUND", "OPERATION_NOT_FOUND");
  const target = `operation:${op.id}`;
  if (!op.card && click.card && !IN_FLIGHT.includes(op.state) && !(await deps.operations.byCard(click.card))) {
    // A card Slack posted for a process that died before it stored where: no operation owns that message, and
    // the one its button names has ended, so the message is made to show that end (and loses its buttons).
    await refreshCard(deps, { ...op, card: click.card });
    return refuse(target, `orphan card; state ${op.state}`, "OPERATION_ALREADY_DECIDED");
  }
  // A button's value alone does not pick the operation: it must be clicked on that operation's own card.
  if (!op.card || !click.card || op.card.channel !== click.card.channel || op.card.ts !== click.card.ts) {
    return refuse(target, "OPERATION_CARD_MISMATCH", "OPERATION_CARD_MISMATCH");
  }
  if (ranOut(op, deps.clock.now())) return { outcome: await expire(deps, op, click) };
  if (op.state !== state) {
    await refreshCard(deps, op);
    return refuse(target, `state ${op.state}`, "OPERATION_ALREADY_DECIDED");
  }
  const user = await deps.directory.lookup(click.ref.user);
  if (user.kind !== "member") return refuse(target, `slack user ${user.kind}`, "SLACK_USER_GUEST");
  const audit = { actor: click.ref, target, requestId: click.requestId };
  return { op, audit, refuse: (reason: string, code: Refusal) => refuse(target, reason, code) };
}

/**
 * Confirm: only an authorized user (asked live again, now), only once, only before expiry, and with
 * REQUIRE_SECOND_APPROVER only someone other than the requester. Then the executor takes over.
 */
export async function confirmOperation(
  deps: DecideDeps,
  click: Click,
  begin: (op: Operation) => Promise<Operation>,
): Promise<ClickOutcome> {
  const loaded = await load(deps, click, "confirm", "AWAITING_CONFIRMATION");
  if ("outcome" in loaded) return loaded.outcome;
  const { op, audit, refuse } = loaded;
  if (deps.settings.requireSecondApprover && same(op.requestedBy, click.ref)) {
    return (await refuse("SECOND_APPROVER_REQUIRED", "SECOND_APPROVER_REQUIRED")).outcome;
  }
  const policy = await evaluatePolicy(deps.policy, click.ref, op.account, click.requestId);
  if (!policy.allowed) return { kind: "not_authorized", policy };
  const requester = op.facts?.requesterLogins;
  const clicker = provenLogins(policy);
  if (
    deps.settings.requireSecondApprover &&
    requester &&
    clicker &&
    (clicker.ghes === requester.ghes || clicker.cloud === requester.cloud)
  ) {
    return (await refuse("SECOND_APPROVER_REQUIRED: same GitHub identity as the requester", "SECOND_APPROVER_REQUIRED")).outcome;
  }
  const now = deps.clock.now();
  const confirmed = await deps.operations.transition(
    op.id,
    ["AWAITING_CONFIRMATION"],
    "CONFIRMED",
    { confirmedBy: click.ref, confirmedAt: now },
    { ...audit, action: "operation.confirmed", decision: "allowed" },
    { unexpiredAt: now },
  );
  if (!confirmed) {
    const current = await deps.operations.get(op.id);
    // The card may have run out while GitHub was being asked: that is an expiry, not someone else's decision.
    if (current && ranOut(current, now)) return expire(deps, current, click);
    if (current) await refreshCard(deps, current);
    return { kind: "refused", code: current?.state === "EXPIRED" ? "OPERATION_EXPIRED" : "OPERATION_ALREADY_DECIDED" };
  }
  return { kind: "confirmed", op: await begin(confirmed) };
}

/**
 * A person ends an operation by hand: the people `own` names without asking GitHub, anyone else only if they
 * could confirm it now. The transition is conditional, so a click that lost a race is told it was decided.
 */
async function endByHand(
  deps: DecideDeps,
  click: Click,
  action: "cancel" | "stop",
  end: { own: (op: Operation) => Array<SlackUserRef | null>; from: OperationState; to: OperationState; reason: string },
): Promise<ClickOutcome> {
  const loaded = await load(deps, click, action, end.from);
  if ("outcome" in loaded) return loaded.outcome;
  const { op, audit } = loaded;
  if (!end.own(op).some((ref) => ref && same(ref, click.ref))) {
    const policy = await evaluatePolicy(deps.policy, click.ref, op.account, click.requestId);
    if (!policy.allowed) return { kind: "not_authorized", policy };
  }
  const ended = await deps.operations.transition(
    op.id,
    [end.from],
    end.to,
    { reason: end.reason, endedBy: click.ref, endedAt: deps.clock.now() },
    {
      ...audit,
      action: action === "cancel" ? "operation.cancelled" : "operation.stopped",
      decision: "ok",
      ...(action === "stop" ? { reason: end.reason } : {}),
    },
  );
  if (!ended) {
    const current = await deps.operations.get(op.id);
    if (current) await refreshCard(deps, current);
    return { kind: "refused", code: "OPERATION_ALREADY_DECIDED" };
  }
  await refreshCard(deps, ended);
  return action === "cancel" ? { kind: "cancelled", op: ended } : { kind: "stopped", op: ended };
}

/** Cancel a card awaiting confirmation: the requester, or anyone who could confirm. */
export function cancelOperation(deps: DecideDeps, click: Click): Promise<ClickOutcome> {
  return endByHand(deps, click, "cancel", {
    own: (op) => [op.requestedBy],
    from: "AWAITING_CONFIRMATION",
    to: "CANCELLED",
    reason: "cancelled",
  });
}

/**
 * Stop waiting for the click in GHES: the requester, the confirmer, or anyone who could confirm. It ends the
 * operation and nothing else: a click already made in GHES stands, and if GitHub's records show it later the
 * watcher verifies this operation then (as after a time-out).
 */
export function stopWaiting(deps: DecideDeps, click: Click): Promise<ClickOutcome> {
  return endByHand(deps, click, "stop", {
    own: (op) => [op.requestedBy, op.confirmedBy],
    from: "APPLYING",
    to: "FAILED",
    reason: "stopped",
  });
}
