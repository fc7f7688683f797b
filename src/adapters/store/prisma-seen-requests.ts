import type { PrismaClient } from "../../generated/prisma/client.ts";

/**
 * `remember(keys)` is true when none of the keys was seen before (and records them); false for a repeat. One
 * statement, so two replicas receiving the same request at once agree on which one handles it.
 */
export function prismaSeenRequests(prisma: PrismaClient, now: () => Date, ttlMs = 10 * 60_000) {
  return async function remember(keys: readonly string[]): Promise<boolean> {
    const at = now();
    await prisma.seenRequest.deleteMany({ where: { expiresAt: { lt: at } } });
    const inserted = await prisma.$queryRaw<Array<{ key: string }>>`
      INSERT INTO seen_requests (key, expires_at) SELECT k, ${new Date(at.getTime() + ttlMs)} FROM unnest(${[...keys]}::text[]) AS k
      ON CONFLICT (key) DO NOTHING RETURNING key`;
    return inserted.length === keys.length;
  };
}
