// Makes dist/pglite-empty/: an empty PGlite data directory (initdb's output, nothing of ghconnect's), shut down
// cleanly, which a bot on a fresh DATA_DIR copies instead of running initdb (about four seconds, and 770 MiB at its
// peak). Run by scripts/build.mjs, so by `npm start` and the image build; remade when the PGlite version changes.
// Usage: node --liftoff-only scripts/make-pglite-template.mjs [output folder]   (tests make theirs elsewhere)
import { chmodSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const target = process.argv[2] ?? join(root, "dist", "pglite-empty");
const stampFile = join(target, ".pglite-version");
const version = JSON.parse(readFileSync(join(root, "node_modules/@electric-sql/pglite/package.json"), "utf8")).version;
if (existsSync(stampFile) && readFileSync(stampFile, "utf8") === version) process.exit(0);

const { PGlite } = await import("@electric-sql/pglite");
const partial = `${target}.partial`;
rmSync(partial, { recursive: true, force: true });
const db = await PGlite.create(partial);
await db.close();
// Readable by anyone: the build may run as root and the bot as another user (the image's `node`), who must be able
// to copy every file; PGlite writes some 0600. The copies in DATA_DIR belong to the bot and are its own to guard.
const readable = (path) => {
  chmodSync(path, statSync(path).isDirectory() ? 0o755 : 0o644);
  if (statSync(path).isDirectory()) for (const name of readdirSync(path)) readable(join(path, name));
};
readable(partial);
writeFileSync(join(partial, ".pglite-version"), version);
rmSync(target, { recursive: true, force: true });
renameSync(partial, target);
