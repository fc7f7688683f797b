import type { ConnectionRecord, ConnectionStore } from "../../core/operations/operation.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { KIND, accountOf } from "./prisma-operation-store.ts";

type ConnectionRow = Awaited<ReturnType<PrismaClient["connection"]["findFirstOrThrow"]>>;

function toConnection(row: ConnectionRow): ConnectionRecord {
  return {
    account: accountOf(row.accountKind, row.accountSlug),
    state: row.state,
    hostname: row.hostname,
    ghesVersion: row.ghesVersion,
    customerName: row.customerName,
    licensePublicKey: row.licensePublicKey,
    licenseFingerprint: row.licenseFingerprint,
    changedBy: { team: row.changedTeam, user: row.changedUser },
    changedAt: row.changedAt,
    lastVerifiedAt: row.lastVerifiedAt,
    operationId: row.operationId,
  };
}

/** Connections are written only together with the operation that verified them (prisma-operation-store). */
export function prismaConnectionStore(prisma: PrismaClient): ConnectionStore {
  return {
    async get(account) {
      const row = await prisma.connection.findUnique({ where: { accountKind_accountSlug: { accountKind: KIND[account.kind], accountSlug: account.slug } } });
      return row ? toConnection(row) : null;
    },
    async list() {
      return (await prisma.connection.findMany({ orderBy: [{ accountKind: "asc" }, { accountSlug: "asc" }] })).map(toConnection);
    },
  };
}
