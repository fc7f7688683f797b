import type { Notice, NoticeMessage, NoticeWriter, OutboxQueue, PendingNotice } from "../../core/domain/notice.ts";
import type { Clock } from "../../core/ports.ts";
import type { Prisma, PrismaClient } from "../../generated/prisma/client.ts";

type Tx = Prisma.TransactionClient;

/**
 * Writes notices inside the caller's transaction, so a notice exists exactly when its fact does. A repeated
 * key is ignored, or, for a coalescing notice, replaces the payload and asks for the message to be edited.
 */
export async function writeNotices(tx: Tx, notices: readonly Notice[], channel: string, now: Date): Promise<void> {
  for (const n of notices) {
    const row = {
      dedupeKey: n.key,
      channel,
      threadKey: n.thread,
      broadcast: n.broadcast ?? false,
      kind: n.message.kind,
      payload: n.message as unknown as Prisma.InputJsonValue,
      nextAttemptAt: now,
    };
    if (n.replace) {
      await tx.outboxMessage.upsert({
        where: { dedupeKey: n.key },
        create: row,
        update: { payload: row.payload, revision: { increment: 1 }, nextAttemptAt: now },
      });
    } else {
      await tx.outboxMessage.createMany({ data: [row], skipDuplicates: true });
    }
  }
}

export function prismaNoticeWriter(prisma: PrismaClient, channel: string, clock: Clock): NoticeWriter {
  return {
    async enqueue(notices) {
      if (notices.length) await prisma.$transaction((tx) => writeNotices(tx, notices, channel, clock.now()));
    },
  };
}

interface ClaimedRow {
  id: bigint;
  channel: string;
  thread_key: string | null;
  broadcast: boolean;
  payload: unknown;
  revision: number;
  ts: string | null;
  attempts: number;
}

export function prismaOutboxQueue(prisma: PrismaClient): OutboxQueue {
  return {
    async claim(holder, now, until) {
      // Strictly oldest first, one at a time across replicas: a thread's parent goes out before its replies, and
      // an alert before its recovery. While the oldest waits out a Slack outage, the channel waits with it.
      const rows = await prisma.$queryRaw<ClaimedRow[]>`
        UPDATE outbox_messages SET claimed_by = ${holder}, claimed_until = ${until}
        WHERE id = (
          SELECT o.id FROM outbox_messages o
          WHERE o.delivered_revision < o.revision AND o.given_up_at IS NULL
          ORDER BY o.id LIMIT 1 FOR UPDATE)
        AND next_attempt_at <= ${now} AND (claimed_until IS NULL OR claimed_until <= ${now})
        RETURNING id, channel, thread_key, broadcast, payload, revision, ts, attempts`;
      const row = rows[0];
      if (!row) return null;
      const thread = row.thread_key ? await prisma.slackThread.findUnique({ where: { threadKey: row.thread_key } }) : null;
      const pending: PendingNotice = {
        id: row.id.toString(),
        channel: row.channel,
        thread: row.thread_key,
        threadTs: thread?.ts ?? null,
        broadcast: row.broadcast,
        message: (typeof row.payload === "string" ? JSON.parse(row.payload) : row.payload) as NoticeMessage,
        revision: row.revision,
        ts: row.ts,
        attempts: row.attempts,
      };
      return pending;
    },
    async delivered(notice, holder, ts, now) {
      await prisma.$transaction(async (tx) => {
        await tx.outboxMessage.updateMany({
          where: { id: BigInt(notice.id), claimedBy: holder },
          data: { deliveredRevision: notice.revision, ts, claimedBy: null, claimedUntil: null, deliveredAt: now, lastError: null },
        });
        if (notice.thread && !notice.threadTs) {
          await tx.slackThread.createMany({ data: [{ threadKey: notice.thread, channel: notice.channel, ts }], skipDuplicates: true });
        }
        if (notice.message.kind === "operation.result") {
          // The card learns where its announcement is; clearing what it shows makes the worker edit it to link there.
          await tx.operation.updateMany({
            where: { id: notice.message.operationId },
            data: { announcementChannel: notice.channel, announcementTs: ts, cardState: null },
          });
        }
      });
    },
    async failed(notice, holder, error, retryAt) {
      await prisma.outboxMessage.updateMany({
        where: { id: BigInt(notice.id), claimedBy: holder },
        data: { attempts: { increment: 1 }, lastError: error, nextAttemptAt: retryAt, claimedBy: null, claimedUntil: null },
      });
    },
    async giveUp(notice, holder, error, now) {
      await prisma.outboxMessage.updateMany({
        where: { id: BigInt(notice.id), claimedBy: holder },
        data: { attempts: { increment: 1 }, lastError: error, givenUpAt: now, claimedBy: null, claimedUntil: null },
      });
    },
    async backlog() {
      const waiting = await prisma.$queryRaw<Array<{ n: bigint; oldest: Date | null; last_error: string | null; given_up: bigint }>>`
        SELECT count(*) FILTER (WHERE given_up_at IS NULL) AS n, min(created_at) FILTER (WHERE given_up_at IS NULL) AS oldest,
          (array_agg(last_error ORDER BY id) FILTER (WHERE last_error IS NOT NULL))[1] AS last_error,
          count(*) FILTER (WHERE given_up_at IS NOT NULL) AS given_up
        FROM outbox_messages WHERE delivered_revision < revision`;
      const w = waiting[0];
      return { waiting: Number(w?.n ?? 0), oldest: w?.oldest ?? null, lastError: w?.last_error ?? null, givenUp: Number(w?.given_up ?? 0) };
    },
  };
}
