/** The floor for the burst: a Bolt 5 app in its own process that acks `/ghconnect` and does nothing else. */
import { App, LogLevel } from "@slack/bolt";

const app = new App({
  token: "xoxb-bare",
  signingSecret: process.env.SLACK_SIGNING_SECRET ?? "",
  botId: "B1",
  botUserId: "U0",
  logLevel: LogLevel.ERROR,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL, retryConfig: { retries: 0 } },
  customRoutes: [{ path: "/healthz", method: ["GET"], handler: (_req, res) => res.writeHead(200).end("ok") }],
});
app.command("/ghconnect", async ({ ack }) => ack());
const server = (await app.start(0)) as { address(): { port: number } };
process.stderr.write(`bare bolt ready, health on :${server.address().port}/healthz\n`);
process.on("SIGTERM", () => void app.stop().then(() => process.exit(0)));
