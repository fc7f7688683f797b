import { AppError, needsReference } from "../../errors.ts";
import type { CardRef } from "../domain/operation.ts";
import { type Reply, reply, text } from "../domain/reply.ts";
import { describeError } from "../messages/describe-error.ts";
import { localeOf, translator } from "../messages/translate.ts";
import { verdictLines } from "../policy/verdict-lines.ts";
import type { SlackUserRef } from "../ports.ts";
import { cancelOperation, confirmOperation, type DecideDeps, stopWaiting } from "./decide-operation.ts";
import type { Executor } from "./guided-executor.ts";

/** What a click needs: what deciding needs (the clicker's language comes from its directory), and the executor a confirmation starts. */
export type ClickDeps = DecideDeps & { executor: Pick<Executor, "begin"> };

export interface ClickInput {
  ref: SlackUserRef;
  action: "confirm" | "cancel" | "stop";
  /** Whatever the button carried; only an existing operation id is accepted. */
  operationId: string;
  /** The message the button was on, as Slack says: a click counts only on its operation's own card. */
  card: CardRef | null;
  requestId: string;
}

/** A click on a card's button, answered to the clicking user alone; the card speaks for everyone. */
export async function runClick(deps: ClickDeps, input: ClickInput, logError: (error: unknown, requestId: string) => void): Promise<Reply> {
  let t = translator("en");
  try {
    t = translator(localeOf((await deps.directory.lookup(input.ref.user)).locale));
    const click = { ref: input.ref, operationId: input.operationId, card: input.card, requestId: input.requestId };
    const outcome =
      input.action === "confirm"
        ? await confirmOperation(deps, click, (op) => deps.executor.begin(op))
        : input.action === "stop"
          ? await stopWaiting(deps, click)
          : await cancelOperation(deps, click);
    switch (outcome.kind) {
      case "confirmed":
        return reply(text(t("op.confirmedByYou")));
      case "cancelled":
        return reply(text(t("op.cancelledByYou")));
      case "stopped":
        return reply(text(t("op.stoppedByYou")));
      case "refused":
        return reply(...describeError(t, new AppError(outcome.code), input.requestId).map(text));
      case "not_authorized":
        return reply(text(t(`op.clickDenied.${input.action}`)), text(verdictLines(t, outcome.policy, input.requestId)));
    }
  } catch (error) {
    if (needsReference(error)) logError(error, input.requestId);
    return reply(...describeError(t, error, input.requestId).map(text));
  }
}
