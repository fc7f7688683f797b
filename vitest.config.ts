import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Prepares the fake GitHub's OpenAPI descriptions once per run instead of once per worker.
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each file starts its own servers and database; two cores do not gain from more workers.
    pool: "forks",
    maxWorkers: 2,
    // A worker keeps its modules and its reused PGlite databases from one file to the next: loading PGlite,
    // Prisma and Bolt again for each of 40 files was half of the run (175 s → 69 s idle). Files share no state
    // but those caches: a bot's stop() restores what it changed in the process (the fetch dispatcher).
    isolate: false,
  },
});
