import type { Reply } from "../core/domain/reply.ts";

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
    return { type: "context", elements: [{ type: "mrkdwn", text: clip(b.text, 2000) }] };
  });
  return { text: clip(reply.blocks.map((b) => b.text).join("\n"), 3000), blocks };
}
