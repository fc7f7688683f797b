import { describe, expect, it } from "vitest";
import { startTestBot } from "../support/start-test-bot.ts";
import { createDurableTestDatabase } from "../support/test-database.ts";

describe("readiness, for a load balancer", () => {
  it("is ready while the database answers, and says which check fails when it does not (alive all the same)", async () => {
    // A database the bot owns (a data directory), so closing its store really closes it.
    const database = await createDurableTestDatabase({ onDisk: true });
    const t = await startTestBot({}, { database });
    try {
      const url = (path: string) => `http://127.0.0.1:${t.bot.port}${path}`;
      const ready = await fetch(url("/readyz"));
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ ready: true, checks: { serving: "ok", database: "ok", slack: "ok" } });
      // The database goes away under the bot (its store closed): not ready, but still alive.
      await t.bot.store.close();
      const gone = await fetch(url("/readyz"));
      expect(gone.status).toBe(503);
      const body = (await gone.json()) as { ready: boolean; checks: Record<string, string> };
      expect(body.ready).toBe(false);
      expect(body.checks.database).not.toBe("ok");
      expect(body.checks.serving).toBe("ok");
      expect((await fetch(url("/healthz"))).status).toBe(200);
    } finally {
      await t.stop().catch(() => {});
      await database.drop();
    }
  });
});
