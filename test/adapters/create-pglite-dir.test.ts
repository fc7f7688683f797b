import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createPgliteDir } from "../../src/adapters/store/create-pglite-dir.ts";

describe("a fresh PGlite data directory", () => {
  it("is created by a child process, once; an existing one is left as it is", async () => {
    const root = mkdtempSync(join(tmpdir(), "ghconnect-pgdir-"));
    try {
      const dir = join(root, "data");
      await createPgliteDir(dir);
      expect(readFileSync(join(dir, "PG_VERSION"), "utf8").trim()).toMatch(/^\d+$/);
      const marker = join(dir, "base");
      expect(existsSync(marker)).toBe(true);
      // A second call finds the database and starts nothing (it would fail: initdb refuses a non-empty directory).
      await createPgliteDir(dir);
      expect(readFileSync(join(dir, "PG_VERSION"), "utf8").trim()).toMatch(/^\d+$/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);
});
