import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandRequests } from "../support/notices.ts";
import { startTestBot, TEAM, type TestBot } from "../support/start-test-bot.ts";

describe("the bot's Slack edge", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
    t.slack.addUser({ id: "U1", team_id: TEAM, locale: "en-US" });
    t.slack.addUser({ id: "UJA", team_id: TEAM, locale: "ja-JP" });
    t.slack.addUser({ id: "UGUEST", team_id: TEAM, is_restricted: true });
    t.slack.addUser({ id: "USINGLE", team_id: TEAM, is_ultra_restricted: true });
    t.slack.addUser({ id: "UGONE", team_id: TEAM, deleted: true });
  });
  afterAll(async () => {
    t.github.assertClean();
    t.slack.assertClean();
    await t?.stop();
  });

  it("answers /healthz once it can serve", async () => {
    const response = await fetch(`http://127.0.0.1:${t.bot.port}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("ok");
  });

  it("refuses a forged signature and a stale timestamp without running anything", async () => {
    const before = t.slack.calls.length;
    const body = new URLSearchParams({
      command: "/ghconnect",
      text: "help",
      user_id: "U1",
      team_id: TEAM,
      response_url: t.slack.newResponseUrl(),
    }).toString();
    const forged = await t.sender.raw(body, {
      "x-slack-signature": `v0=${"0".repeat(64)}`,
      "x-slack-request-timestamp": String(Math.floor(Date.now() / 1000)),
    });
    expect(forged.status).toBe(401);
    const stale = await t.sender.raw(body, t.sender.sign(body, Math.floor(Date.now() / 1000) - 600));
    expect(stale.status).toBe(401);
    expect(t.slack.calls.length).toBe(before);
  });

  it("acks before any GitHub call and before any slow work", async () => {
    const requestsBefore = commandRequests(t);
    const release = t.slack.hold("users.info");
    const responseUrl = t.slack.newResponseUrl();
    const response = await t.sender.command({ text: "whoami acme", user_id: "U1", team_id: TEAM, response_url: responseUrl });
    // users.info is still held, so the bot cannot have reached GitHub, yet Slack already has its ack.
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
    expect(commandRequests(t)).toBe(requestsBefore);
    release();
    const id = responseUrl.split("/").pop();
    await t.slack.waitFor(() => t.slack.responses.find((r) => r.id === id));
  });

  it("shows help generated from the command list, in the user's language", async () => {
    const en = await t.command("help");
    for (const usage of [
      "link ghes|cloud",
      "unlink [ghes|cloud]",
      "whoami",
      "enable [org|enterprise] <slug>",
      "disable",
      "status",
      "audit [<n>]",
    ]) {
      expect(en.text).toContain(usage);
    }
    // The path comes first: link both sides, check live, enable (the card is for the whole channel to see).
    const path = ["/ghconnect link ghes", "/ghconnect link cloud", "/ghconnect whoami acme", "/ghconnect enable acme"];
    const at = path.map((step) => en.text.indexOf(step));
    expect(at.every((i, k) => i >= 0 && (k === 0 || i > (at[k - 1] as number)))).toBe(true);
    expect(en.text).toContain("the confirmation card is posted in this channel, for everyone here to see");
    const ja = await t.command("", "UJA");
    expect(ja.text).toContain("はじめに");
    expect(ja.text).toContain("確認カードがこのチャンネルに投稿され、ここにいる全員に見えます");
    expect(ja.text).toContain("/ghconnect enable [org|enterprise] <slug>");
  });

  it("explains unknown commands and bad arguments with the usage line and a suggestion", async () => {
    const unknown = await t.command("enabel acme");
    expect(unknown.text).toContain("I don't know the command `enabel`");
    expect(unknown.text).toContain("Did you mean `/ghconnect enable [org|enterprise] <slug>`?");
    const missing = await t.command("enable");
    expect(missing.text).toContain("Usage: `/ghconnect enable [org|enterprise] <slug>`");
    expect(unknown.text).toContain("See `/ghconnect help`");
    const slug = await t.command("enable -acme-");
    expect(slug.text).toContain("not a valid account name");
    expect(slug.text).toContain("Usage: `/ghconnect enable [org|enterprise] <slug>`");
    const long = await t.command(`whoami ${"a".repeat(250)}`);
    expect(long.text).toContain("longer than 200 characters");
    expect(long.text).toContain("See `/ghconnect help`");
    const ja = await t.command("enabel acme", "UJA");
    expect(ja.text).toContain("`enabel` というコマンドはありません");
  });

  it("refuses enable and disable for an unlinked user, saying which sides are missing, and records the refusal", async () => {
    const enable = await t.command("enable org acme");
    expect(enable.text).toContain("⛔ You may not connect this server to the organization *acme*. Nothing was started.");
    expect(enable.text).toContain("not linked. Run `/ghconnect link ghes` first.");
    const disable = await t.command("disable enterprise acme");
    expect(disable.text).toContain("disconnect this server from the enterprise *acme*");
    const rows = await t.bot.store.sql.query<{ state: string; reason: string }>(
      "SELECT state, reason FROM operations WHERE account_slug = 'acme' ORDER BY created_at",
    );
    expect(rows).toEqual([
      { state: "DENIED", reason: "not_authorized" },
      { state: "DENIED", reason: "not_authorized" },
    ]);
  });

  it("answers status with nothing recorded, and keeps the audit log for GHES site admins", async () => {
    expect((await t.command("status")).text).toContain("No connection is recorded and no operation is in flight.");
    expect((await t.command("audit 5")).text).toContain("Only a GHES site administrator");
  });

  it.each([
    ["UGUEST", "Guest accounts cannot use ghconnect."],
    ["USINGLE", "Guest accounts cannot use ghconnect."],
    ["UGONE", "This Slack account is deactivated."],
  ])("refuses %s before any GitHub call", async (user, words) => {
    const before = commandRequests(t);
    const answer = await t.command("whoami acme", user);
    expect(answer.text).toBe(words);
    expect(commandRequests(t)).toBe(before);
  });

  it("says so when Slack cannot tell who the user is, and does nothing else", async () => {
    t.slack.fail("users.info", { error: "ratelimited" });
    const before = commandRequests(t);
    const answer = await t.command("link ghes");
    expect(answer.text).toContain("Slack did not tell me who you are (ratelimited)");
    expect(commandRequests(t)).toBe(before);
  });

  it("records every command, accepted or refused, before answering", async () => {
    // Its own commands, so it also runs alone: accepted, refused words, a refused guest, a refused slug.
    for (const [text, user] of [
      ["help", "U1"],
      ["enabel acme", "U1"],
      ["enable org acme", "U1"],
      ["whoami acme", "UGUEST"],
      ["enable -acme-", "U1"],
    ] as const) {
      await t.command(text, user);
    }
    const rows = await t.bot.store.sql.query<{ action: string; decision: string; reason: string | null; actor_user: string }>(
      "SELECT action, decision, reason, actor_user FROM audit_events ORDER BY id",
    );
    const actions = rows.map((r) => `${r.action}:${r.decision}`);
    expect(actions).toContain("command.help:ok");
    expect(actions).toContain("command.invalid:denied");
    expect(actions).toContain("command.enable:ok");
    expect(rows.find((r) => r.actor_user === "UGUEST")).toMatchObject({
      action: "command.whoami",
      decision: "denied",
      reason: "SLACK_USER_GUEST",
    });
    expect(rows.find((r) => r.action === "command.invalid" && r.reason === "SLUG_INVALID")).toBeDefined();
  });
});
