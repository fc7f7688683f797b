import type { WebClient } from "@slack/web-api";
import type { CardRef } from "../../core/domain/operation.ts";

/**
 * A message's permalink (chat.getPermalink needs no scope), or undefined when Slack cannot give one: a link
 * is a convenience, and its absence must never stop a card or an announcement.
 */
export async function slackPermalink(client: WebClient, message: CardRef | null | undefined): Promise<string | undefined> {
  if (!message) return undefined;
  try {
    const result = await client.chat.getPermalink({ channel: message.channel, message_ts: message.ts });
    return typeof result.permalink === "string" ? result.permalink : undefined;
  } catch {
    return undefined;
  }
}
