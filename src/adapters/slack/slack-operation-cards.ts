import type { KnownBlock } from "@slack/types";
import type { WebClient } from "@slack/web-api";
import { localeOf, translator } from "../../core/messages/translate.ts";
import type { OperationCards } from "../../core/operations/operation-deps.ts";
import { AppError } from "../../errors.ts";
import { renderOperationCard } from "./render-operation-card.ts";

type Blocks = KnownBlock[];

/** Cards live as ordinary channel messages (not ephemerals), so they can be edited hours later by ts. */
export function slackOperationCards(client: WebClient, requireSecondApprover: boolean): OperationCards {
  return {
    async post(channel, op) {
      const message = renderOperationCard(translator(localeOf(op.locale)), op, requireSecondApprover);
      try {
        const result = await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks as unknown as Blocks });
        return { channel: result.channel ?? channel, ts: result.ts as string };
      } catch (error) {
        const detail = (error as { data?: { error?: string } }).data?.error ?? (error as Error).message;
        throw new AppError("CARD_NOT_POSTED", { detail }, { cause: error });
      }
    },
    async refresh(op) {
      if (!op.card) return;
      const message = renderOperationCard(translator(localeOf(op.locale)), op, requireSecondApprover);
      await client.chat.update({
        channel: op.card.channel,
        ts: op.card.ts,
        text: message.text,
        blocks: message.blocks as unknown as Blocks,
      });
    },
  };
}
