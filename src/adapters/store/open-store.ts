import { join } from "node:path";
import type { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../generated/prisma/client.ts";
import { projectRoot } from "../../project-root.ts";
import { type DatabaseTarget, openSqlDriver } from "./open-sql-driver.ts";
import { runMigrations } from "./run-migrations.ts";
import type { SqlDriver } from "./sql-driver.ts";

export const MIGRATIONS_DIR = join(projectRoot(import.meta.url), "prisma", "migrations");

export interface Store {
  prisma: PrismaClient;
  sql: SqlDriver;
  close(): Promise<void>;
}

/** Opens the database, applies pending migrations (once, under an advisory lock), and builds Prisma on it. */
export async function openStore(target: DatabaseTarget, log: (line: string) => void = () => {}): Promise<Store> {
  const { driver, handle } = await openSqlDriver(target);
  try {
    await runMigrations(driver, MIGRATIONS_DIR, log);
  } catch (error) {
    await driver.close();
    throw error;
  }
  // pglite-prisma-adapter is typed against an older @prisma/driver-adapter-utils; the runtime contract is the
  // same (decision 001; the data tests run every case on both).
  // Each adapter is imported only for its own database: the other one's code is not loaded at all.
  const adapter =
    handle.kind === "postgres"
      ? new (await import("@prisma/adapter-pg")).PrismaPg(handle.pool)
      : (new (await import("pglite-prisma-adapter")).PrismaPGlite(handle.db) as unknown as PrismaPg);
  const prisma = new PrismaClient({ adapter });
  return {
    prisma,
    sql: driver,
    async close() {
      await prisma.$disconnect();
      await driver.close();
    },
  };
}
