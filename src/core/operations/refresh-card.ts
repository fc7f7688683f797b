import type { Operation } from "../domain/operation.ts";
import type { OperationDeps } from "./operation-deps.ts";

/**
 * Re-renders an operation's card. A card Slack will not edit must not undo the transition that was already
 * committed, so the failure is only logged; the next transition edits the card again.
 */
export function refreshCard(deps: Pick<OperationDeps, "cards" | "warn">, op: Operation, failure = "card refresh failed"): Promise<void> {
  return deps.cards.refresh(op).catch((e: unknown) => deps.warn(failure, e));
}
