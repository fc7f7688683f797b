/**
 * The burst's load generator, in a process of its own so the fakes' work (Block Kit checks, OpenAPI validation)
 * never sits in the measured ack times. Sends BURST_N signed commands at once to BURST_URL and prints one JSON
 * line: every ack time in ms and the count of answers other than 200. Response URLs are
 * `${BURST_SLACK_API}response/${BURST_RUN}-<i>`, or unusable ones when BURST_RUN is unset.
 */
import { createHmac, randomBytes } from "node:crypto";

const env = (name: string): string => process.env[name] ?? "";
const N = Number(env("BURST_N"));
const TEXTS = ["help", "whoami org acme", "status", "bogus-word"];
const ts = String(Math.floor(Date.now() / 1000));

// Signed before the clock starts: the burst measures the server, not this process's HMACs.
const requests = Array.from({ length: N }, (_, i) => {
  const user = `U${i % 50}`;
  const body = new URLSearchParams({
    token: "x",
    team_id: "T1",
    team_domain: "t",
    channel_id: "C0BURST",
    channel_name: "burst",
    user_id: user,
    user_name: user.toLowerCase(),
    command: "/ghconnect",
    text: TEXTS[i % TEXTS.length] as string,
    api_app_id: "A1",
    is_enterprise_install: "false",
    response_url: `${env("BURST_SLACK_API")}response/${env("BURST_RUN") || "unused"}-${i}`,
    trigger_id: `${Date.now()}.${randomBytes(6).toString("hex")}`,
  }).toString();
  const signature = `v0=${createHmac("sha256", env("BURST_SECRET")).update(`v0:${ts}:${body}`).digest("hex")}`;
  return {
    body,
    headers: { "content-type": "application/x-www-form-urlencoded", "x-slack-signature": signature, "x-slack-request-timestamp": ts },
  };
});

let notOk = 0;
const acks = await Promise.all(
  requests.map(async (r) => {
    const started = performance.now();
    const response = await fetch(env("BURST_URL"), { method: "POST", body: r.body, headers: r.headers });
    const elapsed = performance.now() - started;
    await response.text();
    if (response.status !== 200) notOk++;
    return elapsed;
  }),
);
process.stdout.write(`${JSON.stringify({ acks, notOk })}\n`);
