import type { ConnectionStore } from "../../core/domain/operation.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { KIND, toConnection } from "./connection-rows.ts";

/** Connections are written only together with the fact that changed them (operation store, watch store). */
export function prismaConnectionStore(prisma: PrismaClient): ConnectionStore {
  return {
    async get(account) {
      const row = await prisma.connection.findUnique({
        where: { accountKind_accountSlug: { accountKind: KIND[account.kind], accountSlug: account.slug } },
      });
      return row ? toConnection(row) : null;
    },
    async list() {
      return (await prisma.connection.findMany({ orderBy: [{ accountKind: "asc" }, { accountSlug: "asc" }] })).map(toConnection);
    },
  };
}
