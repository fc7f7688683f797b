// The floor for footprint figures: a Bolt 5 app that acks `/ghconnect` and answers /healthz, in plain JavaScript
// (no TypeScript loader in the process, so the floor is Bolt's own).
import bolt from "@slack/bolt";

const app = new bolt.App({
  token: "xoxb-bare",
  signingSecret: process.env.SLACK_SIGNING_SECRET ?? "bare",
  botId: "B1",
  botUserId: "U0",
  logLevel: bolt.LogLevel.ERROR,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL, retryConfig: { retries: 0 } },
  customRoutes: [{ path: "/healthz", method: ["GET"], handler: (_req, res) => res.writeHead(200).end("ok") }],
});
app.command("/ghconnect", async ({ ack }) => ack());
const server = await app.start(Number(process.env.PORT ?? 0));
process.stderr.write(`bare bolt ready, health on :${server.address().port}/healthz\n`);
process.on("SIGTERM", () => void app.stop().then(() => process.exit(0)));
