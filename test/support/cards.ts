import type { TestBot } from "./start-test-bot.ts";
import { TEAM, textOf } from "./start-test-bot.ts";

interface Button {
  action_id: string;
  value: string;
  style?: string;
  confirm?: unknown;
  text?: { type: string; text: string };
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where the operation's card was posted (as Slack would put it in the click), or a made-up place. */
async function cardOf(t: TestBot, value: string): Promise<{ channel: string; ts: string }> {
  if (UUID.test(value)) {
    const [row] = await t.bot.store.sql.query<{ channel_id: string | null; message_ts: string | null }>(
      "SELECT channel_id, message_ts FROM operations WHERE id = $1",
      [value],
    );
    if (row?.channel_id && row.message_ts) return { channel: row.channel_id, ts: row.message_ts };
  }
  return { channel: "C0WORK", ts: "1700000000.000100" };
}

/** Clicks a card button as `user` (on that operation's own card, unless `on` says where) and returns the answer. */
export async function click(
  t: TestBot,
  user: string,
  actionId: "op-confirm" | "op-cancel",
  value: string,
  on?: { channel: string; ts: string },
): Promise<string> {
  const responseUrl = t.slack.newResponseUrl();
  const id = responseUrl.split("/").pop();
  const card = on ?? (await cardOf(t, value));
  const response = await t.sender.action({
    user: { id: user, team_id: TEAM },
    actions: [{ action_id: actionId, value, block_id: `op-${value}`, type: "button" }],
    response_url: responseUrl,
    channel: { id: card.channel },
    message: { ts: card.ts },
  });
  if (response.status !== 200) throw new Error(`click answered HTTP ${response.status}`);
  const answer = await t.slack.waitFor(() => t.slack.responses.find((r) => r.id === id), 10_000);
  return textOf(answer.body);
}
