import type { AuditLog } from "../../core/ports.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { auditRow } from "./audit-row.ts";

/** Appends audit events. `scrub` removes anything secret-looking before it is written. */
export function prismaAuditLog(prisma: PrismaClient, scrub: (text: string) => string): AuditLog {
  return {
    async record(event) {
      await prisma.auditEvent.create({ data: auditRow(event, scrub) });
    },
    async latest(limit) {
      const rows = await prisma.auditEvent.findMany({ orderBy: { id: "desc" }, take: limit });
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
