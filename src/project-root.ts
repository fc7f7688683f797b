import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The checkout's (or the image's) root, found from a module's own URL by walking up to ghconnect's package.json:
 * the same answer from the sources, from dist/, and from a bundle, wherever each file sits.
 */
export function projectRoot(moduleUrl: string): string {
  let dir = dirname(fileURLToPath(moduleUrl));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "ghconnect") return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`ghconnect's package.json not found above ${fileURLToPath(moduleUrl)}`);
    dir = parent;
  }
}
