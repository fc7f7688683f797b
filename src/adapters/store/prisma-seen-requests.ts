import type { Claims } from "../../core/ports.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";

/** Expired keys are swept at most this often, not on every request. */
const SWEEP_MS = 60_000;

/**
 * `remember(key)` is true when the key was not seen before (and records it); false for a repeat. One statement,
 * so two replicas receiving the same request at once agree on which one handles it.
 */
export function prismaSeenRequests(prisma: PrismaClient, now: () => Date, ttlMs = 10 * 60_000) {
  let swept = 0;
  return async function remember(key: string): Promise<boolean> {
    const at = now();
    if (at.getTime() - swept > SWEEP_MS) {
      swept = at.getTime();
      await prisma.seenRequest.deleteMany({ where: { expiresAt: { lt: at } } });
    }
    const inserted = await prisma.$queryRaw<Array<{ key: string }>>`
      INSERT INTO seen_requests (key, expires_at) VALUES (${key}, ${new Date(at.getTime() + ttlMs)})
      ON CONFLICT (key) DO NOTHING RETURNING key`;
    return inserted.length === 1;
  };
}

/**
 * Claims (core/ports.ts) in the same table: a claim is a key with an expiry, taken when absent or expired.
 * One statement, so two replicas taking it at once agree on the winner.
 */
export function prismaClaims(prisma: PrismaClient, now: () => Date): Claims {
  return {
    async take(key, ttlMs) {
      const at = now();
      const taken = await prisma.$queryRaw<Array<{ key: string }>>`
        INSERT INTO seen_requests (key, expires_at) VALUES (${key}, ${new Date(at.getTime() + ttlMs)})
        ON CONFLICT (key) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE seen_requests.expires_at < ${at}
        RETURNING key`;
      return taken.length === 1;
    },
    async release(key) {
      await prisma.seenRequest.deleteMany({ where: { key } });
    },
  };
}
