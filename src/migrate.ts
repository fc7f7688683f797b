import { openSqlDriver } from "./adapters/store/open-sql-driver.ts";
import { MIGRATIONS_DIR } from "./adapters/store/open-store.ts";
import { runMigrations } from "./adapters/store/run-migrations.ts";
import { loadDatabaseTarget } from "./config.ts";

/** `npm run migrate`: applies pending migrations and exits; the bot also does this at start-up. */
try {
  const target = loadDatabaseTarget(process.env);
  const { driver } = await openSqlDriver(target);
  try {
    const result = await runMigrations(driver, MIGRATIONS_DIR, (line) => process.stdout.write(`${line}\n`));
    process.stdout.write(`migrations: ${result.applied.length} applied, ${result.alreadyApplied} already applied\n`);
  } finally {
    await driver.close();
  }
} catch (error) {
  const e = error as { code?: string; message?: string; params?: unknown };
  process.stderr.write(`ghconnect migrate failed: ${e.code ?? ""} ${e.message ?? String(error)}\n`);
  process.exit(1);
}
