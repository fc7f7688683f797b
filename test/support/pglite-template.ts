import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { openSqlDriver } from "../../src/adapters/store/open-sql-driver.ts";
import { runMigrations } from "../../src/adapters/store/run-migrations.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const MIGRATIONS = join(ROOT, "prisma", "migrations");

let templateFile: string | undefined;

/**
 * Where the run's PGlite template lives: a cluster with every migration applied, dumped once per set of
 * migrations and PGlite version. Creating a cluster costs about 5 s and 760 MiB; loading this dump about 1 s.
 */
export function pgliteTemplateFile(): string {
  templateFile ??= templateFileOf();
  return templateFile;
}

/** Hashed once per process: every test database asks for it. */
function templateFileOf(): string {
  // The package does not export its package.json; node_modules is where npm put it.
  const { version } = JSON.parse(readFileSync(join(ROOT, "node_modules", "@electric-sql", "pglite", "package.json"), "utf8")) as {
    version: string;
  };
  const hash = createHash("sha256").update(version);
  for (const name of readdirSync(MIGRATIONS).sort()) {
    const sql = join(MIGRATIONS, name, "migration.sql");
    if (existsSync(sql)) hash.update(name).update(readFileSync(sql));
  }
  return join(ROOT, "node_modules", ".cache", "ghconnect-pglite", `${hash.digest("hex").slice(0, 16)}.tar.gz`);
}

/** Writes the template unless it is there already (written aside and renamed, so no reader sees half of it). */
export async function ensurePgliteTemplate(): Promise<"cached" | "prepared"> {
  const file = pgliteTemplateFile();
  if (existsSync(file)) return "cached";
  const opened = await openSqlDriver({ kind: "pglite", dataDir: null });
  try {
    await runMigrations(opened.driver, MIGRATIONS);
    if (opened.handle.kind !== "pglite") throw new Error("not PGlite");
    const dump = await opened.handle.db.dumpDataDir("gzip");
    mkdirSync(dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
    try {
      writeFileSync(temporary, Buffer.from(await dump.arrayBuffer()));
      renameSync(temporary, file);
    } finally {
      rmSync(temporary, { force: true });
    }
  } finally {
    await opened.driver.close();
  }
  return "prepared";
}
