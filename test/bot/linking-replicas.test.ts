import { describe, expect, it } from "vitest";
import { startTestBot, TEAM } from "../support/start-test-bot.ts";
import { createTestDatabaseOf } from "../support/test-database.ts";

// Two processes can share only a real PostgreSQL; CI runs this with TEST_DATABASE_URL set.
describe.skipIf(!process.env.TEST_DATABASE_URL)("two bot instances on one PostgreSQL", () => {
  it("start one sign-in when one user sends `link ghes` to both at once, and a new one once it ended", async () => {
    const db = await createTestDatabaseOf("postgres");
    const a = await startTestBot({}, { database: db });
    const b = await startTestBot({}, { database: db, github: a.github, slack: a.slack });
    try {
      a.slack.addUser({ id: "U1", team_id: TEAM, locale: "en-US" });
      const deviceCodes = () => a.github.requests.filter((r) => r.path === "/login/device/code").length;
      const [first, second] = await Promise.all([a.command("link ghes", "U1"), b.command("link ghes", "U1")]);
      expect([first.text, second.text].filter((x) => x.includes("already waiting for you"))).toHaveLength(1);
      expect(deviceCodes()).toBe(1);
      // The sign-in ends (denied), which frees the mark for the next attempt, on either instance.
      const started = first.text.includes("already waiting") ? second : first;
      a.github.state.ghes.device.deny(a.github.state.ghes.device.latest()?.userCode as string);
      await a.slack.waitFor(() => a.answers(started.responseId)[1]);
      const again = await b.command("link ghes", "U1");
      expect(again.text).not.toContain("already waiting");
      expect(deviceCodes()).toBe(2);
      a.github.state.ghes.device.deny(a.github.state.ghes.device.latest()?.userCode as string);
      await a.slack.waitFor(() => a.answers(again.responseId)[1]);
    } finally {
      await b.bot.stop();
      await a.stop();
      await db.drop();
    }
  }, 60_000);
});
