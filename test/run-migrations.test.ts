import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSqlDriver } from "../src/adapters/store/open-sql-driver.ts";
import { runMigrations } from "../src/adapters/store/run-migrations.ts";
import type { SqlDriver } from "../src/adapters/store/sql-driver.ts";
import { createTestDatabaseOf, databaseKinds, type TestDatabase } from "./support/test-database.ts";

const FIRST = "20261123000000_init";
const SECOND = "20261124000000_add_column";
const THIRD = "20261125000000_more";

const SCRIPTS: Record<string, string> = {
  [FIRST]: "-- CreateTable\nCREATE TABLE account (id INTEGER PRIMARY KEY);\n",
  // Depends on FIRST, so applying out of order would fail.
  [SECOND]: "ALTER TABLE account ADD COLUMN login TEXT;\nCREATE TABLE note (id INTEGER);\n",
  [THIRD]: "CREATE TABLE third (id INTEGER);\n",
};

const tempDirs: string[] = [];
async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(tempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Prisma's layout; written in reverse so that directory order on disk is not what gives the order. */
async function migrationsDir(names: string[], scripts: Record<string, string> = SCRIPTS): Promise<string> {
  const dir = await tempDir("migrations-");
  await writeFile(join(dir, "migration_lock.toml"), 'provider = "postgresql"\n');
  for (const name of [...names].reverse()) await writeMigration(dir, name, scripts[name] ?? "");
  return dir;
}
async function writeMigration(dir: string, name: string, script: string): Promise<void> {
  await mkdir(join(dir, name), { recursive: true });
  await writeFile(join(dir, name, "migration.sql"), script);
}

interface Row {
  id: string;
  migration_name: string;
  checksum: string;
  finished: boolean;
  rolled_back: boolean;
  logs: string | null;
  applied_steps_count: number;
}
function rows(driver: SqlDriver): Promise<Row[]> {
  return driver.query<Row>(
    `SELECT id, migration_name, checksum, finished_at IS NOT NULL AS finished,
            rolled_back_at IS NOT NULL AS rolled_back, logs, applied_steps_count
       FROM _prisma_migrations ORDER BY started_at, migration_name`,
  );
}
async function tableExists(driver: SqlDriver, table: string): Promise<boolean> {
  const [row] = await driver.query<{ found: boolean }>("SELECT to_regclass($1) IS NOT NULL AS found", [table]);
  return row?.found === true;
}
async function advisoryLocksHeld(driver: SqlDriver): Promise<number> {
  const [row] = await driver.query<{ n: number }>(
    // pg_locks shows the whole server: only this test's database counts (other files migrate theirs meanwhile).
    `SELECT count(*)::int AS n FROM pg_locks
      WHERE locktype = 'advisory' AND objid = 72707369 AND granted
        AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
  );
  return row?.n ?? -1;
}
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

describe.each(databaseKinds())("runMigrations on %s", (kind) => {
  let db: TestDatabase;
  let driver: SqlDriver;
  beforeEach(async () => {
    db = await createTestDatabaseOf(kind, { empty: true });
    driver = (await openSqlDriver(db.target)).driver;
  });
  afterEach(async () => {
    await driver.close();
    await db.drop();
  });

  it("applies in lexical order, records Prisma's rows with the file's SHA-256, then applies nothing", async () => {
    const dir = await migrationsDir([FIRST, SECOND]);
    const lines: string[] = [];
    expect(await runMigrations(driver, dir, (l) => lines.push(l))).toEqual({ applied: [FIRST, SECOND], alreadyApplied: 0 });

    const recorded = await rows(driver);
    expect(recorded.map((r) => r.migration_name)).toEqual([FIRST, SECOND]);
    for (const row of recorded) {
      expect(row.checksum).toBe(sha256(await readFile(join(dir, row.migration_name, "migration.sql"))));
      expect(row).toMatchObject({ finished: true, rolled_back: false, logs: null, applied_steps_count: 1 });
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      // Parameter values stay out of the log.
      expect(lines.join("\n")).not.toContain(row.checksum);
      expect(lines.join("\n")).not.toContain(row.id);
    }
    expect(await tableExists(driver, "note")).toBe(true);
    expect(await advisoryLocksHeld(driver)).toBe(0);

    const columns = await driver.query<{ column_name: string; data_type: string; is_nullable: string }>(
      `SELECT column_name, data_type, is_nullable FROM information_schema.columns
        WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => `${c.column_name} ${c.data_type} ${c.is_nullable}`)).toEqual([
      "id character varying NO",
      "checksum character varying NO",
      "finished_at timestamp with time zone YES",
      "migration_name character varying NO",
      "logs text YES",
      "rolled_back_at timestamp with time zone YES",
      "started_at timestamp with time zone NO",
      "applied_steps_count integer NO",
    ]);

    expect(await runMigrations(driver, dir)).toEqual({ applied: [], alreadyApplied: 2 });
    expect(await rows(driver)).toHaveLength(2);
  });

  it("refuses a migration changed after it was applied, applying nothing", async () => {
    const dir = await migrationsDir([FIRST]);
    await runMigrations(driver, dir);
    await writeMigration(dir, FIRST, `${SCRIPTS[FIRST]}-- edited\n`);
    await writeMigration(dir, THIRD, SCRIPTS[THIRD] ?? "");

    await expect(runMigrations(driver, dir)).rejects.toMatchObject({
      code: "MIGRATION_CHECKSUM_MISMATCH",
      params: { migration: FIRST },
    });
    expect(await tableExists(driver, "third")).toBe(false);
    expect((await rows(driver)).map((r) => r.migration_name)).toEqual([FIRST]);
    expect(await advisoryLocksHeld(driver)).toBe(0);
  });

  it("accepts the same script with CRLF line endings, as Prisma does (git autocrlf)", async () => {
    const dir = await migrationsDir([FIRST]);
    await runMigrations(driver, dir);
    await writeMigration(dir, FIRST, (SCRIPTS[FIRST] ?? "").replaceAll("\n", "\r\n"));
    expect(await runMigrations(driver, dir)).toEqual({ applied: [], alreadyApplied: 1 });
  });

  it("rolls a failing migration back, records the attempt, then refuses until an operator resolves it", async () => {
    const failing = "CREATE TABLE half (id INTEGER);\nINSERT INTO half VALUES (1);\nSELECT * FROM no_such_table;\n";
    const dir = await migrationsDir([FIRST, SECOND, THIRD], { ...SCRIPTS, [SECOND]: failing });

    const error = await runMigrations(driver, dir).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "MIGRATION_FAILED", params: { migration: SECOND } });
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect(await tableExists(driver, "account")).toBe(true);
    expect(await tableExists(driver, "half")).toBe(false);
    expect(await tableExists(driver, "third")).toBe(false);
    const [first, second, ...rest] = await rows(driver);
    expect(rest).toEqual([]);
    expect(first).toMatchObject({ migration_name: FIRST, finished: true });
    expect(second).toMatchObject({ migration_name: SECOND, finished: false, rolled_back: false, applied_steps_count: 0 });
    expect(second?.logs).toContain("no_such_table");
    expect(await advisoryLocksHeld(driver)).toBe(0);

    await writeMigration(dir, SECOND, SCRIPTS[SECOND] ?? "");
    const again = await runMigrations(driver, dir).catch((e: unknown) => e);
    expect(again).toMatchObject({ code: "MIGRATION_PREVIOUSLY_FAILED", params: { migration: SECOND } });
    expect((again as Error).message).toMatch(/operator must resolve/);
    expect(await tableExists(driver, "note")).toBe(false);

    // What `prisma migrate resolve --rolled-back` writes; the fixed migration then applies.
    await driver.query("UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = $1", [SECOND]);
    expect(await runMigrations(driver, dir)).toEqual({ applied: [SECOND, THIRD], alreadyApplied: 1 });
  });

  it("warns about, but tolerates, a migration applied by a newer build", async () => {
    await runMigrations(driver, await migrationsDir([FIRST, SECOND]));
    const lines: string[] = [];
    expect(await runMigrations(driver, await migrationsDir([FIRST]), (l) => lines.push(l))).toEqual({
      applied: [],
      alreadyApplied: 1,
    });
    expect(lines.some((l) => l.includes("WARNING") && l.includes(SECOND))).toBe(true);
  });

  it("lets two concurrent runs on one driver apply each migration once", async () => {
    const dir = await migrationsDir([FIRST, SECOND, THIRD]);
    const results = await Promise.all([runMigrations(driver, dir), runMigrations(driver, dir)]);
    expect(results.flatMap((r) => r.applied).sort()).toEqual([FIRST, SECOND, THIRD]);
    expect(await rows(driver)).toHaveLength(3);
  });

  // The session contract the lock relies on (open-sql-driver.ts): PGlite has one backend for everyone.
  it("gives each withSession caller the session to itself", async () => {
    await Promise.all([
      driver.withSession(async (s) => {
        await s.exec("BEGIN");
        await new Promise((resolve) => setTimeout(resolve, 50));
        await s.exec("ROLLBACK");
      }),
      driver.withSession((s) => s.exec("CREATE TABLE kept (id INTEGER)")),
    ]);
    expect(await tableExists(driver, "kept")).toBe(true);
  });

  it.runIf(kind === "postgres")("does not pool a failed session's open transaction or lock", async () => {
    const failing = driver.withSession(async (s) => {
      await s.query("SELECT pg_advisory_lock(72707369)");
      await s.exec("BEGIN");
      throw new Error("boom");
    });
    await expect(failing).rejects.toThrow("boom");
    // The discarded connection closes asynchronously.
    for (let i = 0; i < 50 && (await advisoryLocksHeld(driver)) > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await advisoryLocksHeld(driver)).toBe(0);
    const [idle] = await driver.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'",
    );
    expect(idle?.n).toBe(0);
  });

  it.runIf(kind === "postgres")("applies each migration exactly once when 4 processes start together", async () => {
    const slow = "SELECT pg_sleep(0.3);\nCREATE TABLE counter (n INTEGER);\nINSERT INTO counter VALUES (1);\n";
    const dir = await migrationsDir([FIRST, SECOND, THIRD], { ...SCRIPTS, [FIRST]: slow + (SCRIPTS[FIRST] ?? "") });
    const drivers = await Promise.all([1, 2, 3, 4].map(async () => (await openSqlDriver(db.target)).driver));
    const lines: string[] = [];
    try {
      const results = await Promise.all(drivers.map((d) => runMigrations(d, dir, (l) => lines.push(l))));
      expect(results.flatMap((r) => r.applied).sort()).toEqual([FIRST, SECOND, THIRD]);
    } finally {
      await Promise.all(drivers.map((d) => d.close()));
    }
    const counts = await driver.query<{ migration_name: string; n: number }>(
      "SELECT migration_name, count(*)::int AS n FROM _prisma_migrations GROUP BY migration_name ORDER BY 1",
    );
    expect(counts).toEqual([FIRST, SECOND, THIRD].map((migration_name) => ({ migration_name, n: 1 })));
    expect(await driver.query("SELECT n FROM counter")).toEqual([{ n: 1 }]);
    expect(lines.some((l) => l.includes("waiting"))).toBe(true);
  });
});

describe("runMigrations on a PGlite data directory", () => {
  it("keeps its rows across close and reopen", async () => {
    const dataDir = await tempDir("pglite-");
    const dir = await migrationsDir([FIRST, SECOND]);
    const first = (await openSqlDriver({ kind: "pglite", dataDir })).driver;
    expect((await runMigrations(first, dir)).applied).toEqual([FIRST, SECOND]);
    await first.close();

    const reopened = (await openSqlDriver({ kind: "pglite", dataDir })).driver;
    try {
      expect((await rows(reopened)).map((r) => r.migration_name)).toEqual([FIRST, SECOND]);
      expect(await runMigrations(reopened, dir)).toEqual({ applied: [], alreadyApplied: 2 });
    } finally {
      await reopened.close();
    }
  });

  it("lets a process that migrated, closed and reopened it exit on its own", async () => {
    const dataDir = await tempDir("pglite-");
    const dir = await migrationsDir([FIRST, SECOND]);
    const script = join(await tempDir("script-"), "migrate-twice.mts");
    const src = (file: string) => JSON.stringify(fileURLToPath(new URL(`../src/adapters/store/${file}`, import.meta.url)));
    await writeFile(
      script,
      `import { openSqlDriver } from ${src("open-sql-driver.ts")};
       import { runMigrations } from ${src("run-migrations.ts")};
       const [dataDir, dir] = process.argv.slice(2);
       const counts = [];
       for (let i = 0; i < 2; i++) {
         const { driver } = await openSqlDriver({ kind: "pglite", dataDir });
         counts.push((await runMigrations(driver, dir)).applied.length);
         await driver.close();
       }
       console.log(JSON.stringify(counts));`,
    );
    // No process.exit in the script: if close() left a handle open, the child would not end and the
    // timeout kills it, failing the test. The ceiling is generous: a busy machine starts tsx and PGlite slowly,
    // and only a child that never ends should fail.
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", script, dataDir, dir], {
      cwd: fileURLToPath(new URL("..", import.meta.url)),
      timeout: 90_000,
    });
    expect(JSON.parse(stdout.trim())).toEqual([2, 0]);
  }, 120_000);
});
