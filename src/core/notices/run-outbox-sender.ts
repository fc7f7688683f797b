import type { NoticeChannel, OutboxQueue } from "../domain/notice.ts";
import type { Clock } from "../ports.ts";

export interface OutboxSenderDeps {
  queue: OutboxQueue;
  channel: NoticeChannel;
  clock: Clock;
  /** This process, for claims. */
  holder: string;
  warn(message: string, error: unknown): void;
  /** How often an idle sender looks for new notices. */
  pollMs: number;
}

/** A claim outlives Slack's own timeout and retries, so no other sender takes a notice still being sent. */
const CLAIM_MS = 60_000;
const MAX_BACKOFF_MS = 5 * 60_000;

/**
 * Slack's answers that no retry can change: the channel is gone or closed to the bot, the message to edit was
 * deleted, the message itself is refused. Anything else (outage, rate limit, a token being fixed) is retried.
 */
const PERMANENT = new Set([
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "invalid_blocks",
  "msg_too_long",
  "no_text",
  "message_not_found",
  "cant_update_message",
  "invalid_arguments",
]);

/** 1 s, 2 s, 4 s … up to 5 minutes: a Slack outage delays notices, never drops them. */
export function backoffMs(attempts: number): number {
  return Math.min(1000 * 2 ** Math.max(attempts - 1, 0), MAX_BACKOFF_MS);
}

/** Delivers one notice if one is due; false when there was nothing to do. */
export async function sendOneNotice(deps: OutboxSenderDeps): Promise<boolean> {
  const now = deps.clock.now();
  const notice = await deps.queue.claim(deps.holder, now, new Date(now.getTime() + CLAIM_MS));
  if (!notice) return false;
  let ts: string;
  try {
    if (notice.ts) await deps.channel.update(notice, notice.ts);
    ts = notice.ts ?? (await deps.channel.post(notice));
  } catch (error) {
    const e = error as { data?: { error?: string }; code?: string; retryAfter?: number };
    const code = String(e.data?.error ?? e.code ?? "error").slice(0, 200);
    deps.warn(`notice ${notice.id} not delivered (attempt ${notice.attempts + 1})`, error);
    const now = deps.clock.now();
    if (PERMANENT.has(code)) {
      await deps.queue.giveUp(notice, deps.holder, code, now);
      return true;
    }
    // A rate limit says when to come back; otherwise the backoff decides.
    const wait = Math.max(backoffMs(notice.attempts + 1), typeof e.retryAfter === "number" ? e.retryAfter * 1000 : 0);
    await deps.queue.failed(notice, deps.holder, code, new Date(now.getTime() + wait));
    return true;
  }
  // Slack has it now. Marking it must not turn into a second post: retried here, and if the database stays
  // away the claim simply runs out (the one window where a notice can repeat; docs/decisions/004).
  for (let attempt = 1; ; attempt++) {
    try {
      await deps.queue.delivered(notice, deps.holder, ts, deps.clock.now());
      break;
    } catch (error) {
      if (attempt >= 5) throw error;
      await deps.clock.sleep(backoffMs(attempt));
    }
  }
  return true;
}

/** Runs until the signal aborts: every replica may run one; claims keep each notice to one sender. */
export async function runOutboxSender(deps: OutboxSenderDeps, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    const busy = await sendOneNotice(deps).catch((error: unknown) => {
      deps.warn("outbox pass failed", error);
      return false;
    });
    if (!busy) await deps.clock.sleep(deps.pollMs, signal).catch(() => {});
  }
}
