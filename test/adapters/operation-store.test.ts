import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "../../src/adapters/store/open-store.ts";
import { prismaConnectionStore } from "../../src/adapters/store/prisma-connection-store.ts";
import { prismaOperationStore } from "../../src/adapters/store/prisma-operation-store.ts";
import type { NewOperation, OperationStore } from "../../src/core/domain/operation.ts";
import { redact } from "../../src/log/redact.ts";
import { createTestDatabaseOf, databaseKinds, type TestDatabase } from "../support/test-database.ts";

const alice = { team: "T1", user: "UA" };
const later = (minutes: number) => new Date(Date.now() + minutes * 60_000);
const request = (slug: string, overrides: Partial<NewOperation> = {}): NewOperation => ({
  kind: "enable",
  account: { kind: "org", slug },
  requestedBy: alice,
  requestId: "r1",
  locale: "en",
  expiresAt: later(15),
  facts: null,
  state: "REQUESTED",
  ...overrides,
});
const audit = { actor: alice, action: "operation.requested", decision: "ok" as const };

/** A request that passed its preflight: REQUESTED, then awaiting confirmation. */
async function awaiting(ops: OperationStore, slug: string) {
  const created = await ops.create(request(slug), audit);
  const op = await ops.transition(
    created.op.id,
    ["REQUESTED"],
    "AWAITING_CONFIRMATION",
    {},
    { ...audit, action: "operation.awaiting_confirmation" },
  );
  if (!op) throw new Error("could not move to AWAITING_CONFIRMATION");
  return { op, superseded: created.superseded };
}

describe.each(databaseKinds())("operation store on %s", (kind) => {
  let db: TestDatabase;
  let store: Store;
  let second: Store;
  beforeAll(async () => {
    db = await createTestDatabaseOf(kind);
    store = await openStore(db.target);
    // A second, independent client on the same database: another replica (PGlite: the same in-memory DB is not shareable, so reuse).
    second = kind === "postgres" ? await openStore(db.target) : store;
  });
  afterAll(async () => {
    if (second !== store) await second?.close();
    await store?.close();
    await db?.drop();
  });

  it("supersedes an unconfirmed operation for the same account, in one transaction", async () => {
    const ops = prismaOperationStore(store.prisma, redact, "C0NOTIFY");
    const first = await awaiting(ops, "acme");
    expect(first.superseded).toBeNull();
    const next = await awaiting(ops, "acme");
    expect(next.superseded).toMatchObject({ id: first.op.id, state: "CANCELLED", reason: "superseded" });
    expect((await ops.get(first.op.id))?.state).toBe("CANCELLED");
    expect((await ops.get(next.op.id))?.state).toBe("AWAITING_CONFIRMATION");
  });

  it("keeps a card stale when its announcement was delivered while it was being edited", async () => {
    const ops = prismaOperationStore(store.prisma, redact, "C0NOTIFY");
    const { op } = await awaiting(ops, "card-race");
    await ops.setCard(op.id, { channel: "C0WORK", ts: "1700000000.000100" });
    const drawn = await ops.get(op.id); // the edit starts from this: no announcement yet
    // The outbox delivers the announcement meanwhile (what prisma-outbox.ts delivered() writes).
    await store.sql.query(
      "UPDATE operations SET announcement_channel = 'C0NOTIFY', announcement_ts = '1700000000.000200', card_state = NULL WHERE id = $1",
      [op.id],
    );
    await ops.cardShown(op.id, "AWAITING_CONFIRMATION", drawn?.announcement?.ts ?? null);
    expect((await ops.staleCards(new Date(Date.now() - 60_000))).map((o) => o.id)).toContain(op.id);
    // An edit that drew the link records it.
    await ops.cardShown(op.id, "AWAITING_CONFIRMATION", "1700000000.000200");
    expect((await ops.staleCards(new Date(Date.now() - 60_000))).map((o) => o.id)).not.toContain(op.id);
  });

  it("lets a denied request through without touching a pending one", async () => {
    const ops = prismaOperationStore(store.prisma, redact, "C0NOTIFY");
    const { op } = await awaiting(ops, "guarded");
    const denied = await ops.create(request("guarded", { state: "DENIED", reason: "not_authorized" }), audit);
    expect(denied.superseded).toBeNull();
    expect((await ops.get(op.id))?.state).toBe("AWAITING_CONFIRMATION");
  });

  it("refuses a new request while one is confirmed or applying", async () => {
    const ops = prismaOperationStore(store.prisma, redact, "C0NOTIFY");
    const { op } = await awaiting(ops, "busy");
    await ops.transition(
      op.id,
      ["AWAITING_CONFIRMATION"],
      "CONFIRMED",
      { confirmedBy: alice, confirmedAt: new Date() },
      { ...audit, action: "operation.confirmed" },
    );
    await expect(ops.create(request("busy"), audit)).rejects.toMatchObject({ code: "OPERATION_IN_FLIGHT" });
  });

  it("lets exactly one of two replicas move an operation, and writes one audit event", async () => {
    const a = prismaOperationStore(store.prisma, redact, "C0NOTIFY");
    const b = prismaOperationStore(second.prisma, redact, "C0NOTIFY");
    const { op } = await awaiting(a, "race");
    const results = await Promise.all(
      [a, b, a, b].map((s, i) =>
        s.transition(
          op.id,
          ["AWAITING_CONFIRMATION"],
          "CONFIRMED",
          { confirmedBy: { team: "T1", user: `U${i}` }, confirmedAt: new Date() },
          { ...audit, action: "operation.confirmed", requestId: `click-${op.id}` },
        ),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const events = await store.sql.query("SELECT 1 FROM audit_events WHERE action = 'operation.confirmed' AND request_id = $1", [
      `click-${op.id}`,
    ]);
    expect(events).toHaveLength(1);
  });

  it("does not confirm an expired operation", async () => {
    const ops = prismaOperationStore(store.prisma, redact, "C0NOTIFY");
    const { op } = await ops.create(request("late", { state: "AWAITING_CONFIRMATION", expiresAt: new Date(Date.now() - 1000) }), audit);
    expect(await ops.transition(op.id, ["AWAITING_CONFIRMATION"], "CONFIRMED", {}, audit, { unexpiredAt: new Date() })).toBeNull();
    expect(await ops.transition(op.id, ["AWAITING_CONFIRMATION"], "EXPIRED", {}, { ...audit, action: "operation.expired" })).toMatchObject({
      state: "EXPIRED",
    });
  });

  it("writes the connection with the verifying transition, and refuses foreign ids", async () => {
    const ops = prismaOperationStore(store.prisma, redact, "C0NOTIFY");
    const connections = prismaConnectionStore(store.prisma);
    const { op } = await ops.create(request("conn", { state: "APPLYING" }), audit);
    const now = new Date();
    const connection = {
      account: op.account,
      state: "CONNECTED" as const,
      hostname: "ghe.acme.test",
      ghesVersion: "3.19.0",
      customerName: "Acme",
      licensePublicKey: null,
      licenseFingerprint: null,
      changedBy: alice,
      changedAt: now,
      lastVerifiedAt: now,
      operationId: op.id,
      threadKey: null,
    };
    expect(
      await ops.transition(
        op.id,
        ["APPLYING"],
        "VERIFIED",
        { verifiedAt: now },
        { ...audit, action: "operation.verified" },
        { connection },
      ),
    ).toMatchObject({ state: "VERIFIED" });
    expect(await connections.get(op.account)).toMatchObject({ state: "CONNECTED", hostname: "ghe.acme.test", operationId: op.id });
    expect(await ops.get("not-a-uuid")).toBeNull();
    expect(await ops.get("00000000-0000-4000-8000-000000000000")).toBeNull();
  });
});
