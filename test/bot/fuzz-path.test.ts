import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandText, tryCommand } from "../support/fuzz-inputs.ts";
import { startTestBot, TEAM, type TestBot } from "../support/start-test-bot.ts";

describe("the slash-command path, fuzzed", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
    t.slack.addUser({ id: "UF", team_id: TEAM, locale: "en-US" });
  });
  afterAll(async () => {
    t.slack.assertClean();
    await t?.stop();
  });

  it("answers every input with 200 and a reply, never an internal error, and records every command", async () => {
    await fc.assert(
      fc.asyncProperty(commandText(), async (text) => {
        const outcome = await tryCommand({ slack: t.slack, sender: t.sender, sql: t.bot.store.sql, team: TEAM }, text);
        // A connection reset before the bot read the request is sent again (tryCommand); the outcome is what counts.
        expect({ status: outcome.status, internal: outcome.internal, recorded: outcome.recorded }).toEqual({
          status: 200,
          internal: false,
          recorded: true,
        });
      }),
      { numRuns: 200 },
    );
  }, 300_000);
});
