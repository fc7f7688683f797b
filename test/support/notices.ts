import type { SlackApiCall } from "../fakes/slack/fake-slack.ts";
import { eventually } from "./eventually.ts";
import type { TestBot } from "./start-test-bot.ts";

/** Messages posted to the announcement channel whose text contains `words` (failed attempts included). */
export const notices = (t: Pick<TestBot, "slack">, words: string, channel = "C0NOTIFY"): SlackApiCall[] =>
  t.slack.calls.filter((c) => c.method === "chat.postMessage" && c.args.channel === channel && String(c.args.text).includes(words));

/** Every version (post and edits) of announcement-channel messages containing `words`. */
export const noticeVersions = (t: Pick<TestBot, "slack">, words: string): SlackApiCall[] =>
  t.slack.calls.filter(
    (c) =>
      (c.method === "chat.postMessage" || c.method === "chat.update") &&
      c.args.channel === "C0NOTIFY" &&
      String(c.args.text).includes(words),
  );

/** The watcher's stored row. */
export async function watchRow(t: Pick<TestBot, "bot">) {
  const [row] = await t.bot.store.sql.query<{ holder: string | null; fence: string; pass_at: Date | null; state: Record<string, unknown> }>(
    "SELECT holder, fence::text AS fence, pass_at, state FROM watchers",
  );
  return row;
}

/** Waits until the watcher has committed a pass after `after` (its first one: the baseline). */
export async function watchPassed(t: Pick<TestBot, "bot">, after: Date | null = null): Promise<Date> {
  return eventually(
    "a watcher pass",
    async () => {
      const row = await watchRow(t);
      const at = row?.pass_at ? new Date(row.pass_at) : null;
      return at && (!after || at.getTime() > after.getTime()) ? at : undefined;
    },
    15_000,
  );
}

/** The Slack ts of a thread's parent, once the sender has posted it. */
export async function threadTs(t: Pick<TestBot, "bot">, threadKey: string): Promise<string> {
  return eventually(
    `thread ${threadKey}`,
    async () => {
      const [row] = await t.bot.store.sql.query<{ ts: string }>("SELECT ts FROM slack_threads WHERE thread_key = $1", [threadKey]);
      return row?.ts;
    },
    15_000,
  );
}

/** Notices the outbox still owes Slack. */
export async function undelivered(t: Pick<TestBot, "bot">): Promise<number> {
  const [row] = await t.bot.store.sql.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM outbox_messages WHERE delivered_revision < revision",
  );
  return row?.n ?? 0;
}

/**
 * GitHub requests a command or a click made: everything except the watcher's background reads, which run on
 * their own schedule with the bot's own credentials (GHES_TOKEN, the app's JWT, GITHUB_MONITOR_TOKEN).
 */
export function commandRequests(t: Pick<TestBot, "github" | "env">): number {
  const own = [t.env.GHES_TOKEN, t.env.GITHUB_MONITOR_TOKEN].filter((s): s is string => Boolean(s));
  return t.github.requests.filter((r) => !r.path.startsWith("/app/") && !own.some((token) => r.headers.authorization?.includes(token)))
    .length;
}
