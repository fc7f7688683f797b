import type { ConnectionRecord } from "../../core/domain/operation.ts";
import type { AccountRef } from "../../core/ports.ts";
import type { Prisma, PrismaClient } from "../../generated/prisma/client.ts";

type Tx = Prisma.TransactionClient;
type ConnectionRow = Awaited<ReturnType<PrismaClient["connection"]["findFirstOrThrow"]>>;

export const KIND = { org: "ORG", enterprise: "ENTERPRISE" } as const;
export const accountOf = (kind: "ORG" | "ENTERPRISE", slug: string): AccountRef => ({ kind: kind === "ORG" ? "org" : "enterprise", slug });

export function toConnection(row: ConnectionRow): ConnectionRecord {
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
    threadKey: row.threadKey,
  };
}

/** The one connection row of an account, written only inside the transaction of the fact that changed it. */
export function writeConnection(tx: Tx, c: ConnectionRecord) {
  const data = {
    state: c.state,
    hostname: c.hostname,
    ghesVersion: c.ghesVersion,
    customerName: c.customerName,
    licensePublicKey: c.licensePublicKey,
    licenseFingerprint: c.licenseFingerprint,
    changedTeam: c.changedBy.team,
    changedUser: c.changedBy.user,
    changedAt: c.changedAt,
    lastVerifiedAt: c.lastVerifiedAt,
    operationId: c.operationId,
    threadKey: c.threadKey,
  };
  const where = { accountKind_accountSlug: { accountKind: KIND[c.account.kind], accountSlug: c.account.slug } };
  return tx.connection.upsert({ where, create: { accountKind: KIND[c.account.kind], accountSlug: c.account.slug, ...data }, update: data });
}
