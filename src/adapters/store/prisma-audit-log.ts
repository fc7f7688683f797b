import type { AuditLog, Clock } from "../../core/ports.ts";
import type { Prisma, PrismaClient } from "../../generated/prisma/client.ts";
import { auditRow } from "./audit-row.ts";
import { KIND } from "./connection-rows.ts";
import { writeNotices } from "./prisma-outbox.ts";

/** Appends audit events. `scrub` removes anything secret-looking before it is written. */
export function prismaAuditLog(
  prisma: PrismaClient,
  scrub: (text: string) => string,
  notices: { channel: string; clock: Clock },
): AuditLog {
  return {
    async record(event, owed = []) {
      if (owed.length === 0) {
        await prisma.auditEvent.create({ data: auditRow(event, scrub) });
        return;
      }
      await prisma.$transaction(async (tx) => {
        await tx.auditEvent.create({ data: auditRow(event, scrub) });
        await writeNotices(tx, owed, notices.channel, notices.clock.now());
      });
    },
    async latest(limit, filter = {}) {
      const where: Prisma.AuditEventWhereInput = {};
      if (filter.user) where.actorUser = filter.user;
      if (filter.account) {
        const { kind, slug } = filter.account;
        const kinds = kind ? [kind] : (["org", "enterprise"] as const);
        // An account's events name it (`org:acme`, or `?:acme` when the kind was not typed); its operations'
        // events name the operation, so they are found through the operations on that account.
        const operations = await prisma.operation.findMany({
          where: { accountSlug: slug, accountKind: { in: kinds.map((k) => KIND[k]) } },
          select: { id: true },
        });
        where.target = { in: [...kinds.map((k) => `${k}:${slug}`), `?:${slug}`, ...operations.map((o) => `operation:${o.id}`)] };
      }
      const rows = await prisma.auditEvent.findMany({ where, orderBy: { id: "desc" }, take: limit });
      return rows.map((r) => ({
        id: r.id.toString(),
        at: r.at,
        actor: r.actorTeam && r.actorUser ? { team: r.actorTeam, user: r.actorUser } : undefined,
        action: r.action,
        target: r.target ?? undefined,
        decision: (r.decision ?? undefined) as "allowed" | "denied" | "error" | "ok" | undefined,
        reason: r.reason ?? undefined,
        requestId: r.requestId ?? undefined,
      }));
    },
  };
}
