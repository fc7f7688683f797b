import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pgliteStartParams, WASM_BASELINE_FLAG } from "./pglite-tuning.ts";

// Creating a PGlite data directory runs initdb inside PGlite: about 770 MiB at its peak, and WebAssembly memory
// is never given back, so a serving process that created its directory keeps that size for its life. Opening an
// existing directory costs about a third. The directory is therefore created by a short-lived child process.
const CHILD = `
const { PGlite } = await import(process.argv[2]);
const db = await PGlite.create(process.argv[1], { startParams: [...PGlite.defaultStartParams, ...JSON.parse(process.argv[3])] });
await db.close();
`;

/** Creates the PGlite data directory `dataDir` in a child process, unless it already holds a database. */
export async function createPgliteDir(dataDir: string): Promise<void> {
  if (existsSync(join(dataDir, "PG_VERSION"))) return;
  // The child imports PGlite from where this process found it, whatever its working directory.
  const pglite = import.meta.resolve("@electric-sql/pglite");
  const extra = pgliteStartParams([]);
  const child = spawn(
    process.execPath,
    [WASM_BASELINE_FLAG, "--input-type=module", "--eval", CHILD, "--", dataDir, pglite, JSON.stringify(extra)],
    {
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let errors = "";
  child.stderr.on("data", (d: Buffer) => {
    errors += d.toString();
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", resolve);
  });
  if (code !== 0) throw new Error(`creating the PGlite data directory ${dataDir} failed (exit ${code}): ${errors.slice(-500)}`);
}
