import { describe, expect, it } from "vitest";
import { batchedWriter } from "../src/log/batched-writer.ts";

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe("the batched log writer", () => {
  it("writes the lines of one turn in one write, in order, and flushes on demand", async () => {
    const writes: string[] = [];
    const log = batchedWriter((text) => writes.push(text));
    log.write("a");
    log.write("b");
    expect(writes).toEqual([]);
    await nextTurn();
    expect(writes).toEqual(["a\nb\n"]);
    log.write("c");
    log.flush();
    expect(writes).toEqual(["a\nb\n", "c\n"]);
  });

  it("counts the lines it could not keep and says so with the next write", async () => {
    const writes: string[] = [];
    const log = batchedWriter((text) => writes.push(text), 10);
    for (const line of ["0123456789", "dropped", "dropped too"]) log.write(line);
    await nextTurn();
    expect(writes[0]).toMatch(/^0123456789\n.* 2 log lines dropped/);
    expect(writes[0]).not.toContain("dropped too");
  });
});
