import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { AppError } from "../../errors.ts";
import type { SqlDriver, SqlSession } from "./sql-driver.ts";

/**
 * Prisma's own advisory-lock key (schema engine: `SELECT pg_advisory_lock(72707369)`), so a real
 * `prisma migrate deploy` run by an operator waits for the bot and the bot waits for it.
 */
export const PRISMA_MIGRATE_LOCK_KEY = 72707369;

// Byte-for-byte the definition in Prisma's schema engine (postgres connector), so that
// `prisma migrate status` on a machine with the engines reads our table as its own. IF NOT EXISTS only
// because we run it unconditionally under the lock instead of probing the catalog first.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);`;

interface MigrationFile {
  name: string;
  script: string;
  checksum: string;
}

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished: boolean;
  rolled_back: boolean;
}

export function migrationChecksum(script: string | Buffer): string {
  return createHash("sha256").update(script).digest("hex");
}

/**
 * Mirrors Prisma's `script_matches_checksum` (schema-connector/src/checksum.rs): a checkout with the other
 * line endings (git autocrlf) still matches, and so do rows written by old engines that dropped the
 * zero padding of each hex byte.
 */
function checksumMatches(script: string, recorded: string): boolean {
  const variants = [script, script.replaceAll("\r\n", "\n"), script.replaceAll("\n", "\r\n")];
  return variants.some((variant) => {
    const digest = createHash("sha256").update(variant).digest();
    const rendered =
      recorded.length !== 64 && recorded.length > 0 ? [...digest].map((byte) => byte.toString(16)).join("") : digest.toString("hex");
    return rendered === recorded;
  });
}

async function readMigrations(migrationsDir: string): Promise<MigrationFile[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const migrations: MigrationFile[] = [];
  for (const name of names) {
    let bytes: Buffer;
    try {
      bytes = await readFile(join(migrationsDir, name, "migration.sql"));
    } catch (cause) {
      // Prisma fails here too: a folder without its script means a broken checkout, not "nothing to do".
      throw new AppError(
        "MIGRATION_FAILED",
        { migration: name },
        {
          cause,
          message: `Migration folder ${name} has no readable migration.sql`,
        },
      );
    }
    migrations.push({ name, script: bytes.toString("utf8"), checksum: migrationChecksum(bytes) });
  }
  return migrations;
}

/**
 * Applies the pending Prisma migrations of migrationsDir, in lexical order, each in its own transaction,
 * recording them in `_prisma_migrations` as Prisma does. Several processes may call it at once: a
 * session-level advisory lock makes them take turns, and the later ones find nothing left to do.
 */
export async function runMigrations(
  driver: SqlDriver,
  migrationsDir: string,
  log: (line: string) => void = () => {},
): Promise<{ applied: string[]; alreadyApplied: number }> {
  const migrations = await readMigrations(migrationsDir);
  return driver.withSession(async (session) => {
    await acquireLock(session, log);
    let result: Awaited<ReturnType<typeof applyPending>>;
    try {
      result = await applyPending(session, migrations, log);
    } catch (error) {
      // The real failure is what the caller hears; throwing from the session also makes the driver discard the
      // connection, and closing it is what releases the lock then.
      await session.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK_KEY]).catch(() => {});
      throw error;
    }
    await session.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK_KEY]);
    return result;
  });
}

async function acquireLock(session: SqlSession, log: (line: string) => void): Promise<void> {
  const [row] = await session.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [PRISMA_MIGRATE_LOCK_KEY]);
  if (row?.locked) return;
  // Waiting is normal when replicas start together; say so, so a lock held forever is diagnosable.
  log(`migrations: another process holds the migration lock (${PRISMA_MIGRATE_LOCK_KEY}); waiting`);
  await session.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK_KEY]);
}

async function applyPending(
  session: SqlSession,
  migrations: MigrationFile[],
  log: (line: string) => void,
): Promise<{ applied: string[]; alreadyApplied: number }> {
  await session.exec(CREATE_MIGRATIONS_TABLE);
  const rows = await session.query<MigrationRow>(
    `SELECT migration_name, checksum, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back
       FROM _prisma_migrations ORDER BY started_at`,
  );

  // Same rule as Prisma's detect_failed_migrations: an unfinished attempt may have half-applied DDL
  // (another tool, or a crash outside our transaction), so only a person can say what state it left.
  const unresolved = rows.find((row) => !row.finished && !row.rolled_back);
  if (unresolved) {
    throw new AppError(
      "MIGRATION_PREVIOUSLY_FAILED",
      { migration: unresolved.migration_name },
      {
        message:
          `Migration ${unresolved.migration_name} failed earlier and is recorded as unfinished. An operator must ` +
          `resolve it (repair the database, then \`prisma migrate resolve --rolled-back ${unresolved.migration_name}\` ` +
          `or --applied) before migrations can run again.`,
      },
    );
  }

  // Rolled-back rows do not count as applied, as in Prisma: the migration is applied again.
  const applied = new Map(rows.filter((row) => row.finished && !row.rolled_back).map((row) => [row.migration_name, row]));
  for (const migration of migrations) {
    const row = applied.get(migration.name);
    if (row && !checksumMatches(migration.script, row.checksum)) {
      throw new AppError(
        "MIGRATION_CHECKSUM_MISMATCH",
        { migration: migration.name },
        {
          message: `Migration ${migration.name} was changed after it was applied (checksum differs); refusing to continue`,
        },
      );
    }
  }

  // An older bot started against a database a newer one migrated: Prisma's deploy ignores such rows
  // too, and failing would turn a rollback of the bot into a crash loop. Say it, and carry on.
  const known = new Set(migrations.map((migration) => migration.name));
  for (const name of applied.keys()) {
    if (!known.has(name)) log(`migrations: WARNING ${name} is applied in the database but missing from this build`);
  }

  const pending = migrations.filter((migration) => !applied.has(migration.name));
  const alreadyApplied = migrations.length - pending.length;
  log(`migrations: ${alreadyApplied} already applied, ${pending.length} pending`);
  const done: string[] = [];
  for (const migration of pending) {
    await applyOne(session, migration, log);
    done.push(migration.name);
  }
  return { applied: done, alreadyApplied };
}

async function applyOne(session: SqlSession, migration: MigrationFile, log: (line: string) => void): Promise<void> {
  const id = randomUUID();
  const started = Date.now();
  log(`migrations: applying ${migration.name}`);
  // Kept as text so the failed-attempt row gets the exact same instant without a Date round trip.
  let startedAt: string | undefined;
  await session.exec("BEGIN");
  try {
    const [row] = await session.query<{ started_at: string }>(
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at)
       VALUES ($1, $2, $3, now()) RETURNING started_at::text AS started_at`,
      [id, migration.checksum, migration.name],
    );
    startedAt = row?.started_at;
    await session.exec(migration.script);
    // clock_timestamp, not now(): now() is frozen at the start of the transaction.
    await session.query("UPDATE _prisma_migrations SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1", [id]);
    await session.exec("COMMIT");
  } catch (cause) {
    await session.exec("ROLLBACK").catch(() => {});
    const reason = cause instanceof Error ? cause.message : String(cause);
    try {
      await session.query(
        `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, logs)
         VALUES ($1, $2, $3, COALESCE($4::timestamptz, now()), $5)`,
        [id, migration.checksum, migration.name, startedAt ?? null, reason],
      );
    } catch {
      log(`migrations: could not record the failure of ${migration.name} (the database connection may be gone)`);
    }
    log(`migrations: ${migration.name} failed and was rolled back: ${reason}`);
    throw new AppError(
      "MIGRATION_FAILED",
      { migration: migration.name },
      {
        cause,
        message: `Migration ${migration.name} failed and was rolled back: ${reason}`,
      },
    );
  }
  log(`migrations: applied ${migration.name} in ${Date.now() - started} ms`);
}

/**
 * Which of the build's migrations the database has applied, read without the lock and without writing (the
 * doctor's question). A database never migrated has none.
 */
export async function migrationStatus(driver: SqlDriver, migrationsDir: string): Promise<{ applied: number; pending: string[] }> {
  const migrations = await readMigrations(migrationsDir);
  const [table] = await driver.query<{ present: boolean }>("SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present");
  const rows = table?.present
    ? await driver.query<{ migration_name: string }>(
        "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
      )
    : [];
  const applied = new Set(rows.map((r) => r.migration_name));
  const pending = migrations.filter((m) => !applied.has(m.name)).map((m) => m.name);
  return { applied: migrations.length - pending.length, pending };
}
