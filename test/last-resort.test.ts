import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { installLastResort } from "../src/last-resort.ts";
import { eventually } from "./support/eventually.ts";

describe("the last-resort handlers", () => {
  it("log an unhandled rejection (redacted) and keep serving; stop cleanly and exit 1 on an uncaught exception, once", async () => {
    const proc = new EventEmitter();
    const lines: string[] = [];
    const exits: number[] = [];
    let stops = 0;
    installLastResort(
      proc as never,
      (l) => lines.push(l),
      async () => void stops++,
      (code) => exits.push(code),
    );
    proc.emit("unhandledRejection", new Error("boom with ghp_abcdefghijklmnopqrstuvwxyz0123456789"));
    expect(lines).toEqual(["unhandled rejection, kept serving: Error: boom with [redacted]"]);
    expect(exits).toEqual([]);
    proc.emit("uncaughtException", new TypeError("bad state"));
    proc.emit("uncaughtException", new TypeError("again"));
    await eventually("the exit", async () => (exits.length ? true : undefined));
    expect(stops).toBe(1);
    expect(exits).toEqual([1]);
    expect(lines.filter((l) => l.startsWith("uncaught exception"))).toHaveLength(2);
  });
});
