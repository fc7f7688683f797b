import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The arguments `npm start` gives node (its `exec node …` after the build), read from package.json: the process
 * tests and the footprint bench start the bot exactly as the operator's command does.
 */
export function startArguments(root = join(import.meta.dirname, "..", "..")): string[] {
  const scripts = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: { start: string } }).scripts;
  const tail = /exec node (.+)$/.exec(scripts.start)?.[1];
  if (!tail) throw new Error(`package.json's start script does not end with 'exec node …': ${scripts.start}`);
  return tail.split(/\s+/);
}
