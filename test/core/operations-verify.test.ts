// Verification by the guided executor.
import { describe, expect, it } from "vitest";
import { ACME, at, event, GLOBEX, listedEvents, MIN, UA, world } from "../support/operations-world.ts";

describe("verification by the guided executor", () => {
  it("APPLYING → VERIFIED from the GHES audit log: connection record, announcement that starts its thread, card", async () => {
    const w = await world();
    const op = await w.applying();
    await w.tick();
    expect(await w.stateOf(op)).toBe("APPLYING");
    w.ghes.script.events = [event("create", 5 * MIN)];
    await w.advance(5 * MIN);
    await w.tick();
    const evidence = `GHES audit log: dotcom_connection.create by alice at ${at(5 * MIN).toISOString()}`;
    expect(await w.latest()).toMatchObject({ state: "VERIFIED", verifiedAt: at(6 * MIN), reason: evidence });
    expect(w.ghes.asked.at(-1)).toEqual(at(MIN));
    expect(await w.connections.get({ kind: "org", slug: "acme" })).toEqual({
      account: ACME,
      state: "CONNECTED",
      hostname: "ghes.example.com",
      ghesVersion: "3.15.2",
      customerName: "Acme Corp",
      licensePublicKey: "PUBKEY",
      licenseFingerprint: "SHA256:pubkey",
      changedBy: UA,
      changedAt: at(6 * MIN),
      lastVerifiedAt: at(6 * MIN),
      operationId: op.id,
      threadKey: `connection:${op.id}`,
    });
    expect(w.outbox.notices).toEqual([
      expect.objectContaining({
        key: `operation:${op.id}:VERIFIED`,
        thread: `connection:${op.id}`,
        broadcast: false,
        message: expect.objectContaining({ state: "VERIFIED", requester: "UA", confirmer: "UA", reason: evidence }),
      }),
    ]);
    expect(w.shown(op)).toBe("VERIFIED");
    expect(w.trail().at(-1)).toBe(`operation.verified ok ${evidence}`);
  });

  it("a verified disable keeps the connection's thread and is broadcast in it", async () => {
    const w = await world();
    const enable = await w.applying();
    w.ghes.script.events = [event("create", 2 * MIN)];
    await w.tick();
    const disable = await w.applying("disable");
    listedEvents(w).push(event("destroy", 5 * MIN));
    await w.tick();
    expect(await w.stateOf(disable)).toBe("VERIFIED");
    expect(await w.connections.list()).toMatchObject([
      { state: "DISCONNECTED", operationId: disable.id, threadKey: `connection:${enable.id}` },
    ]);
    expect(w.outbox.notices.at(-1)).toMatchObject({
      key: `operation:${disable.id}:VERIFIED`,
      thread: `connection:${enable.id}`,
      broadcast: true,
    });
  });

  it("without the audit log, GitHub's list of connected servers is the evidence", async () => {
    const w = await world();
    w.ghes.script.events = null;
    w.cloud.script.servers = [];
    const op = await w.applying("enable", GLOBEX);
    await w.tick();
    expect(await w.stateOf(op)).toBe("APPLYING");
    w.cloud.script.servers = ["ghes.example.com"];
    await w.tick();
    expect(await w.latest()).toMatchObject({ state: "VERIFIED", reason: "GitHub Enterprise Cloud lists ghes.example.com" });
    expect(await w.connections.get({ kind: "enterprise", slug: "globex" })).toMatchObject({ state: "CONNECTED" });
  });

  it.each([
    ["enable", ["create"], "VERIFIED"],
    ["enable", ["create", "token_updated"], "VERIFIED"],
    ["enable", ["create", "destroy"], "APPLYING"],
    ["enable", ["destroy", "create"], "VERIFIED"],
    ["disable", ["destroy"], "VERIFIED"],
    ["disable", ["destroy", "create"], "APPLYING"],
  ] as const)("%s after %j (oldest first): the newest create or destroy decides → %s", async (kind, actions, state) => {
    const w = await world();
    // A disable needs a connection to start from: a create long before, which the check must not count.
    if (kind === "disable") w.ghes.script.events = [event("create", -24 * 60 * MIN)];
    const op = await w.applying(kind);
    for (const [i, action] of actions.entries()) listedEvents(w).push(event(action, (2 + i) * MIN));
    await w.advance(10 * MIN);
    await w.tick();
    expect(await w.stateOf(op)).toBe(state);
  });

  it("a change recorded before the confirmation is not evidence", async () => {
    const w = await world();
    w.ghes.script.events = [event("create", -24 * 60 * MIN)];
    await w.request(UA, "disable");
    const op = await w.latest();
    listedEvents(w).push(event("destroy", 30_000));
    await w.advance(MIN);
    await w.confirm(UA, op);
    await w.tick();
    expect(await w.stateOf(op)).toBe("APPLYING");
  });
});
