import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, TEAM, type TestBot, textOf } from "../support/start-test-bot.ts";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("Socket Mode", () => {
  let t: TestBot;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    t = await startTestBot({ SLACK_SIGNING_SECRET: "", SLACK_APP_TOKEN: "xapp-1-A0TEST-socket", PORT: String(port) });
    t.slack.addUser({ id: "U1", team_id: TEAM, locale: "en-US" });
  });
  afterAll(async () => {
    t.slack.assertClean();
    await t?.stop();
  });

  it("connects with the app-level token and answers a slash command sent over the socket", async () => {
    await t.socket?.connected();
    expect(t.slack.calls.find((c) => c.method === "apps.connections.open")?.token).toBe("xapp-1-A0TEST-socket");
    const responseUrl = t.slack.newResponseUrl();
    const ack = await t.socket?.deliver("slash_commands", {
      command: "/ghconnect",
      text: "help",
      user_id: "U1",
      team_id: TEAM,
      channel_id: "C0WORK",
      response_url: responseUrl,
      trigger_id: "1.2.3",
    });
    expect(ack?.envelope_id).toBeDefined();
    const id = responseUrl.split("/").pop();
    const answer = await t.slack.waitFor(() => t.slack.responses.find((r) => r.id === id));
    expect(textOf(answer.body)).toContain("/ghconnect link ghes|cloud");
  });

  it("runs a command Slack delivers twice (same trigger_id) once", async () => {
    const responseUrl = t.slack.newResponseUrl();
    const command = {
      command: "/ghconnect",
      text: "help",
      user_id: "U1",
      team_id: TEAM,
      channel_id: "C0WORK",
      response_url: responseUrl,
      trigger_id: "9.9.9",
    };
    await t.socket?.deliver("slash_commands", command);
    await t.socket?.deliver("slash_commands", command);
    const id = responseUrl.split("/").pop();
    await t.slack.waitFor(() => t.slack.responses.find((r) => r.id === id));
    await t.slack.waitFor(() => (t.logLines.some((l) => l.includes("repeat of a handled request")) ? true : undefined));
    expect(t.slack.responses.filter((r) => r.id === id)).toHaveLength(1);
  });

  it("keeps serving after payloads of shapes Bolt does not expect", async () => {
    const shapes = [
      ["interactive", { type: "block_actions", actions: [{ action_id: "op-confirm", value: "x" }], user: null }],
      ["interactive", { type: "block_actions" }],
      ["interactive", { type: "view_submission", view: { callback_id: "x" }, user: { id: "U1" } }],
      ["events_api", { type: "event_callback", event: null }],
      ["slash_commands", { command: "/ghconnect" }],
      ["slash_commands", { command: "/other", text: "help", user_id: "U1", team_id: TEAM, trigger_id: "8.8.8" }],
    ] as const;
    // Each is acknowledged (Slack would otherwise send it again), logged once, and never reaches Bolt.
    const acks = await Promise.all(shapes.map(([type, payload]) => t.socket?.deliver(type, payload as Record<string, unknown>)));
    expect(acks.every((ack) => typeof ack?.envelope_id === "string")).toBe(true);
    expect(t.logLines.filter((l) => / socket: (200|400) /.test(l))).toHaveLength(shapes.length);
    const responseUrl = t.slack.newResponseUrl();
    await t.socket?.deliver("slash_commands", {
      command: "/ghconnect",
      text: "help",
      user_id: "U1",
      team_id: TEAM,
      channel_id: "C0WORK",
      response_url: responseUrl,
      trigger_id: "7.7.7",
    });
    const id = responseUrl.split("/").pop();
    expect(textOf((await t.slack.waitFor(() => t.slack.responses.find((r) => r.id === id))).body)).toContain("/ghconnect link ghes|cloud");
  });

  it("serves /healthz on PORT in Socket Mode too, and /readyz says the socket to Slack is up", async () => {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(response.status).toBe(200);
    await t.socket?.connected();
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, checks: { serving: "ok", database: "ok", slack: "ok" } });
  });
});
