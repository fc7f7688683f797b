import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTokenCipher } from "../../src/adapters/crypto/token-cipher.ts";
import { openStore, type Store } from "../../src/adapters/store/open-store.ts";
import { prismaAuditLog } from "../../src/adapters/store/prisma-audit-log.ts";
import { prismaLinkStore } from "../../src/adapters/store/prisma-link-store.ts";
import { redact } from "../../src/log/redact.ts";
import { createTestDatabaseOf, databaseKinds, type TestDatabase } from "../support/test-database.ts";

const ref = { team: "T1", user: "U1" };
const tokens = {
  accessToken: "ghu_accesstoken_aaaaaaaaaaaa",
  refreshToken: "ghr_refreshtoken_bbbbbbbbbbb",
  accessExpiresAt: new Date("2030-01-01T00:00:00Z"),
  refreshExpiresAt: new Date("2030-06-01T00:00:00Z"),
};

const ALICE_LINK = { ref, side: "GHES" as const, login: "alice", githubUserId: 1, clientId: "Iv1.ghes", ...tokens };

describe.each(databaseKinds())("store on %s", (kind) => {
  let db: TestDatabase;
  let store: Store;
  beforeAll(async () => {
    db = await createTestDatabaseOf(kind);
    store = await openStore(db.target);
  });
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  it("keeps links encrypted at rest, keyed by team, user and side", async () => {
    const links = prismaLinkStore(store.prisma, createTokenCipher(Buffer.alloc(32, 3)));
    await links.save(ALICE_LINK);
    const raw = await store.sql.query<Record<string, unknown>>("SELECT * FROM identity_links");
    expect(raw).toHaveLength(1);
    expect(JSON.stringify(raw)).not.toContain("ghu_accesstoken");
    expect(JSON.stringify(raw)).not.toContain("ghr_refreshtoken");
    const link = await links.get(ref, "GHES");
    expect(link).toMatchObject({ login: "alice", githubUserId: 1, ...tokens });
    expect(await links.get(ref, "CLOUD")).toBeNull();
    expect(await links.get({ team: "T2", user: "U1" }, "GHES")).toBeNull();
  });

  it("lets exactly one of two concurrent refreshes replace the tokens", async () => {
    const links = prismaLinkStore(store.prisma, createTokenCipher(Buffer.alloc(32, 3)));
    await links.save(ALICE_LINK);
    const next = (n: number) => ({ ...tokens, accessToken: `ghu_next${n}_cccccccccccc`, refreshToken: `ghr_next${n}_dddddddddddd` });
    const results = await Promise.all([1, 2].map((n) => links.replaceTokens(ref, "GHES", tokens.refreshToken, next(n))));
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = results[0] ? 1 : 2;
    expect((await links.get(ref, "GHES"))?.refreshToken).toBe(`ghr_next${winner}_dddddddddddd`);
    expect(await links.replaceTokens(ref, "GHES", tokens.refreshToken, next(3))).toBe(false);
  });

  it("removes a link and says whether there was one", async () => {
    const links = prismaLinkStore(store.prisma, createTokenCipher(Buffer.alloc(32, 3)));
    await links.save(ALICE_LINK);
    expect(await links.remove(ref, "GHES")).toBe(true);
    expect(await links.remove(ref, "GHES")).toBe(false);
  });

  it("appends audit events, scrubbed, and refuses to change or delete them", async () => {
    const audit = prismaAuditLog(store.prisma, redact, { channel: "C0NOTIFY", clock: { now: () => new Date(), sleep: async () => {} } });
    await audit.record({ actor: ref, action: "command.whoami", decision: "ok", reason: "saw ghu_leakedtoken_eeeeeeeeee", requestId: "r1" });
    await audit.record({ actor: ref, action: "link.created", target: "GHES:alice", decision: "ok" });
    const latest = await audit.latest(10);
    expect(latest.map((e) => e.action)).toEqual(["link.created", "command.whoami"]);
    expect(latest[1]?.reason).toBe("saw [redacted]");
    await expect(store.sql.exec("UPDATE audit_events SET action = 'x'")).rejects.toThrow(/append-only/);
    await expect(store.sql.exec("DELETE FROM audit_events")).rejects.toThrow(/append-only/);
    expect(await audit.latest(10)).toHaveLength(2);
  });
});
