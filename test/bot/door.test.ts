import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allTables } from "../support/link-user.ts";
import { SIGNING_SECRET, startTestBot, TEAM, type TestBot } from "../support/start-test-bot.ts";

const FORM = "application/x-www-form-urlencoded";
const now = () => Math.floor(Date.now() / 1000);
const signed = (body: string, ts = now(), suffix = "", contentType = FORM) => ({
  "content-type": contentType,
  "x-slack-request-timestamp": String(ts),
  "x-slack-signature": `v0=${createHmac("sha256", SIGNING_SECRET).update(`v0:${ts}:${body}`).digest("hex")}${suffix}`,
});
const interaction = (payload: string) => new URLSearchParams({ payload }).toString();

let t: TestBot;
const post = (body: string, headers: Record<string, string>) => t.sender.raw(body, headers);

describe("whatever arrives at the door", () => {
  const helpWorks = async () => expect((await t.command("help", "U1")).text).toContain("ghconnect");
  beforeAll(async () => {
    t = await startTestBot();
    t.slack.addUser({ id: "U1", team_id: TEAM, locale: "en-US" });
  });
  afterAll(async () => {
    t.slack.assertClean();
    await t?.stop();
  });

  it("answers a signed payload of a shape Bolt does not expect with 400, logs it, and keeps serving", async () => {
    const shapes = [
      "null",
      "1",
      '"text"',
      "[]",
      "{}",
      "not json",
      '{"type":"block_actions"}',
      '{"type":"block_actions","actions":[],"user":{"id":"U1"}}',
      '{"type":"block_actions","actions":[{"action_id":"op-confirm","value":"x"}],"user":null}',
    ];
    for (const payload of shapes) {
      const body = interaction(payload);
      const response = await post(body, signed(body));
      expect(response.status, payload).toBe(400);
    }
    expect(t.logLines.filter((l) => l.includes("door: 400")).length).toBe(shapes.length);
    await helpWorks();
  });

  it("refuses a timestamp in the future as it refuses an old one, and a signature with anything after the hex", async () => {
    const body = new URLSearchParams({
      command: "/ghconnect",
      text: "help",
      user_id: "U1",
      team_id: TEAM,
      response_url: t.slack.newResponseUrl(),
    }).toString();
    // A minute from the 5-minute edge either way: the door reads its clock a little after `now()` here, on a busy
    // machine maybe a second or more later, and a test must not depend on that.
    for (const [ts, suffix] of [
      [now() + 360, ""],
      [now() + 86_400, ""],
      [now() + 315_360_000, ""],
      [now() - 360, ""],
      [now(), "00"],
      [now(), " extra"],
      [now(), "\u00e9"],
    ] as const) {
      expect((await post(body, signed(body, ts, suffix))).status, `${ts - now()} s, '${suffix}'`).toBe(401);
    }
    const uppercase = signed(body);
    uppercase["x-slack-signature"] = uppercase["x-slack-signature"].toUpperCase();
    expect((await post(body, uppercase)).status).toBe(401);
    // Within the window on either side, a valid signature passes.
    expect((await post(body, signed(body, now() + 240))).status).toBe(200);
    expect((await post(body, signed(body, now() - 240))).status).toBe(200);
  });

  it("answers at once what it has no listener for, and a repeated form field with 400", async () => {
    const kinds = [
      '{"type":"view_submission","view":{"callback_id":"x"},"user":{"id":"U1"}}',
      '{"type":"shortcut","callback_id":"x","user":{"id":"U1"}}',
      '{"type":"block_actions","actions":[{"action_id":"no-such-button","type":"button"}],"user":{"id":"U1"},"team":{"id":"T"}}',
    ];
    for (const payload of kinds) {
      const body = interaction(payload);
      const response = await post(body, signed(body));
      expect(response.status, payload).toBe(200);
    }
    const event = JSON.stringify({
      type: "event_callback",
      team_id: TEAM,
      event: { type: "reaction_added", user: "U1" },
      event_id: "Ev1",
      event_time: 1,
    });
    expect((await post(event, signed(event, now(), "", "application/json"))).status).toBe(200);
    const other = new URLSearchParams({
      command: "/other",
      text: "x",
      user_id: "U1",
      team_id: TEAM,
      response_url: t.slack.newResponseUrl(),
    }).toString();
    expect((await post(other, signed(other))).status).toBe(200);
    const twice = `${new URLSearchParams({ command: "/ghconnect", text: "help", user_id: "U1", team_id: TEAM })}&text=enable%20acme`;
    expect((await post(twice, signed(twice))).status).toBe(400);
    // None of these waited for Bolt's 3-second "not acknowledged" timer.
    expect(t.logLines.some((l) => l.includes("not acknowledged"))).toBe(false);
    await helpWorks();
  });
});

describe("every command is recorded, whatever its text", () => {
  beforeAll(async () => {
    t = await startTestBot();
    t.slack.addUser({ id: "U1", team_id: TEAM, locale: "en-US" });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("keeps a NUL, a cut through an emoji and other controls in the audit trail, and never answers with an internal error", async () => {
    const texts = ["whoami \u0000acme", `whoami ${"a".repeat(192)}😀😀😀`, "enable \u0001\u007f acme", "whoami \ud800 lone", "\u0000"];
    for (const text of texts) {
      const answer = await t.command(text, "U1");
      expect(answer.text, JSON.stringify(text)).not.toContain("Something failed inside ghconnect");
    }
    const rows = await t.bot.store.sql.query<{ target: string }>(
      "SELECT target FROM audit_events WHERE action = 'command.invalid' ORDER BY id",
    );
    expect(rows).toHaveLength(texts.length);
    expect(rows[0]?.target).toBe("whoami \\u0000acme");
    expect(Array.from(rows[1]?.target ?? "")).toHaveLength(200);
    expect(rows[1]?.target.endsWith("😀")).toBe(true);
    expect(rows[3]?.target).toBe("whoami \ufffd lone");
  });

  it("refuses a pasted token or configured secret with a warning to revoke it, and never stores or echoes it", async () => {
    const secrets = [
      "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
      "xoxb-1234567890-abcdefghijkl",
      SIGNING_SECRET,
      "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz",
    ];
    for (const secret of secrets) {
      const answer = await t.command(`enable ${secret}`, "U1");
      expect(answer.text).toContain("looked like a token or a secret");
      expect(answer.text).toContain("revoke it");
      expect(answer.text).not.toContain(secret);
    }
    const stored = JSON.stringify(await allTables(t));
    const said = JSON.stringify([t.slack.calls, t.slack.responses]);
    for (const secret of secrets) {
      for (const text of [stored, said, t.logLines.join("\n")]) expect(text).not.toContain(secret);
    }
    const refused = await t.bot.store.sql.query("SELECT target FROM audit_events WHERE reason = 'SECRET_IN_INPUT'");
    expect(refused).toEqual(secrets.map(() => ({ target: "[redacted]" })));
  });
});

describe("replays and Slack's retries", () => {
  beforeAll(async () => {
    t = await startTestBot();
    t.slack.addUser({ id: "U1", team_id: TEAM, locale: "en-US" });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("a signed request sent again is acknowledged and does nothing a second time", async () => {
    const responseUrl = t.slack.newResponseUrl();
    const id = responseUrl.split("/").pop();
    const body = new URLSearchParams({
      command: "/ghconnect",
      text: "help",
      user_id: "U1",
      team_id: TEAM,
      trigger_id: "111.222.replayed",
      response_url: responseUrl,
    }).toString();
    const headers = signed(body);
    expect((await post(body, headers)).status).toBe(200);
    await t.slack.waitFor(() => t.slack.responses.find((r) => r.id === id));
    expect((await post(body, headers)).status).toBe(200);
    // Re-signed later with the same trigger: still the same interaction.
    expect((await post(body, signed(body, now() + 1))).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(t.slack.responses.filter((r) => r.id === id)).toHaveLength(1);
    const rows = await t.bot.store.sql.query("SELECT id FROM audit_events WHERE action = 'command.help'");
    expect(rows).toHaveLength(1);
  });

  it("an event Slack retries is handled once", async () => {
    const event = JSON.stringify({
      type: "event_callback",
      team_id: TEAM,
      api_app_id: "A0TEST",
      event: { type: "app_home_opened", user: "U1", tab: "home", channel: "D0HOME" },
      event_id: "EvRetry",
      event_time: 1,
    });
    expect((await post(event, signed(event, now(), "", "application/json"))).status).toBe(200);
    await t.slack.waitFor(() => t.slack.calls.find((c) => c.method === "views.publish"));
    const retry = { ...signed(event, now() + 2, "", "application/json"), "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" };
    expect((await post(event, retry)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(t.slack.calls.filter((c) => c.method === "views.publish")).toHaveLength(1);
  });

  it("two different link commands at once from one user start one sign-in", async () => {
    const [a, b] = await Promise.all([t.command("link ghes", "U1"), t.command("link ghes", "U1")]);
    const texts = [a.text, b.text];
    expect(texts.filter((x) => x.includes("already waiting"))).toHaveLength(1);
    expect(t.github.requests.filter((r) => r.path === "/login/device/code")).toHaveLength(1);
  });
});
