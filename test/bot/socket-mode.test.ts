import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEAM, type TestBot, startTestBot, textOf } from "../support/start-test-bot.ts";

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
    const ack = await t.socket?.deliver("slash_commands", { command: "/ghconnect", text: "help", user_id: "U1", team_id: TEAM, channel_id: "C0WORK", response_url: responseUrl, trigger_id: "1.2.3" });
    expect(ack?.envelope_id).toBeDefined();
    const id = responseUrl.split("/").pop();
    const answer = await t.slack.waitFor(() => t.slack.responses.find((r) => r.id === id));
    expect(textOf(answer.body)).toContain("/ghconnect link ghes|cloud");
  });

  it("serves /healthz on PORT in Socket Mode too", async () => {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(response.status).toBe(200);
  });
});
