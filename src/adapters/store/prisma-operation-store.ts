import { FINAL, IN_FLIGHT, type Operation, type OperationFacts, type OperationStore } from "../../core/domain/operation.ts";
import { AppError } from "../../errors.ts";
import type { Prisma, PrismaClient } from "../../generated/prisma/client.ts";
import { auditRow } from "./audit-row.ts";
import { accountOf, KIND, writeConnection } from "./connection-rows.ts";
import { writeNotices } from "./prisma-outbox.ts";

type OperationRow = Awaited<ReturnType<PrismaClient["operation"]["findFirstOrThrow"]>>;

const userOf = (team: string | null, user: string | null) => (team && user ? { team, user } : null);

function toOperation(row: OperationRow): Operation {
  return {
    id: row.id,
    kind: row.kind === "ENABLE" ? "enable" : "disable",
    account: accountOf(row.accountKind, row.accountSlug),
    state: row.state,
    requestedBy: { team: row.requestedTeam, user: row.requestedUser },
    requestId: row.requestId,
    card: row.channelId && row.messageTs ? { channel: row.channelId, ts: row.messageTs } : null,
    locale: row.locale,
    confirmedBy: userOf(row.confirmedTeam, row.confirmedUser),
    confirmedAt: row.confirmedAt,
    expiresAt: row.expiresAt,
    applyDeadline: row.applyDeadline,
    facts: (row.facts as unknown as OperationFacts | null) ?? null,
    reason: row.reason,
    verifiedAt: row.verifiedAt,
    endedBy: userOf(row.endedTeam, row.endedUser),
    endedAt: row.endedAt,
    announcement: row.announcementChannel && row.announcementTs ? { channel: row.announcementChannel, ts: row.announcementTs } : null,
    createdAt: row.createdAt,
  };
}

/** Who holds the account and where its card is, for the refusal's words. */
const holderOf = (row: OperationRow) => ({ user: row.requestedUser, ...(row.channelId ? { channel: row.channelId } : {}) });

const isUniqueViolation = (error: unknown) =>
  (error as { code?: string })?.code === "P2002" || /unique/i.test(String((error as Error)?.message));

/** `noticeChannel`: where the notices written with a transition go (NOTIFY_CHANNEL). */
export function prismaOperationStore(prisma: PrismaClient, scrub: (text: string) => string, noticeChannel: string): OperationStore {
  return {
    async create(op, audit) {
      try {
        return await prisma.$transaction(async (tx) => {
          const account = { accountKind: KIND[op.account.kind], accountSlug: op.account.slug };
          // Only a request that passed authorization competes for the account; a DENIED record supersedes nothing.
          const current =
            op.state === "REQUESTED" ? await tx.operation.findFirst({ where: { ...account, state: { in: [...IN_FLIGHT] } } }) : null;
          let superseded: Operation | null = null;
          if (current && current.state !== "AWAITING_CONFIRMATION")
            throw new AppError("OPERATION_IN_FLIGHT", { slug: op.account.slug, state: current.state, ...holderOf(current) });
          if (current) {
            // Ended by the newer request's author, now: written, and returned as the superseded operation.
            const ended = {
              state: "CANCELLED" as const,
              reason: "superseded",
              endedTeam: op.requestedBy.team,
              endedUser: op.requestedBy.user,
              endedAt: new Date(),
            };
            const { count } = await tx.operation.updateMany({
              where: { id: current.id, state: "AWAITING_CONFIRMATION" },
              data: ended,
            });
            if (count === 0) throw new AppError("OPERATION_IN_FLIGHT", { slug: op.account.slug, state: "CONFIRMED", ...holderOf(current) });
            superseded = toOperation({ ...current, ...ended });
            await tx.auditEvent.create({
              data: auditRow({ ...audit, action: "operation.superseded", target: `operation:${current.id}`, decision: "ok" }, scrub),
            });
          }
          const row = await tx.operation.create({
            data: {
              kind: op.kind === "enable" ? "ENABLE" : "DISABLE",
              ...account,
              state: op.state,
              requestedTeam: op.requestedBy.team,
              requestedUser: op.requestedBy.user,
              requestId: op.requestId,
              locale: op.locale,
              expiresAt: op.expiresAt,
              facts: op.facts ? (op.facts as unknown as Prisma.InputJsonValue) : undefined,
              reason: op.reason ?? null,
            },
          });
          await tx.auditEvent.create({ data: auditRow({ ...audit, detail: { ...audit.detail, operation: row.id } }, scrub) });
          return { op: toOperation(row), superseded };
        });
      } catch (error) {
        if (isUniqueViolation(error))
          throw new AppError("OPERATION_IN_FLIGHT", { slug: op.account.slug, state: "REQUESTED" }, { cause: error });
        throw error;
      }
    },
    async get(id) {
      // Only a well-formed UUID reaches the database: anything shaped almost like one is simply not found.
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
      const row = await prisma.operation.findUnique({ where: { id } });
      return row ? toOperation(row) : null;
    },
    async transition(id, from, to, patch, audit, options = {}) {
      return prisma.$transaction(async (tx) => {
        const { count } = await tx.operation.updateMany({
          where: { id, state: { in: [...from] }, ...(options.unexpiredAt ? { expiresAt: { gt: options.unexpiredAt } } : {}) },
          data: {
            state: to,
            ...(patch.confirmedBy ? { confirmedTeam: patch.confirmedBy.team, confirmedUser: patch.confirmedBy.user } : {}),
            ...(patch.confirmedAt ? { confirmedAt: patch.confirmedAt } : {}),
            ...(patch.applyDeadline ? { applyDeadline: patch.applyDeadline } : {}),
            ...(patch.reason !== undefined ? { reason: patch.reason } : {}),
            ...(patch.verifiedAt ? { verifiedAt: patch.verifiedAt } : {}),
            ...(patch.card ? { channelId: patch.card.channel, messageTs: patch.card.ts } : {}),
            ...(patch.endedBy ? { endedTeam: patch.endedBy.team, endedUser: patch.endedBy.user } : {}),
            ...(FINAL.includes(to) ? { endedAt: patch.endedAt ?? patch.verifiedAt ?? new Date() } : {}),
          },
        });
        if (count === 0) return null;
        await tx.auditEvent.create({ data: auditRow({ ...audit, detail: { ...audit.detail, operation: id, state: to } }, scrub) });
        if (options.connection) await writeConnection(tx, options.connection);
        if (options.notices) await writeNotices(tx, options.notices, noticeChannel, new Date());
        return toOperation(await tx.operation.findUniqueOrThrow({ where: { id } }));
      });
    },
    async setCard(id, card) {
      await prisma.operation.update({
        where: { id },
        data: { channelId: card.channel, messageTs: card.ts, cardState: "AWAITING_CONFIRMATION" },
      });
    },
    async setFacts(id, facts) {
      await prisma.operation.update({ where: { id }, data: { facts: facts as unknown as Prisma.InputJsonValue } });
    },
    async inStates(states) {
      return (await prisma.operation.findMany({ where: { state: { in: [...states] } }, orderBy: { createdAt: "asc" } })).map(toOperation);
    },
    async byCard(card) {
      const row = await prisma.operation.findFirst({ where: { channelId: card.channel, messageTs: card.ts } });
      return row ? toOperation(row) : null;
    },
    async cardShown(id, state, announcementTs) {
      await prisma.operation.updateMany({ where: { id, announcementTs }, data: { cardState: state } });
    },
    async staleCards(since) {
      // Prisma cannot compare two columns; the few operations changed recently are filtered here.
      const rows = await prisma.operation.findMany({
        where: { updatedAt: { gte: since }, messageTs: { not: null } },
        orderBy: { updatedAt: "asc" },
      });
      return rows.filter((r) => r.cardState !== r.state).map(toOperation);
    },
    async confirmedSince(since) {
      return (await prisma.operation.findMany({ where: { confirmedAt: { gte: since } }, orderBy: { confirmedAt: "asc" } })).map(
        toOperation,
      );
    },
  };
}
