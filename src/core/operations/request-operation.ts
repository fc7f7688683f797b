import { AppError } from "../../errors.ts";
import type { AccountSpec } from "../domain/account.ts";
import type { CardRef, OperationKind } from "../domain/operation.ts";
import type { Reply } from "../domain/reply.ts";
import { context, reply, text } from "../domain/reply.ts";
import { describeError } from "../messages/describe-error.ts";
import { readerTime } from "../messages/reader-time.ts";
import type { MessageKey, Translate } from "../messages/translate.ts";
import { evaluatePolicy, provenLogins } from "../policy/evaluate-policy.ts";
import { verdictLines } from "../policy/verdict-lines.ts";
import type { SlackUserRef } from "../ports.ts";
import type { OperationDeps } from "./operation-deps.ts";
import { refreshCard } from "./refresh-card.ts";
import type { PreflightDeps } from "./run-preflight.ts";
import { type CheckResult, type PreflightProblem, runPreflight } from "./run-preflight.ts";

export interface RequestInput {
  ref: SlackUserRef;
  kind: OperationKind;
  account: AccountSpec;
  channel: string;
  locale: string;
  requestId: string;
  t: Translate;
}

/** The words of each failed check; a problem without words is a type error. */
const PROBLEM_TEXT: Record<Exclude<PreflightProblem, "not_configured" | "github_error">, MessageKey> = {
  connect_not_licensed: "preflight.license.connect_not_licensed",
  unreachable: "preflight.network.unreachable",
  already_connected: "preflight.state.already_connected",
  not_connected: "preflight.state.not_connected",
  no_evidence_source: "preflight.evidence.no_evidence_source",
  app_not_installed: "preflight.app.app_not_installed",
};

function checkLine(t: Translate, c: CheckResult, requestId: string): string {
  const problem = c.problem;
  if (c.error || !problem || problem === "github_error" || problem === "not_configured") {
    return `⛔ ${t(`preflight.${c.check}`)}: ${c.error ? describeError(t, c.error, requestId).join(" ") : ""}`;
  }
  return `⛔ ${t(PROBLEM_TEXT[problem], c.params)}`;
}

/**
 * `/ghconnect enable|disable <account>`: authorize (live, both sides), preflight, then post the confirmation
 * card. Every outcome is an operation row with its audit trail; a failure leaves nothing half-started.
 */
/** What a request needs; the store, the instances and the directory it does not touch are not handed to it. */
export type RequestDeps = Pick<OperationDeps, "policy" | "operations" | keyof PreflightDeps | "cards" | "clock" | "warn" | "settings">;

export async function requestOperation(deps: RequestDeps, input: RequestInput): Promise<Reply> {
  const { t, ref, requestId } = input;
  const policy = await evaluatePolicy(deps.policy, ref, input.account, requestId);
  const account = policy.account;
  const target = { kind: t(`kind.${account.kind}`), slug: account.slug };
  const base = { kind: input.kind, account, requestedBy: ref, requestId, locale: input.locale, facts: null };
  const audit = { actor: ref, requestId, target: `${account.kind}:${account.slug}` };
  const expiresAt = new Date(deps.clock.now().getTime() + deps.settings.confirmationTtlMs);

  if (!policy.allowed) {
    await deps.operations.create(
      { ...base, state: "DENIED", expiresAt, reason: "not_authorized" },
      { ...audit, action: `operation.${input.kind}.denied`, decision: "denied" },
    );
    return reply(text(t(`op.denied.${input.kind}`, target)), text(verdictLines(t, policy, requestId)));
  }

  const { op, superseded } = await deps.operations.create(
    { ...base, state: "REQUESTED", expiresAt },
    { ...audit, action: `operation.${input.kind}.requested`, decision: "allowed" },
  );
  if (superseded) await refreshCard(deps, superseded, "could not edit a superseded card");

  const preflight = await runPreflight(input.kind, account, deps).catch(async (error: unknown) => {
    await deps.operations.transition(
      op.id,
      ["REQUESTED"],
      "FAILED",
      { reason: "preflight_error" },
      { ...audit, action: "operation.failed", decision: "error", reason: "preflight_error" },
    );
    throw error;
  });
  const failed = preflight.checks.filter((c) => !c.ok);
  if (!preflight.ok) {
    const reason = `preflight:${failed.map((c) => `${c.check}.${c.problem}`).join(",")}`;
    await deps.operations.transition(
      op.id,
      ["REQUESTED"],
      "FAILED",
      { reason },
      { ...audit, action: "operation.failed", decision: "denied", reason },
    );
    return reply(
      text(t(`preflight.failed.${input.kind}`, target)),
      text(failed.map((c) => checkLine(t, c, requestId)).join("\n")),
      context(t("preflight.nothingStarted")),
    );
  }

  // The card is posted as it will be once awaiting: its buttons only act once the state says so.
  const facts = { ...preflight.facts, ...(provenLogins(policy) ? { requesterLogins: provenLogins(policy) ?? undefined } : {}) };
  const ready = { ...op, facts, state: "AWAITING_CONFIRMATION" as const };
  await deps.operations.setFacts(op.id, facts);
  let card: CardRef;
  try {
    card = await deps.cards.post(input.channel, ready);
  } catch (error) {
    const reason = error instanceof AppError ? error.code : "CARD_NOT_POSTED";
    await deps.operations.transition(
      op.id,
      ["REQUESTED"],
      "FAILED",
      { reason },
      { ...audit, action: "operation.failed", decision: "error", reason },
    );
    throw new AppError("CARD_NOT_POSTED", { detail: String((error as AppError)?.params?.detail ?? "") }, { cause: error });
  }
  // Stored at once, so whatever happens next (a lost race, a crash) can still edit this card.
  await deps.operations.setCard(op.id, card);
  const awaiting = await deps.operations.transition(
    op.id,
    ["REQUESTED"],
    "AWAITING_CONFIRMATION",
    { card },
    { ...audit, action: "operation.awaiting_confirmation", decision: "ok" },
  );
  if (!awaiting) {
    // A REQUESTED row cannot be superseded; it lost because a worker took it for a dead process's and failed it
    // ("interrupted") while the card was being posted. The card shows that, and the requester is not told otherwise.
    const current = await deps.operations.get(op.id);
    if (current) await refreshCard(deps, { ...current, card }, "could not edit the card of an ended operation");
    throw new AppError("OPERATION_ALREADY_DECIDED");
  }
  const expires = readerTime(expiresAt, "time");
  return reply(
    text(t("op.cardPosted", { ...target, expires })),
    ...(deps.settings.requireSecondApprover ? [context(t("op.secondApproverNeeded"))] : []),
  );
}
