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

type Call = TestBot["slack"]["calls"][number];

/** A card as one call to Slack showed it: its words, its live buttons, its header, its colour. */
function shape(call: Call) {
  const blocks = call.args.blocks as Blocks;
  const buttons = blocks.flatMap((b) => (b.type === "actions" ? (b.elements ?? []) : []));
  const header = blocks.find((b) => b.type === "header") as { text?: { text?: string } } | undefined;
  const attachments = (call.args.attachments ?? []) as Array<{ color?: string }>;
  return { text: textOf(call.args), live: buttons.length > 0, buttons, header: header?.text?.text ?? "", colour: attachments[0]?.color };
}

/** The newest version of a card (its last chat.update) whose words match. */
export function currentCard(t: TestBot, matcher: (text: string) => boolean = () => true) {
  const update = [...t.slack.calls].reverse().find((c) => c.method === "chat.update" && matcher(textOf(c.args)));
  return update ? shape(update) : undefined;
}

/** The card at message `ts` as Slack shows it now: its last edit, or as it was posted. */
export function cardAt(t: TestBot, ts: string) {
  const call = [...t.slack.calls]
    .reverse()
    .find((c) => (c.method === "chat.update" && c.args.ts === ts) || (c.method === "chat.postMessage" && c.ts === ts));
  return call ? shape(call) : undefined;
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
  actionId: "op-confirm" | "op-cancel" | "op-stop",
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
