import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { openSqlDriver } from "../../src/adapters/store/open-sql-driver.ts";
import { runMigrations } from "../../src/adapters/store/run-migrations.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const MIGRATIONS = join(ROOT, "prisma", "migrations");

export type TemplateKind = "migrated" | "empty";
const templateFiles = new Map<TemplateKind, string>();

/**
 * Where the run's PGlite templates live: a cluster with every migration applied, and one with nothing in it (for
 * the migration runner's tests), each dumped once per set of migrations and PGlite version. Creating a cluster
 * costs about 5 s and 760 MiB; loading a dump about 1 s.
 */
export function pgliteTemplateFile(kind: TemplateKind = "migrated"): string {
  let file = templateFiles.get(kind);
  if (!file) {
    file = templateFileOf(kind);
    templateFiles.set(kind, file);
  }
  return file;
}

/** Hashed once per process: every test database asks for it. */
function templateFileOf(kind: TemplateKind): string {
  // The package does not export its package.json; node_modules is where npm put it.
  const { version } = JSON.parse(readFileSync(join(ROOT, "node_modules", "@electric-sql", "pglite", "package.json"), "utf8")) as {
    version: string;
  };
  const hash = createHash("sha256").update(version).update(kind);
  for (const name of kind === "empty" ? [] : readdirSync(MIGRATIONS).sort()) {
    const sql = join(MIGRATIONS, name, "migration.sql");
    if (existsSync(sql)) hash.update(name).update(readFileSync(sql));
  }
  return join(ROOT, "node_modules", ".cache", "ghconnect-pglite", `${hash.digest("hex").slice(0, 16)}.tar.gz`);
}

/** Writes a template unless it is there already (written aside and renamed, so no reader sees half of it). */
export async function ensurePgliteTemplate(kind: TemplateKind = "migrated"): Promise<"cached" | "prepared"> {
  const file = pgliteTemplateFile(kind);
  if (existsSync(file)) return "cached";
  const opened = await openSqlDriver({ kind: "pglite", dataDir: null });
  try {
    if (kind === "migrated") await runMigrations(opened.driver, MIGRATIONS);
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
