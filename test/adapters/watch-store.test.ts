import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "../../src/adapters/store/open-store.ts";
import { prismaOutboxQueue, writeNotices } from "../../src/adapters/store/prisma-outbox.ts";
import { prismaWatchStore } from "../../src/adapters/store/prisma-watch-store.ts";
import type { Notice } from "../../src/core/domain/notice.ts";
import type { WatchCommit } from "../../src/core/watch/watch-ports.ts";
import { emptyWatchState } from "../../src/core/watch/watch-state.ts";
import { redact } from "../../src/log/redact.ts";
import { createTestDatabaseOf, databaseKinds, type TestDatabase } from "../support/test-database.ts";

const T0 = Date.parse("2026-11-27T10:00:00Z");
const at = (seconds: number) => new Date(T0 + seconds * 1000);
const notice = (key: string, thread: string | null = null, over: Partial<Notice> = {}): Notice => ({
  key,
  thread,
  message: { kind: "watch.recovered", sources: [key] },
  ...over,
});
const commit = (notices: Notice[] = [], cursorAt = 1): WatchCommit => ({
  state: { ...emptyWatchState(), cursor: { at: cursorAt, seen: [] } },
  audit: [{ action: "connect.test", decision: "ok" }],
  notices,
  connections: [],
  late: [],
});

describe.each(databaseKinds())("watch lease and outbox on %s", (kind) => {
  let db: TestDatabase;
  let store: Store;
  let second: Store;
  beforeAll(async () => {
    db = await createTestDatabaseOf(kind);
    store = await openStore(db.target);
    second = kind === "postgres" ? await openStore(db.target) : store;
  });
  afterAll(async () => {
    if (second !== store) await second?.close();
    await store?.close();
    await db?.drop();
  });

  it("gives the lease to one holder; another takes it only once it expired, with a new fence that stops the old one", async () => {
    const a = prismaWatchStore(store.prisma, redact, "C0NOTIFY");
    const b = prismaWatchStore(second.prisma, redact, "C0NOTIFY");
    const leaseA = await a.acquire("replica-a", at(0), 90_000);
    expect(leaseA).not.toBeNull();
    expect(await b.acquire("replica-b", at(30), 90_000)).toBeNull();
    const renewed = await a.acquire("replica-a", at(60), 90_000);
    expect(renewed?.fence).toBe(leaseA?.fence);
    // replica-a stops renewing (paused, or dead): after the lease runs out, replica-b takes over.
    expect(await b.acquire("replica-b", at(149), 90_000)).toBeNull();
    const leaseB = await b.acquire("replica-b", at(151), 90_000);
    expect(leaseB?.fence).toBe((renewed?.fence ?? 0n) + 1n);
    // The paused holder wakes up and tries to commit its pass: nothing is written.
    expect(await a.commit(renewed as NonNullable<typeof renewed>, commit([notice("from-a")], 111), at(152), 90_000)).toBe(false);
    expect(await b.commit(leaseB as NonNullable<typeof leaseB>, commit([notice("from-b")], 222), at(152), 90_000)).toBe(true);
    const loaded = await a.load();
    expect(loaded.state.cursor?.at).toBe(222);
    expect(loaded.holder).toBe("replica-b");
    const keys = await store.sql.query<{ dedupe_key: string }>("SELECT dedupe_key FROM outbox_messages WHERE dedupe_key LIKE 'from-%'");
    expect(keys.map((k) => k.dedupe_key)).toEqual(["from-b"]);
    // A released lease is free at once.
    await b.release(leaseB as NonNullable<typeof leaseB>);
    expect(await a.acquire("replica-a", at(153), 90_000)).not.toBeNull();
  });

  it("delivers strictly oldest first, one sender at a time, edits a coalesced one, and gives up only for good", async () => {
    // Only this test's notices: what earlier tests queued is marked delivered first.
    await store.sql.exec("UPDATE outbox_messages SET delivered_revision = revision");
    await store.prisma.$transaction((tx) =>
      writeNotices(
        tx,
        [
          notice("parent", "thread-1"),
          notice("child", "thread-1"),
          notice("alone"),
          notice("parent", "thread-1"),
          notice("day", "thread-1", { replace: true }),
        ],
        "C0NOTIFY",
        at(0),
      ),
    );
    const q1 = prismaOutboxQueue(store.prisma);
    const q2 = prismaOutboxQueue(second.prisma);
    const until = at(60);
    const first = await q1.claim("s1", at(1), until);
    expect(first?.message).toMatchObject({ sources: ["parent"] });
    // Another sender waits: nothing overtakes the oldest.
    expect(await q2.claim("s2", at(1), until)).toBeNull();
    await q1.delivered(first as NonNullable<typeof first>, "s1", "100.1", at(2));
    const child = await q2.claim("s2", at(3), until);
    expect(child).toMatchObject({ threadTs: "100.1", message: { sources: ["child"] } });
    // Slack fails: the whole channel waits for the retry, so a later notice cannot arrive before it.
    await q2.failed(child as NonNullable<typeof child>, "s2", "fake_http_error", at(10));
    expect(await q1.claim("s1", at(5), until)).toBeNull();
    const retried = await q1.claim("s1", at(11), until);
    expect(retried).toMatchObject({ attempts: 1, message: { sources: ["child"] } });
    await q1.delivered(retried as NonNullable<typeof retried>, "s1", "100.2", at(12));
    const alone = await q1.claim("s1", at(12), until);
    expect(alone?.message).toMatchObject({ sources: ["alone"] });
    // Refused for good (the bot was removed from the channel): recorded, and no longer holding the others.
    await q1.giveUp(alone as NonNullable<typeof alone>, "s1", "not_in_channel", at(12));
    const day = await q1.claim("s1", at(13), until);
    expect(day?.message).toMatchObject({ sources: ["day"] });
    await q1.delivered(day as NonNullable<typeof day>, "s1", "100.3", at(13));
    // A coalesced notice: the same key again edits the delivered message (same ts, next revision).
    await store.prisma.$transaction((tx) =>
      writeNotices(
        tx,
        [notice("day", "thread-1", { replace: true, message: { kind: "watch.recovered", sources: ["day-2"] } })],
        "C0NOTIFY",
        at(14),
      ),
    );
    const edit = await q2.claim("s2", at(15), until);
    expect(edit).toMatchObject({ ts: "100.3", revision: 2, message: { sources: ["day-2"] } });
    await q2.delivered(edit as NonNullable<typeof edit>, "s2", "100.3", at(16));
    expect(await q1.backlog()).toEqual({ waiting: 0, oldest: null, lastError: "not_in_channel", givenUp: 1 });
    expect(await q1.claim("s1", at(100), at(160))).toBeNull();
  });
});
