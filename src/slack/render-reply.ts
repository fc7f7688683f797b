import type { Reply } from "../core/domain/reply.ts";

/** The action_id of a button that only opens a page: acknowledged, nothing else. */
export const OPEN_LINK_ACTION = "open-link";

// Slack's limits: section text 3000, header 150 (plain text), context element 2000.
const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

export interface SlackMessage {
  text: string;
  blocks: Array<Record<string, unknown>>;
}

/** Block Kit for a core reply; `text` is the notification and screen-reader fallback. */
export function renderReply(reply: Reply): SlackMessage {
  const blocks = reply.blocks.map((b): Record<string, unknown> => {
    if (b.kind === "header") return { type: "header", text: { type: "plain_text", text: clip(b.text, 150), emoji: true } };
    if (b.kind === "text") return { type: "section", text: { type: "mrkdwn", text: clip(b.text, 3000) } };
    if (b.kind === "link")
      return {
        type: "actions",
        elements: [{ type: "button", action_id: OPEN_LINK_ACTION, text: { type: "plain_text", text: clip(b.text, 75) }, url: b.url }],
      };
    return { type: "context", elements: [{ type: "mrkdwn", text: clip(b.text, 2000) }] };
  });
  const words = reply.blocks.map((b) => (b.kind === "link" ? `${b.text}: ${b.url}` : b.text));
  return { text: clip(words.join("\n"), 3000), blocks };
}
