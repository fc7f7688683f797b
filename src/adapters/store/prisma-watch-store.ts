import { LATE_REASONS } from "../../core/watch/classify-connect-event.ts";
import type { WatchStore } from "../../core/watch/watch-ports.ts";
import { normalizeWatchState } from "../../core/watch/watch-state.ts";
import type { Prisma, PrismaClient } from "../../generated/prisma/client.ts";
import { auditRow } from "./audit-row.ts";
import { writeConnection } from "./connection-rows.ts";
import { writeNotices } from "./prisma-outbox.ts";

const NAME = "github-connect";

/** The lease and the watcher's state in one row: a pass's commit checks the fence under the row lock. */
export function prismaWatchStore(prisma: PrismaClient, scrub: (text: string) => string, noticeChannel: string): WatchStore {
  return {
    async acquire(holder, now, ttlMs) {
      const expiresAt = new Date(now.getTime() + ttlMs);
      // One statement: free, expired or already ours. A new holder (or a lapsed lease) gets a new fence, so a
      // pass that started under the old one can no longer commit.
      const rows = await prisma.$queryRaw<Array<{ fence: bigint }>>`
        UPDATE watchers SET
          fence = CASE WHEN holder = ${holder} AND lease_expires_at > ${now} THEN fence ELSE fence + 1 END,
          holder = ${holder}, lease_expires_at = ${expiresAt}, updated_at = ${now}
        WHERE name = ${NAME} AND (holder IS NULL OR holder = ${holder} OR lease_expires_at IS NULL OR lease_expires_at <= ${now})
        RETURNING fence`;
      const row = rows[0];
      return row ? { holder, fence: BigInt(row.fence), expiresAt } : null;
    },
    async release(lease) {
      await prisma.watcher.updateMany({
        where: { name: NAME, holder: lease.holder, fence: lease.fence },
        data: { holder: null, leaseExpiresAt: null },
      });
    },
    async load() {
      const row = await prisma.watcher.findUniqueOrThrow({ where: { name: NAME } });
      return { state: normalizeWatchState(row.state), holder: row.holder, leaseExpiresAt: row.leaseExpiresAt, passAt: row.passAt };
    },
    async commit(lease, change, now, ttlMs) {
      return prisma.$transaction(async (tx) => {
        const rows = await tx.$queryRaw<
          Array<{ fence: bigint; holder: string | null }>
        >`SELECT fence, holder FROM watchers WHERE name = ${NAME} FOR UPDATE`;
        const current = rows[0];
        if (!current || BigInt(current.fence) !== lease.fence || current.holder !== lease.holder) return false;
        // A long pass must not let the lease lapse behind it: committing renews it.
        await tx.watcher.update({
          where: { name: NAME },
          data: { state: change.state as unknown as Prisma.InputJsonValue, passAt: now, leaseExpiresAt: new Date(now.getTime() + ttlMs) },
        });
        for (const event of change.audit) await tx.auditEvent.create({ data: auditRow(event, scrub) });
        for (const { op, evidence } of change.late) {
          const { count } = await tx.operation.updateMany({
            where: { id: op.id, state: "FAILED", reason: { in: [...LATE_REASONS] } },
            data: { state: "VERIFIED", verifiedAt: now, endedAt: now, reason: evidence },
          });
          if (count)
            await tx.auditEvent.create({
              data: auditRow(
                {
                  action: "operation.verified",
                  target: `operation:${op.id}`,
                  decision: "ok",
                  reason: evidence,
                  detail: { operation: op.id, state: "VERIFIED", late: true },
                },
                scrub,
              ),
            });
        }
        for (const connection of change.connections) await writeConnection(tx, connection);
        await writeNotices(tx, change.notices, noticeChannel, now);
        return true;
      });
    },
  };
}
