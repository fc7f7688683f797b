// Compiles src/ to dist/ (tsconfig.build.json) when the sources differ from the ones the last successful build
// compiled, so `npm start` runs plain JavaScript with node: no TypeScript loader in the serving process.
// Sources are compared by content, not by time: a touched file or an older tree unpacked over a newer one
// cannot mislead it. A build with a type error emits nothing (noEmitOnError) and stops `npm start`.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const root = join(import.meta.dirname, "..");
const stamp = join(root, "dist", ".source-hash");

function files(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]))
    .sort();
}

const hash = createHash("sha256");
// The lockfile and this script count too: the bundle holds the dependencies, so an upgrade must rebuild it.
for (const file of [
  ...files(join(root, "src")),
  join(root, "tsconfig.json"),
  join(root, "tsconfig.build.json"),
  join(root, "package-lock.json"),
  join(root, "scripts", "build.mjs"),
]) {
  hash.update(relative(root, file)).update("\0").update(readFileSync(file)).update("\0");
}
const sources = hash.digest("hex");

const built = existsSync(stamp) && existsSync(join(root, "dist", "main.js")) ? readFileSync(stamp, "utf8") : "";
if (built !== sources) {
  execFileSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", join(root, "tsconfig.build.json")], {
    cwd: root,
    stdio: "inherit",
  });
  bundle();
  writeFileSync(stamp, sources);
} else if (!existsSync(join(root, "dist", "main.bundle.js"))) bundle();

// The bot as one file (`npm start` runs it): Node loads one module instead of some six hundred, which starts the
// bot about 200 ms sooner (decision 012). PGlite and Prisma's client stay outside, loading their WebAssembly from
// their own folders; pg too, for its optional native part.
function bundle() {
  execFileSync(
    process.execPath,
    [
      join(root, "node_modules", "esbuild", "bin", "esbuild"),
      join(root, "dist", "main.js"),
      "--bundle",
      "--platform=node",
      "--target=node20",
      "--format=esm",
      `--outfile=${join(root, "dist", "main.bundle.js")}`,
      "--external:@electric-sql/pglite",
      "--external:pglite-prisma-adapter",
      "--external:@prisma/client",
      "--external:pg",
      "--log-level=warning",
      // Bundled CommonJS packages call require(); an ES module has none of its own.
      "--banner:js=import { createRequire as __ghconnectRequire } from 'node:module'; const require = __ghconnectRequire(import.meta.url);",
    ],
    { cwd: root, stdio: "inherit" },
  );
}

// The empty data directory a fresh PGlite DATA_DIR starts from (its own check of the PGlite version).
execFileSync(process.execPath, ["--liftoff-only", join(root, "scripts", "make-pglite-template.mjs")], { cwd: root, stdio: "inherit" });
