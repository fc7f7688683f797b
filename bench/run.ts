/**
 * `npm run bench`: prints figures; asserts nothing. Everything runs on 127.0.0.1 against the test fakes.
 *  - ack latency of a signed slash command: a bare Bolt app vs ghconnect (which acks before its work)
 *  - throughput: concurrent `help` and `whoami <org>` commands until every reply is posted
 *  - cold start of the bot process (fresh PGlite directory) until /healthz answers
 *  - RSS of this process after the runs
 */

import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, LogLevel } from "@slack/bolt";
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/log/create-logger.ts";
import { startBot } from "../src/start-bot.ts";
import { startScriptFakes } from "../test/fakes/fake-env.ts";
import { slackSender } from "../test/fakes/slack/slack-sender.ts";

const SECRET = "bench-signing-secret";
const N = Number(process.env.BENCH_N ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
const ms = (x: number) => `${x.toFixed(2)} ms`;

/** Time from sending a signed command to its ack. The reply (the work after the ack) is awaited untimed
 * before the next command, so one command's slow work does not sit in the next one's ack. */
async function ackLatency(url: string, awaitReply: boolean): Promise<number[]> {
  const sender = slackSender(url, SECRET);
  const times: number[] = [];
  for (let i = 0; i < N; i++) {
    const responseUrl = slack.newResponseUrl();
    const id = responseUrl.split("/").pop();
    const started = performance.now();
    const response = await sender.command({ text: "help", user_id: "U1", team_id: "T1", response_url: responseUrl });
    await response.text();
    times.push(performance.now() - started);
    if (awaitReply) await slack.waitFor(() => slack.responses.find((r) => r.id === id), 10_000);
  }
  return times;
}

const { slack, github, env } = await startScriptFakes({ name: "bench", signingSecret: SECRET });
slack.addUser({ id: "U1", team_id: "T1", locale: "en-US" });

// A bare Bolt app: ack and nothing else, the floor for any Bolt bot on this machine.
const bare = new App({
  token: "xoxb-bare",
  signingSecret: SECRET,
  botId: "B1",
  botUserId: "U0",
  logLevel: LogLevel.ERROR,
  clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } },
});
bare.command("/ghconnect", async ({ ack }) => ack());
const bareServer = (await bare.start(0)) as { address(): { port: number } };
const bareTimes = await ackLatency(`http://127.0.0.1:${bareServer.address().port}/slack/events`, false);
await bare.stop();

const config = loadConfig(env, () => "");
// BENCH_DATABASE_URL=postgresql://… measures on a PostgreSQL server (a fresh, empty database) instead of PGlite.
const database = process.env.BENCH_DATABASE_URL
  ? ({ kind: "postgres", url: process.env.BENCH_DATABASE_URL } as const)
  : ({ kind: "pglite", dataDir: null } as const);
const bot = await startBot(config, { logger: createLogger("error", () => {}), database, slackRetries: 0 });
const botUrl = `http://127.0.0.1:${bot.port}/slack/events`;
const botTimes = await ackLatency(botUrl, true);

async function throughput(text: string): Promise<{ perSecond: number; p95: number }> {
  const sender = slackSender(botUrl, SECRET);
  const started = performance.now();
  const latencies = await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      const url = slack.newResponseUrl();
      const id = url.split("/").pop();
      const t0 = performance.now();
      await (await sender.command({ text, user_id: "U1", team_id: "T1", response_url: url })).text();
      await slack.waitFor(() => slack.responses.find((r) => r.id === id), 60_000);
      return performance.now() - t0;
    }),
  );
  return { perSecond: CONCURRENCY / ((performance.now() - started) / 1000), p95: pct(latencies, 95) };
}
const help = await throughput("help");
// Unlinked user: whoami <org> reads both links from the database and records the decision.
const whoami = await throughput("whoami org acme");
await bot.stop();

async function coldStart(): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: join(import.meta.dirname, ".."),
    env: { PATH: process.env.PATH ?? "", ...env, DATA_DIR: mkdtempSync(join(tmpdir(), "ghconnect-bench-")) },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let out = "";
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  const port = await slack.waitFor(() => /health on :(\d+)/.exec(out)?.[1], 60_000);
  const health = await fetch(`http://127.0.0.1:${port}/healthz`);
  const elapsed = performance.now() - started;
  if (health.status !== 200) throw new Error(`healthz answered ${health.status}`);
  child.kill("SIGTERM");
  await new Promise((resolve) => child.on("exit", resolve));
  return elapsed;
}
const cold = await coldStart();
const rss = process.memoryUsage().rss / 1024 / 1024;
await Promise.all([slack.close(), github.close()]);

console.log(`ack latency, ${N} sequential signed /ghconnect help:`);
console.log(`  bare Bolt   p50 ${ms(pct(bareTimes, 50))}  p95 ${ms(pct(bareTimes, 95))}  max ${ms(Math.max(...bareTimes))}`);
console.log(`  ghconnect   p50 ${ms(pct(botTimes, 50))}  p95 ${ms(pct(botTimes, 95))}  max ${ms(Math.max(...botTimes))}`);
console.log(`throughput, ${CONCURRENCY} concurrent commands until every reply is posted (${database.kind}):`);
console.log(`  help             ${help.perSecond.toFixed(1)} commands/s  p95 ${ms(help.p95)}`);
console.log(`  whoami org acme  ${whoami.perSecond.toFixed(1)} commands/s  p95 ${ms(whoami.p95)}`);
console.log(`cold start (spawn to /healthz 200, fresh PGlite directory, migrations included): ${ms(cold)}`);
console.log(`RSS of the bench process after the runs: ${rss.toFixed(0)} MiB`);
