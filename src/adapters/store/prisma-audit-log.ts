import type { AuditLog } from "../../core/ports.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";

/** Appends audit events. `scrub` removes anything secret-looking before it is written. */
export function prismaAuditLog(prisma: PrismaClient, scrub: (text: string) => string): AuditLog {
  const clean = (value: string | undefined) => (value === undefined ? null : scrub(value).slice(0, 2000));
  return {
    async record(event) {
      await prisma.auditEvent.create({
        data: {
          actorTeam: event.actor?.team ?? null,
          actorUser: event.actor?.user ?? null,
          action: event.action,
          target: clean(event.target),
          decision: event.decision ?? null,
          reason: clean(event.reason),
          requestId: event.requestId ?? null,
          detail: event.detail ? JSON.parse(scrub(JSON.stringify(event.detail))) : undefined,
        },
      });
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
