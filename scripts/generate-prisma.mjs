// Generates the Prisma client when the schema changed since the last generation.
// Runs before start and test because .npmrc turns install scripts off (docs/decisions/001-prisma-without-engines.md).

import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const schema = readFileSync(join(root, "prisma/schema.prisma"));
const version = JSON.parse(readFileSync(join(root, "node_modules/prisma/package.json"), "utf8")).version;
const stamp = createHash("sha256").update(schema).update(version).digest("hex");
const stampFile = join(root, "src/generated/prisma/.schema-hash");
if (existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp) process.exit(0);

// `prisma generate` with engine "js" needs a URL the provider accepts, or it falls back to downloading an
// engine. The URL is never connected to during generation.
const url = process.env.DATABASE_URL?.startsWith("postgres") ? process.env.DATABASE_URL : "postgresql://localhost/unused";
const result = spawnSync(process.execPath, [join(root, "node_modules/prisma/build/index.js"), "generate"], {
  cwd: root,
  stdio: ["ignore", "ignore", "inherit"],
  env: { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
});
if (result.status !== 0) {
  console.error("ghconnect: generating the Prisma client failed (see above).");
  process.exit(result.status ?? 1);
}
writeFileSync(stampFile, stamp);
