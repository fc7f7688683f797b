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
  },
});
