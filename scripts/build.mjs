// Compiles src/ to dist/ (tsconfig.build.json) when a source is newer than the last build, so `npm start` runs
// plain JavaScript with node: no TypeScript loader in the serving process.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const stamp = join(root, "dist", ".tsbuildinfo");

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
const sources = Math.max(
  newest(join(root, "src")),
  statSync(join(root, "tsconfig.build.json")).mtimeMs,
  statSync(join(root, "tsconfig.json")).mtimeMs,
);
if (sources > built) {
  execFileSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", join(root, "tsconfig.build.json")], {
    cwd: root,
    stdio: "inherit",
  });
}
