import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite } from "../../src/adapters/store/open-pglite.ts";

const ROOT = join(import.meta.dirname, "..", "..");

describe("a fresh PGlite DATA_DIR, a copy of the build's empty data directory", () => {
  let work: string;
  let template: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "ghconnect-open-pglite-"));
    template = join(work, "empty");
    // What scripts/build.mjs makes into dist/, here into the test's own folder.
    execFileSync(process.execPath, ["--liftoff-only", join(ROOT, "scripts", "make-pglite-template.mjs"), template], { cwd: ROOT });
  }, 120_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  async function roundTrip(dataDir: string) {
    const db = await openPglite({ dataDir }, template);
    try {
      await db.exec("CREATE TABLE IF NOT EXISTS t (v int); INSERT INTO t VALUES (1)");
      const { rows } = await db.query<{ n: number; buffers: string }>(
        "SELECT count(*)::int AS n, current_setting('shared_buffers') AS buffers FROM t",
      );
      return rows[0];
    } finally {
      await db.close();
    }
  }

  it("copies it, runs with the bot's small buffers, and opens it again as an existing database", async () => {
    const dataDir = join(work, "fresh");
    expect(await roundTrip(dataDir)).toEqual({ n: 1, buffers: "16MB" });
    expect(readdirSync(dataDir)).not.toContain(".ghconnect-copying");
    expect(await roundTrip(dataDir)).toEqual({ n: 2, buffers: "16MB" });
  }, 120_000);

  it("copies again over what a start cut short left (its marker still there), keeping nothing of it", async () => {
    const dataDir = join(work, "cut-short");
    mkdirSync(join(dataDir, "base", "1"), { recursive: true });
    writeFileSync(join(dataDir, ".ghconnect-copying"), "");
    writeFileSync(join(dataDir, "PG_VERSION"), "17");
    writeFileSync(join(dataDir, "base", "1", "stray"), "half a copy");
    expect(await roundTrip(dataDir)).toEqual({ n: 1, buffers: "16MB" });
    expect(existsSync(join(dataDir, "base", "1", "stray"))).toBe(false);
    expect(existsSync(join(dataDir, ".ghconnect-copying"))).toBe(false);
  }, 120_000);

  it("refuses a DATA_DIR that holds someone else's files, and removes none of them", async () => {
    const dataDir = join(work, "not-ours");
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, "notes.txt"), "mine");
    await expect(openPglite({ dataDir }, template)).rejects.toThrow(/holds files but no database/);
    expect(readdirSync(dataDir)).toEqual(["notes.txt"]);
  }, 120_000);
});
