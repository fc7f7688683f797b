import type { PGlite } from "@electric-sql/pglite";
import { openSqlDriver } from "../../src/adapters/store/open-sql-driver.ts";

/**
 * In-memory PGlite databases, opened from the run's migrated template once and reused: opening one costs about
 * 1.3 s of CPU (most of a bot test), resetting one a few milliseconds. A database goes back only when its test
 * dropped it, reset to the template's rows (what the migrations inserted, such as the watcher's lease row), so no
 * test sees another's.
 */
const idle: PGlite[] = [];
/** Each table's rows as the template has them, read from the first database opened. */
let seed: Promise<Map<string, unknown[]>> | undefined;

async function tablesOf(db: PGlite): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    "SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'",
  );
  return rows.map((r) => r.name);
}

async function rowsOf(db: PGlite): Promise<Map<string, unknown[]>> {
  const rows = new Map<string, unknown[]>();
  for (const table of await tablesOf(db)) {
    const { rows: found } = await db.query<{ row: unknown }>(`SELECT to_jsonb(t) AS row FROM ${table} t`);
    if (found.length)
      rows.set(
        table,
        found.map((r) => r.row),
      );
  }
  return rows;
}

export async function acquirePglite(template: string): Promise<PGlite> {
  const reused = idle.pop();
  if (reused) return reused;
  const opened = await openSqlDriver({ kind: "pglite", dataDir: null, template });
  if (opened.handle.kind !== "pglite") throw new Error("not PGlite");
  seed ??= rowsOf(opened.handle.db);
  await seed;
  return opened.handle.db;
}

export async function releasePglite(db: PGlite): Promise<void> {
  try {
    // A test that failed half-way may have left a transaction open or a session lock held.
    await db.exec("ROLLBACK").catch(() => {});
    await db.exec(`TRUNCATE ${(await tablesOf(db)).join(", ")} RESTART IDENTITY CASCADE; SELECT pg_advisory_unlock_all();`);
    for (const [table, rows] of await (seed ?? new Map<string, unknown[]>())) {
      await db.query(`INSERT INTO ${table} SELECT * FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)`, [JSON.stringify(rows)]);
    }
    idle.push(db);
  } catch {
    // Not reusable: closed, so the next test opens a fresh one.
    await db.close().catch(() => {});
  }
}
