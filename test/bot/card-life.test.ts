import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardAt, click } from "../support/cards.ts";
import { eventually } from "../support/eventually.ts";
import { ensureConnected, ghesEvent, OP_ENV, requestCard, setUpAdmins } from "../support/operations-setup.ts";
import { startTestBot, type TestBot } from "../support/start-test-bot.ts";

// Slack renders these in each reader's own time zone.
const DATE = /<!date\^\d+\^[^|]+\|[^>]+>/;
const permalink = (channel: string, ts: string) => `https://fake-workspace.slack.com/archives/${channel}/p${ts.replace(".", "")}`;

const shown = (t: TestBot, ts: string) => {
  const card = cardAt(t, ts);
  if (!card) throw new Error(`no card at ${ts}`);
  return card;
};

describe("the card's life: its header, colour and who did what follow the operation to its end", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot(OP_ENV);
    await setUpAdmins(t);
  });
  afterAll(async () => {
    t.github.assertClean();
    t.slack.assertClean();
    await t?.stop();
  });

  it("says a self-approval as such, turns green when verified, and links card and announcement both ways", async () => {
    const card = await requestCard(t, "UA");
    const asked = shown(t, card.ts);
    expect(asked.colour).toBe("#1264A3");
    expect(asked.text).toMatch(new RegExp(`Requested by <@UA> · ${DATE.source}`));

    expect(await click(t, "UA", "op-confirm", card.operationId)).toContain("Confirmed.");
    const waiting = await t.slack.waitFor(() => (shown(t, card.ts).header.startsWith("⏳") ? shown(t, card.ts) : undefined));
    expect(waiting.text).toMatch(new RegExp(`Confirmed by <@UA>, who requested it \\(self-approval\\) · ${DATE.source}`));

    ghesEvent(t, "dotcom_connection.create");
    const announcement = await t.slack.waitFor(() =>
      t.slack.calls.find((c) => c.method === "chat.postMessage" && c.ts && String(c.args.text).includes("is now connected")),
    );
    // The announcement links to the card; the card, once the announcement is out, links back.
    expect(String(announcement.args.text)).toContain(`<${permalink("C0WORK", card.ts)}|See the card>`);
    const done = await t.slack.waitFor(() => (shown(t, card.ts).text.includes("See the announcement") ? shown(t, card.ts) : undefined));
    expect(done.text).toContain(`<${permalink("C0NOTIFY", announcement.ts as string)}|See the announcement>`);
    expect(done.header).toBe("✅ 127.0.0.1 is connected to GitHub Enterprise Cloud");
    expect(done.colour).toBe("#2EB67D");
    expect(done.live).toBe(false);
    expect(done.text).toMatch(new RegExp(`Requested by <@UA> · ${DATE.source}`));
    expect(done.text).toMatch(new RegExp(`Verified in GitHub's records · ${DATE.source}`));
  });

  it("stops waiting for the GHES click on request, says what that cannot undo, and still verifies a click seen later", async () => {
    await ensureConnected(t);
    const card = await requestCard(t, "UB", "disable org acme");
    expect(await click(t, "UA", "op-confirm", card.operationId)).toContain("Confirmed.");
    const waiting = await t.slack.waitFor(() => (shown(t, card.ts).live ? shown(t, card.ts) : undefined));
    expect(waiting.text).toMatch(new RegExp(`Confirmed by <@UA> · ${DATE.source}`));
    const stop = waiting.buttons[0];
    expect(stop?.action_id).toBe("op-stop");
    expect(JSON.stringify(stop?.confirm)).toContain("It cannot undo a click already made in GHES");

    // The admin clicks in GHES now; GitHub's records will show it only after the wait is stopped.
    // (The events stamped so far lie up to a second ahead of now: this click comes after them.)
    t.clock.advance(2000);
    const clickedAt = t.clock.now().getTime();
    // Carol could not confirm, so she cannot stop it either; Bob, who asked, can.
    expect(await click(t, "UC", "op-stop", card.operationId)).toContain("You may not stop the wait for this operation:");
    expect(await click(t, "UB", "op-stop", card.operationId)).toContain("This does not undo a click already made there");
    const stopped = await t.slack.waitFor(() => (shown(t, card.ts).header.startsWith("⏹") ? shown(t, card.ts) : undefined));
    expect(stopped.header).toBe("⏹ Stopped waiting: disconnecting 127.0.0.1 from GitHub Enterprise Cloud");
    expect(stopped.colour).toBe("#E01E5A");
    expect(stopped.live).toBe(false);
    expect(stopped.text).toMatch(new RegExp(`<@UB> stopped the wait · ${DATE.source}`));

    // The click made before the stop reaches GitHub's records: the stopped operation is verified late.
    t.github.state.ghes.addAuditEvent({ action: "dotcom_connection.destroy", actor: "alice", "@timestamp": clickedAt });
    await t.slack.waitFor(() =>
      t.slack.calls.find((c) => c.method === "chat.postMessage" && String(c.args.text).includes("Late confirmation")),
    );
    await eventually("the operation verified late", async () => {
      const [row] = await t.bot.store.sql.query<{ state: string }>("SELECT state FROM operations WHERE id = $1", [card.operationId]);
      return row?.state === "VERIFIED" ? true : undefined;
    });
  });

  it("keeps who cancelled, and whose newer request superseded a card, in grey", async () => {
    const cancelled = await requestCard(t, "UA");
    await click(t, "UB", "op-cancel", cancelled.operationId);
    const c = await t.slack.waitFor(() => (shown(t, cancelled.ts).text.includes("Cancelled by") ? shown(t, cancelled.ts) : undefined));
    expect(c.text).toMatch(new RegExp(`Cancelled by <@UB> · ${DATE.source}`));
    expect(c.header).toBe("Not started: connecting 127.0.0.1 to GitHub Enterprise Cloud");
    expect(c.colour).toBe("#868686");

    const older = await requestCard(t, "UA");
    await requestCard(t, "UB");
    const s = await t.slack.waitFor(() => (shown(t, older.ts).text.includes("Superseded by") ? shown(t, older.ts) : undefined));
    expect(s.text).toMatch(new RegExp(`Superseded by a newer request from <@UB> · ${DATE.source}`));
    expect(s.colour).toBe("#868686");
  });
});
