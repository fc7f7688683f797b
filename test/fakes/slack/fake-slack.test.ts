// Proves the fake Slack + signed sender against a REAL Bolt App over real HTTP.

import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, LogLevel, webApi } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAKE_AUTH, type FakeSlack, startFakeSlack } from "./fake-slack.ts";
import { type SlackSender, slackSender } from "./slack-sender.ts";

const SECRET = "fake-signing-secret";
const TOKEN = "xoxb-fake-token";
const USER = { id: "U0ALICE", team_id: "T0FAKE" };

describe("fake Slack with a real Bolt app", () => {
  let fake: FakeSlack;
  let app: App;
  let sender: SlackSender;
  const commands: string[] = [];
  const actions: Array<{ match: string | undefined; value: string | undefined; updateError?: string }> = [];
  const postErrors: string[] = [];

  beforeAll(async () => {
    fake = await startFakeSlack(); // before the App: its constructor calls auth.test
    fake.addUser({ ...USER, locale: "de-DE", tz: "Europe/Berlin", is_admin: true });
    app = new App({
      token: TOKEN,
      signingSecret: SECRET,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
    });
    app.command("/ghconnect", async ({ command, ack, respond, client }) => {
      await ack();
      commands.push(command.text);
      if (command.text === "oversize") {
        const blocks = [{ type: "section", text: { type: "mrkdwn", text: "x".repeat(3001) } }];
        await client.chat.postMessage({ channel: command.channel_id, text: "big", blocks }).catch((err: unknown) => {
          postErrors.push(err instanceof Error && "data" in err ? String((err.data as { error: string }).error) : String(err));
        });
        return;
      }
      await respond({ text: `hello <@${command.user_id}>` });
      const blocks = [
        { type: "section", text: { type: "mrkdwn", text: `deploy ${command.text}` } },
        {
          type: "actions",
          elements: [{ type: "button", action_id: "approve:req42", text: { type: "plain_text", text: "Approve" }, value: "req42" }],
        },
      ];
      await client.chat.postMessage({ channel: command.channel_id, text: `deploy ${command.text}`, blocks });
    });
    app.action(/^approve:(.+)$/, async ({ ack, action, context, body, client }) => {
      await ack();
      const entry: (typeof actions)[number] = { match: context.actionIdMatches?.[1], value: "value" in action ? action.value : undefined };
      if (body.type === "block_actions" && body.channel && body.message) {
        await client.chat.update({ channel: body.channel.id, ts: body.message.ts, text: "approved" }).catch((err: unknown) => {
          entry.updateError = String(err);
        });
      }
      actions.push(entry);
    });
    app.event("app_home_opened", async ({ event, client }) => {
      await client.views.publish({
        user_id: event.user,
        view: { type: "home", blocks: [{ type: "section", text: { type: "mrkdwn", text: "Home" } }] },
      });
    });
    const server = (await app.start(0)) as Server;
    sender = slackSender(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, SECRET);
  });

  afterAll(async () => {
    await app?.stop();
    await fake?.close();
  });

  it("answers auth.test from the App constructor with the bot token", async () => {
    const call = await fake.waitFor(() => fake.calls.find((c) => c.method === "auth.test"));
    expect(call.token).toBe(TOKEN);
  });

  it("delivers a signed slash command; respond() lands in responses and chat.postMessage is recorded", async () => {
    const responseUrl = fake.newResponseUrl();
    const res = await sender.command({ text: "api prod", user_id: USER.id, team_id: USER.team_id, response_url: responseUrl });
    expect(res.status).toBe(200);
    const response = await fake.waitFor(() => fake.responses.find((r) => responseUrl.endsWith(`/${r.id}`)));
    expect(response.body).toMatchObject({ text: `hello <@${USER.id}>` });
    const post = await fake.waitFor(() => fake.calls.find((c) => c.method === "chat.postMessage" && c.args.text === "deploy api prod"));
    expect(post.token).toBe(TOKEN);
    expect(post.args.channel).toBe("C0FAKE");
    expect(Array.isArray(post.args.blocks)).toBe(true); // JSON string field parsed back
    expect(commands).toContain("api prod");
    fake.assertClean();
  });

  it("rejects a forged signature and a stale timestamp with 401", async () => {
    const body = new URLSearchParams({ command: "/ghconnect", text: "forged", user_id: USER.id, team_id: USER.team_id }).toString();
    const forged = await sender.raw(body, { ...sender.sign(body), "x-slack-signature": `v0=${"0".repeat(64)}` });
    expect(forged.status).toBe(401);
    const wrongSecret = slackSender("http://unused", "another-secret").sign(body);
    expect((await sender.raw(body, wrongSecret)).status).toBe(401);
    const stale = await sender.raw(body, sender.sign(body, Math.floor(Date.now() / 1000) - 301));
    expect(stale.status).toBe(401);
    expect(commands).not.toContain("forged");
  });

  it("gets 400 when a correctly signed form carries a charset (the A1 pitfall the sender avoids)", async () => {
    const body = new URLSearchParams({ command: "/ghconnect", text: "charset", user_id: USER.id, team_id: USER.team_id }).toString();
    const res = await sender.raw(body, { ...sender.sign(body), "content-type": "application/x-www-form-urlencoded; charset=UTF-8" });
    expect(res.status).toBe(400);
    expect(commands).not.toContain("charset");
  });

  it("delivers block_actions to app.action; chat.update works only on posted messages", async () => {
    const posted = await app.client.chat.postMessage({ channel: "C0FAKE", text: "card" });
    const res = await sender.action({
      user: USER,
      actions: [{ action_id: "approve:req42", value: "req42" }],
      response_url: fake.newResponseUrl(),
      channel: { id: "C0FAKE" },
      message: { ts: String(posted.ts) },
    });
    expect(res.status).toBe(200);
    const first = await fake.waitFor(() => actions[0]);
    expect(first).toEqual({ match: "req42", value: "req42" });
    expect(fake.calls.find((c) => c.method === "chat.update")?.args).toMatchObject({ channel: "C0FAKE", ts: posted.ts, text: "approved" });

    await sender.action({
      user: USER,
      actions: [{ action_id: "approve:x" }],
      response_url: fake.newResponseUrl(),
      message: { ts: "1.000001" },
    });
    const second = await fake.waitFor(() => actions[1]);
    expect(second.updateError).toContain("message_not_found");
    fake.assertClean();
  });

  it("records Block Kit violations in unexpected and answers invalid_blocks", async () => {
    await sender.command({ text: "oversize", user_id: USER.id, team_id: USER.team_id, response_url: fake.newResponseUrl() });
    expect(await fake.waitFor(() => postErrors[0])).toBe("invalid_blocks");
    expect(fake.unexpected).toEqual(["chat.postMessage: blocks[0] (section) text is 3001 chars (limit 3000)"]);
    fake.unexpected.length = 0;

    const button = (id: string) => ({
      type: "button" as const,
      action_id: id,
      text: { type: "plain_text" as const, text: "y".repeat(76) },
    });
    await app.client.chat
      .postMessage({ channel: "C1", blocks: [{ type: "actions", elements: [button("a"), button("a")] }] })
      .catch(() => undefined);
    expect(fake.unexpected).toEqual([
      "chat.postMessage: blocks[0].elements[0] (button) text is 76 chars (limit 75)",
      "chat.postMessage: blocks[0].elements[1] (button) text is 76 chars (limit 75)",
      'chat.postMessage: blocks[0] (actions) duplicates action_id "a"',
      "chat.postMessage: message has blocks but no top-level text (fallback)",
    ]);
    fake.unexpected.length = 0;
    expect(() => fake.assertClean()).not.toThrow();
  });

  it("answers users.info with locale only when include_locale=true is sent", async () => {
    const withLocale = await app.client.users.info({ user: USER.id, include_locale: true });
    expect(withLocale.user).toMatchObject({ id: USER.id, locale: "de-DE", tz: "Europe/Berlin", is_admin: true, is_restricted: false });
    expect(fake.calls.at(-1)?.args.include_locale).toBe("true");
    const without = await app.client.users.info({ user: USER.id });
    expect(without.user?.locale).toBeUndefined();
    await expect(app.client.users.info({ user: "U0NOBODY" })).rejects.toMatchObject({ data: { error: "user_not_found" } });
  });

  it("publishes the Home tab on app_home_opened", async () => {
    const res = await sender.event({
      type: "event_callback",
      team_id: USER.team_id,
      api_app_id: "A0FAKEAPP",
      event: { type: "app_home_opened", user: USER.id, channel: "D0ALICE", tab: "home", event_ts: "1700000000.1" },
      event_id: "Ev0001",
      event_time: 1700000000,
    });
    expect(res.status).toBe(200);
    const publish = await fake.waitFor(() => fake.calls.find((c) => c.method === "views.publish"));
    expect(publish.args).toMatchObject({ user_id: USER.id, view: { type: "home" } });
    fake.assertClean();
  });

  it("injects failures: platform errors, 429 with Retry-After, and missing auth", async () => {
    fake.fail("chat.postMessage", { error: "channel_not_found" });
    await expect(app.client.chat.postMessage({ channel: "C1", text: "x" })).rejects.toMatchObject({
      code: webApi.ErrorCode.PlatformError,
      data: { error: "channel_not_found" },
    });
    const strict = new webApi.WebClient(TOKEN, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
    fake.fail("chat.postMessage", { status: 429, retryAfter: 7 });
    await expect(strict.chat.postMessage({ channel: "C1", text: "x" })).rejects.toMatchObject({
      code: webApi.ErrorCode.RateLimitedError,
      retryAfter: 7,
    });
    expect((await strict.chat.postMessage({ channel: "C1", text: "x" })).ok).toBe(true); // failure consumed

    const anonymous = new webApi.WebClient(undefined, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
    await expect(anonymous.auth.test()).rejects.toMatchObject({ data: { error: "not_authed" } });
    expect(fake.unexpected).toEqual(["auth.test: missing or non-bot Authorization bearer token"]);
    fake.unexpected.length = 0;
    expect(FAKE_AUTH.user_id).toMatch(/^U/);
  });
});
