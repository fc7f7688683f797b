import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import type { DatabaseTarget } from "../../src/adapters/store/open-sql-driver.ts";
import { acquirePglite, releasePglite } from "./pglite-pool.ts";
import { pgliteTemplateFile } from "./pglite-template.ts";

export type DatabaseKind = "pglite" | "postgres";

export interface TestDatabase {
  target: DatabaseTarget;
  /** For test names and messages: never holds a password. */
  label: string;
  drop(): Promise<void>;
}

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL names a server (CI, or a developer's machine). */
export function databaseKinds(): DatabaseKind[] {
  return process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
}

/** A fresh, empty database: PostgreSQL when TEST_DATABASE_URL is set, in-memory PGlite otherwise. */
export function createTestDatabase(): Promise<TestDatabase> {
  return createTestDatabaseOf(process.env.TEST_DATABASE_URL ? "postgres" : "pglite");
}

/**
 * `empty`: a cluster with nothing in it (the migration runner's own tests). Otherwise PGlite starts from the
 * run's migrated template. Either comes from its template (pglite-template.ts) when global setup could write it.
 */
export async function createTestDatabaseOf(kind: DatabaseKind, o: { empty?: boolean } = {}): Promise<TestDatabase> {
  if (kind === "pglite") {
    const template = pgliteTemplateFile(o.empty ? "empty" : "migrated");
    const fromTemplate = existsSync(template);
    if (fromTemplate && !o.empty) {
      const instance = await acquirePglite(template);
      let dropped = false;
      return {
        // Outlives the bots opened on it, as a server would: a restart on it finds its rows.
        target: { kind: "pglite", instance },
        label: "pglite (memory, reused)",
        drop: async () => {
          if (dropped) return;
          dropped = true;
          await releasePglite(instance);
        },
      };
    }
    return {
      target: { kind: "pglite", dataDir: null, ...(fromTemplate ? { template } : {}) },
      label: `pglite (memory${fromTemplate ? ", from the template" : ""})`,
      drop: async () => {},
    };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("createTestDatabaseOf('postgres') needs TEST_DATABASE_URL");

  // One database per test, not one schema: each gets its own _prisma_migrations, and advisory locks are
  // scoped per database, so parallel test files never wait on each other's migration lock. Hex keeps the
  // name safe to interpolate.
  const name = `ghconnect_test_${randomBytes(6).toString("hex")}`;
  await admin(adminUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    target: { kind: "postgres", url: url.toString() },
    label: `postgres ${url.host}/${name}`,
    // FORCE: a test that failed half-way may still hold connections (a pool it never closed).
    drop: () => admin(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

// CREATE/DROP DATABASE cannot run inside a transaction block nor on the target database itself, so
// they go over a short-lived connection to the admin database.
async function admin(adminUrl: string, sql: string): Promise<void> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A database that outlives one bot (restart tests): PostgreSQL when configured, else PGlite. In this process a
 * reused in-memory PGlite outlives its bots already; `onDisk` gives a data directory, for another process.
 */
export async function createDurableTestDatabase(o: { onDisk?: boolean } = {}): Promise<TestDatabase> {
  if (process.env.TEST_DATABASE_URL) return createTestDatabaseOf("postgres");
  if (!o.onDisk && existsSync(pgliteTemplateFile("migrated"))) return createTestDatabaseOf("pglite");
  const { mkdtempSync, rmSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const dataDir = mkdtempSync(join(tmpdir(), "ghconnect-durable-"));
  return {
    target: { kind: "pglite", dataDir },
    label: `pglite ${dataDir}`,
    drop: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}
