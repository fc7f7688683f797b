import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../../project-root.ts";
import { createPgliteDir } from "./create-pglite-dir.ts";
import { pgliteStartParams, useWasmBaselineCompiler } from "./pglite-tuning.ts";

/**
 * An empty data directory made by the build (scripts/make-pglite-template.mjs): a fresh DATA_DIR is a copy of it,
 * made in milliseconds and without PGlite, where initdb takes seconds and, inside the serving process, would keep
 * its peak memory for good. Without it (tests, a run from the sources) a child process runs initdb.
 */
const ROOT = projectRoot(import.meta.url);
const EMPTY_DATA_DIR = join(ROOT, "dist", "pglite-empty");

const COPYING_MARKER = ".ghconnect-copying";
const VERSION_STAMP = ".pglite-version";

/** The empty directory is copied only if the running PGlite made it: another version's files may not open. */
function templateMatches(emptyDataDir: string): boolean {
  const stamp = join(emptyDataDir, VERSION_STAMP);
  if (!existsSync(stamp)) return false;
  const manifest = join(ROOT, "node_modules", "@electric-sql", "pglite", "package.json");
  return (
    existsSync(manifest) && readFileSync(stamp, "utf8") === (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version
  );
}

/** PGlite on a data directory (made on first use), from a dumped template, or in memory. */
export async function openPglite(target: { dataDir: string | null; template?: string }, emptyDataDir = EMPTY_DATA_DIR) {
  useWasmBaselineCompiler();
  const { PGlite } = await import("@electric-sql/pglite");
  const startParams = pgliteStartParams(PGlite.defaultStartParams);
  if (target.dataDir) {
    const dataDir = target.dataDir;
    // The database's files are the bot's alone.
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    // A marker stands while the empty directory is copied into DATA_DIR: a start cut short leaves it, and the next
    // start copies again over the half copy instead of opening it as a database.
    const copying = join(dataDir, COPYING_MARKER);
    const fresh = !existsSync(join(dataDir, "PG_VERSION")) || existsSync(copying);
    if (fresh && templateMatches(emptyDataDir)) {
      // Only what the marker vouches for is removed: files in a DATA_DIR without a database are someone else's.
      // (lost+found: the root of a freshly formatted volume has one.)
      const ours = (name: string) => name !== COPYING_MARKER && name !== "lost+found";
      if (!existsSync(copying) && readdirSync(dataDir).some(ours))
        throw new Error(`DATA_DIR ${dataDir} holds files but no database: give ghconnect an empty or new directory`);
      writeFileSync(copying, "");
      for (const name of readdirSync(dataDir).filter(ours)) rmSync(join(dataDir, name), { recursive: true, force: true });
      cpSync(emptyDataDir, dataDir, { recursive: true, filter: (path) => !path.endsWith(VERSION_STAMP) });
      rmSync(copying);
    } else if (fresh) await createPgliteDir(dataDir);
    return PGlite.create(dataDir, { startParams });
  }
  if (target.template) return PGlite.create({ loadDataDir: new Blob([readFileSync(target.template)]), startParams });
  return PGlite.create({ startParams });
}
