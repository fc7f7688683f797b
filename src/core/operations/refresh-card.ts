import type { Operation } from "../domain/operation.ts";
import type { OperationDeps } from "./operation-deps.ts";

/**
 * Re-renders an operation's card and records the state it now shows. A card Slack will not edit must not undo
 * the transition that was already committed, so the failure is only logged; the worker edits again every card
 * that does not show its operation's state (a crash between the commit and the edit leaves one too).
 */
export async function refreshCard(
  deps: Pick<OperationDeps, "cards" | "warn" | "operations">,
  op: Operation,
  failure = "card refresh failed",
): Promise<void> {
  try {
    const shown = await deps.cards.refresh(op);
    // A card that is gone is not tried again either.
    // What this edit drew: an announcement delivered while it was drawn leaves the card stale, to be edited again.
    await deps.operations.cardShown(op.id, op.state, op.announcement?.ts ?? null);
    if (!shown) deps.warn(failure, new Error(`the card of operation ${op.id} can no longer be edited`));
  } catch (e) {
    deps.warn(failure, e);
  }
}
