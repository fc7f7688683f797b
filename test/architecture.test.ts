import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = resolve(import.meta.dirname, "../src");

/**
 * The core's layers, bottom first (docs/architecture.md): a module may import from its own layer and the
 * layers below it, never above. The files at the core's root (ports.ts) belong to the bottom layer.
 */
const LAYERS = ["domain", "messages", "identity", "policy", "notices", "operations", "watch", "doctor", "commands"];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

/** Every import of a file: [the specifier as written, the file it names when relative]. */
function importsOf(file: string): Array<{ spec: string; target: string | null }> {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^"';]*?from\s*["']([^"']+)["']/g)].map((m) => {
    const spec = m[1] as string;
    return { spec, target: spec.startsWith(".") ? resolve(dirname(file), spec) : null };
  });
}

const where = (file: string) => relative(SRC, file);
const layerOf = (file: string): number => {
  const [top, layer] = where(file).split("/");
  if (top !== "core") return -1;
  const index = LAYERS.indexOf(layer as string);
  return index === -1 ? 0 : index;
};

describe("the direction of imports", () => {
  it("inside the core, points down the layers only", () => {
    const upward = filesUnder(join(SRC, "core")).flatMap((file) =>
      importsOf(file)
        .filter((i) => i.target !== null && where(i.target).startsWith("core/") && layerOf(i.target) > layerOf(file))
        .map((i) => `${where(file)} -> ${where(i.target as string)}`),
    );
    expect(upward).toEqual([]);
  });

  it("keeps the core free of SDKs, adapters and the Slack edge", () => {
    const outward = filesUnder(join(SRC, "core")).flatMap((file) =>
      importsOf(file)
        .filter(
          (i) =>
            (i.target === null && !i.spec.startsWith("node:")) ||
            (i.target !== null && !where(i.target).startsWith("core/") && where(i.target) !== "errors.ts"),
        )
        .map((i) => `${where(file)} -> ${i.spec}`),
    );
    expect(outward).toEqual([]);
  });

  it("keeps adapters from reaching into the Slack edge or the composition root", () => {
    const inward = filesUnder(join(SRC, "adapters")).flatMap((file) =>
      importsOf(file)
        .filter(
          (i) =>
            i.target !== null &&
            (where(i.target).startsWith("slack/") || where(i.target) === "start-bot.ts" || where(i.target) === "main.ts"),
        )
        .map((i) => `${where(file)} -> ${where(i.target as string)}`),
    );
    expect(inward).toEqual([]);
  });

  it("sees the imports it checks (a check that finds no import at all could not fail)", () => {
    const pairs = filesUnder(join(SRC, "core")).flatMap((file) =>
      importsOf(file).map((i) => `${where(file)} -> ${i.target ? where(i.target) : i.spec}`),
    );
    expect(pairs.length).toBeGreaterThan(100);
    expect(pairs).toContain("core/operations/run-click.ts -> core/policy/verdict-lines.ts");
  });
});
