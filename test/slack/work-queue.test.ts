import { describe, expect, it } from "vitest";
import { workQueue } from "../../src/slack/work-queue.ts";

/** A job that runs until its test lets it go. */
function gate() {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe("the work queue after acks", () => {
  it("runs at most `concurrency` jobs at once, in arrival order, and is idle when all are done", async () => {
    const q = workQueue(2, 10, () => {});
    const gates = Array.from({ length: 5 }, gate);
    const started: number[] = [];
    for (const [i, g] of gates.entries()) {
      q.push(
        async () => {
          started.push(i);
          await g.opened;
        },
        () => {},
      );
    }
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1]);
    expect(q.size()).toEqual({ running: 2, waiting: 3 });
    gates[1]?.open();
    await expect.poll(() => started).toEqual([0, 1, 2]);
    for (const g of gates) g.open();
    await q.idle();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(q.size()).toEqual({ running: 0, waiting: 0 });
  });

  it("drops a job past `maxWaiting`, telling onDrop, and never runs it", async () => {
    const q = workQueue(1, 1, () => {});
    const g = gate();
    const ran: string[] = [];
    const dropped: string[] = [];
    for (const name of ["a", "b", "c"]) {
      q.push(
        async () => {
          ran.push(name);
          await g.opened;
        },
        () => dropped.push(name),
      );
    }
    // "a" is only waiting until the next turn, so the one waiting place is full when "b" and "c" come.
    expect(dropped).toEqual(["b", "c"]);
    g.open();
    await q.idle();
    expect(ran).toEqual(["a"]);
  });

  it("hands a failing job's error to onError and goes on with the next", async () => {
    const errors: unknown[] = [];
    const q = workQueue(1, 10, (e) => errors.push(e));
    const ran: string[] = [];
    q.push(
      async () => {
        throw new Error("boom");
      },
      () => {},
    );
    q.push(
      async () => void ran.push("next"),
      () => {},
    );
    await q.idle();
    expect(ran).toEqual(["next"]);
    expect(String(errors[0])).toContain("boom");
  });
});
