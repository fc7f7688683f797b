import { describe, expect, it } from "vitest";
import { eventually } from "../support/eventually.ts";
import { notices, noticeVersions, watchPassed, watchRow } from "../support/notices.ts";
import { startTestBot } from "../support/start-test-bot.ts";
import { createTestDatabaseOf } from "../support/test-database.ts";

const WATCH_ENV = { GHES_ENTERPRISE: "ghes-ent", VERIFY_INTERVAL: "100ms" };

// Two processes can share only a real PostgreSQL; CI runs this with TEST_DATABASE_URL set.
describe.skipIf(!process.env.TEST_DATABASE_URL)("two bots on one PostgreSQL", () => {
  it("watch with one lease holder, tell each event once, and take over from a holder that died", async () => {
    const db = await createTestDatabaseOf("postgres");
    const a = await startTestBot(WATCH_ENV, { database: db });
    const b = await startTestBot(WATCH_ENV, { database: db, github: a.github, slack: a.slack });
    const { ghes } = a.github.state;
    try {
      await watchPassed(a);
      const holder = (await watchRow(a))?.holder;
      expect([a.bot.holder, b.bot.holder]).toContain(holder);

      ghes.addAuditEvent({ action: "dotcom_connection.create", actor: "mallory" });
      ghes.addAuditEvent({ action: "dotcom_connection.token_updated", actor: "ghes" });
      ghes.addAuditEvent({ action: "dotcom_connection.token_updated", actor: "ghes" });
      await a.slack.waitFor(
        () => noticeVersions(a, "renewed its credentials").find((c) => String(c.args.text).includes("2 time(s)")),
        15_000,
      );
      ghes.addAuditEvent({ action: "dotcom_connection.destroy", actor: "mallory" });
      await a.slack.waitFor(() => notices(a, "*disabled* in GHES")[0], 15_000);
      // Several more passes by whoever holds the lease: nothing is told twice.
      const pass = await watchPassed(a);
      await watchPassed(a, await watchPassed(a, pass));
      expect(notices(a, "*enabled* in GHES")).toHaveLength(1);
      expect(notices(a, "renewed its credentials")).toHaveLength(1);
      expect(notices(a, "*disabled* in GHES")).toHaveLength(1);
      const audit = await a.bot.store.sql.query<{ action: string }>(
        "SELECT action FROM audit_events WHERE action LIKE 'connect.%' ORDER BY id",
      );
      expect(audit.map((r) => r.action)).toEqual(["connect.create", "connect.token_updated", "connect.token_updated", "connect.destroy"]);

      // The holder dies without releasing (simulated: a holder that never renews, lease 1.5 intervals).
      const before = await watchRow(a);
      await a.bot.store.sql.exec("UPDATE watchers SET holder = 'dead-replica', lease_expires_at = now() + interval '90 seconds'");
      ghes.addAuditEvent({ action: "dotcom_connection.create", actor: "eve" });
      await new Promise((r) => setTimeout(r, 300));
      expect(notices(a, "by *eve*")).toHaveLength(0);
      // Two intervals (60 s each) later, one of the live replicas has taken over, with a new fence.
      a.clock.advance(120_000);
      b.clock.advance(120_000);
      await a.slack.waitFor(() => notices(a, "by *eve*")[0], 15_000);
      const after = await eventually("a live holder", async () => {
        const row = await watchRow(a);
        return row?.holder && row.holder !== "dead-replica" ? row : undefined;
      });
      expect([a.bot.holder, b.bot.holder]).toContain(after.holder);
      expect(BigInt(after.fence)).toBeGreaterThan(BigInt(before?.fence ?? "0"));
      await new Promise((r) => setTimeout(r, 300));
      expect(notices(a, "by *eve*")).toHaveLength(1);
    } finally {
      await b.bot.stop();
      await a.stop();
      await db.drop();
    }
  }, 90_000);
});
