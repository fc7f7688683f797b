import type { KnownBlock, MessageAttachment } from "@slack/types";
import type { WebClient } from "@slack/web-api";
import { translator } from "../../core/messages/translate.ts";
import type { OperationCards } from "../../core/operations/operation-deps.ts";
import { AppError } from "../../errors.ts";
import { renderOperationCard } from "./render-operation-card.ts";
import { slackPermalink } from "./slack-permalink.ts";

type Blocks = KnownBlock[];
type Attachments = MessageAttachment[];

/** Slack's answers that no later edit can overcome. */
const GONE = new Set(["message_not_found", "cant_update_message", "channel_not_found", "is_archived", "edit_window_closed"]);

/**
 * Cards live as ordinary channel messages (not ephemerals), so they can be edited hours later by ts. The whole
 * channel reads them, so they speak the channel's language, not the requester's.
 */
export function slackOperationCards(client: WebClient, requireSecondApprover: boolean, language: "en" | "ja"): OperationCards {
  return {
    async post(channel, op) {
      const message = renderOperationCard(translator(language), op, requireSecondApprover);
      try {
        const result = await client.chat.postMessage({
          channel,
          text: message.text,
          blocks: message.blocks as unknown as Blocks,
          attachments: message.attachments as unknown as Attachments,
        });
        return { channel: result.channel ?? channel, ts: result.ts as string };
      } catch (error) {
        const detail = (error as { data?: { error?: string } }).data?.error ?? (error as Error).message;
        throw new AppError("CARD_NOT_POSTED", { detail }, { cause: error });
      }
    },
    async refresh(op) {
      if (!op.card) return true;
      const announcement = await slackPermalink(client, op.announcement);
      const message = renderOperationCard(translator(language), op, requireSecondApprover, announcement ? { announcement } : {});
      try {
        await client.chat.update({
          channel: op.card.channel,
          ts: op.card.ts,
          text: message.text,
          blocks: message.blocks as unknown as Blocks,
          attachments: message.attachments as unknown as Attachments,
        });
        return true;
      } catch (error) {
        if (GONE.has((error as { data?: { error?: string } }).data?.error ?? "")) return false;
        throw error;
      }
    },
  };
}
