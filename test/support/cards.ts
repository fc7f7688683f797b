import type { TestBot } from "./start-test-bot.ts";
import { TEAM, textOf } from "./start-test-bot.ts";

interface Button {
  action_id: string;
  value: string;
  style?: string;
  confirm?: unknown;
}

type Blocks = Array<{ type: string; elements?: Button[] }>;

/** The newest card posted to a channel, with its buttons (none once it is decided). */
export function latestCard(t: TestBot, channel = "C0WORK") {
  const post = [...t.slack.calls].reverse().find((c) => c.method === "chat.postMessage" && c.args.channel === channel);
  if (!post) return undefined;
  const blocks = post.args.blocks as Blocks;
  const buttons = blocks.flatMap((b) => (b.type === "actions" ? (b.elements ?? []) : []));
  return { text: textOf(post.args), buttons, operationId: buttons[0]?.value ?? "", blocks };
}

/** The newest version of a card (its last chat.update), as text, and whether any button is still live. */
export function currentCard(t: TestBot, matcher: (text: string) => boolean = () => true) {
  const update = [...t.slack.calls].reverse().find((c) => c.method === "chat.update" && matcher(textOf(c.args)));
  if (!update) return undefined;
  const blocks = update.args.blocks as Blocks;
  return { text: textOf(update.args), live: blocks.some((b) => b.type === "actions") };
}

/** Clicks a card button as `user` and returns the ephemeral answer to that user. */
export async function click(t: TestBot, user: string, actionId: "op-confirm" | "op-cancel", value: string): Promise<string> {
  const responseUrl = t.slack.newResponseUrl();
  const id = responseUrl.split("/").pop();
  const response = await t.sender.action({
    user: { id: user, team_id: TEAM },
    actions: [{ action_id: actionId, value, block_id: `op-${value}`, type: "button" }],
    response_url: responseUrl,
    channel: { id: "C0WORK" },
    message: { ts: "1700000000.000100" },
  });
  if (response.status !== 200) throw new Error(`click answered HTTP ${response.status}`);
  const answer = await t.slack.waitFor(() => t.slack.responses.find((r) => r.id === id), 10_000);
  return textOf(answer.body);
}
