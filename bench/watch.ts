/**
 * `npm run bench:watch`: prints figures about the watcher; asserts nothing. The bot runs as its own process
 * (as `npm start` would) against the test fakes in this process, with real time.
 *  - GitHub calls per watcher pass, by route, and per hour at the default interval (60 s)
 *  - the time from an event appearing in the fake GHES audit log to its announcement reaching the fake Slack
 *  - the bot's RSS while the watcher runs (BENCH_WATCH_SECONDS, default 600) at WATCH_INTERVAL=1s
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore } from "../src/adapters/store/open-store.ts";
import { startFakeGithub } from "../test/fakes/github/index.ts";
import { generateAppKeyPair } from "../test/fakes/github/sign-app-jwt.ts";
import { startFakeSlack } from "../test/fakes/slack/fake-slack.ts";

const SECONDS = Number(process.env.BENCH_WATCH_SECONDS ?? 600);
const EVENTS = Number(process.env.BENCH_WATCH_EVENTS ?? 40);
const MONITOR = "ghp_benchmonitor000000000";
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const slack = await startFakeSlack();
const github = await startFakeGithub();
const { publicKey, privateKeyPem } = generateAppKeyPair();
const { ghes, cloud } = github.state;
cloud.addApp({ id: 42, slug: "bench", publicKey, clientId: "Iv1.cloud" });
cloud.addEnterprise("bigco");
cloud.addUser("monitor");
cloud.addEnterpriseOwner("bigco", "monitor");
cloud.issueToken("monitor", { token: MONITOR, scopes: ["read:enterprise"] });
cloud.install(42, { enterprise: "bigco" });
cloud.addServerInstallation("bigco", { hostName: "127.0.0.1", isConnected: true });
ghes.addSiteAdmin("bot");
ghes.issueToken("bot", { token: "ghp_benchbenchbench", scopes: ["site_admin", "admin:enterprise"], expiresInSec: 30 * 86_400 });

// The instance is connected to the enterprise (as a verified operation would have recorded), so the GitHub.com
// side is watched too.
const dataDir = mkdtempSync(join(tmpdir(), "ghconnect-bench-watch-"));
const seed = await openStore({ kind: "pglite", dataDir });
await seed.sql.exec(
  `INSERT INTO connections (id, account_kind, account_slug, state, hostname, changed_team, changed_user, changed_at, last_verified_at, updated_at)
   VALUES ('22222222-2222-4222-8222-222222222222', 'ENTERPRISE', 'bigco', 'CONNECTED', '127.0.0.1', 'T1', 'U1', now(), now(), now())`,
);
await seed.close();

const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
  cwd: join(import.meta.dirname, ".."),
  env: {
    PATH: process.env.PATH ?? "",
    SLACK_BOT_TOKEN: "xoxb-bench",
    SLACK_SIGNING_SECRET: "bench-signing-secret",
    SLACK_API_URL: slack.apiUrl,
    NOTIFY_CHANNEL: "C0BENCH",
    GHES_URL: github.ghesUrl,
    GHES_TOKEN: "ghp_benchbenchbench",
    GHES_OAUTH_CLIENT_ID: "Iv1.ghes",
    GHES_ENTERPRISE: "ghes-ent",
    GITHUB_API_URL: github.cloudApiUrl,
    GITHUB_URL: github.cloudWebUrl,
    GITHUB_APP_ID: "42",
    GITHUB_APP_PRIVATE_KEY: privateKeyPem,
    GITHUB_APP_CLIENT_ID: "Iv1.cloud",
    GITHUB_MONITOR_TOKEN: MONITOR,
    ENCRYPTION_KEY: Buffer.alloc(32, 5).toString("base64"),
    PORT: "0",
    DATA_DIR: dataDir,
    WATCH_INTERVAL: "1s",
    LOG_LEVEL: "warn",
  },
  stdio: ["ignore", "ignore", "pipe"],
});
let stderr = "";
child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
const rssMiB = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1] ?? NaN) / 1024;

const auditPath = "/api/v3/enterprises/ghes-ent/audit-log";
const passes = () => github.requests.filter((r) => r.path === auditPath).length;
await slack.waitFor(() => (passes() >= 3 ? true : undefined), 60_000);

// Calls per pass: everything the watcher asked during 30 passes, divided by the passes.
const before = github.requests.length;
const p0 = passes();
await slack.waitFor(() => (passes() >= p0 + 30 ? true : undefined), 120_000);
const window = github.requests.slice(before);
const n = passes() - p0;
const byRoute = new Map<string, number>();
for (const r of window)
  byRoute.set(
    `${r.method} ${r.path.replace(/installations\/\d+/, "installations/{id}")}`,
    (byRoute.get(`${r.method} ${r.path.replace(/installations\/\d+/, "installations/{id}")}`) ?? 0) + 1,
  );

// Latency: one out-of-band change at a time, from the fake's audit log to the fake Slack.
const latencies: number[] = [];
for (let i = 0; i < EVENTS; i++) {
  const actor = `bench${i}`;
  const started = performance.now();
  ghes.addAuditEvent({ action: i % 2 === 0 ? "dotcom_connection.destroy" : "dotcom_connection.create", actor });
  await slack.waitFor(() => slack.calls.find((c) => c.method === "chat.postMessage" && String(c.args.text).includes(`*${actor}*`)), 30_000);
  latencies.push(performance.now() - started);
}

// Memory while watching: sampled every 10 s for SECONDS.
const samples: number[] = [];
const until = Date.now() + SECONDS * 1000;
while (Date.now() < until) {
  samples.push(rssMiB());
  await sleep(Math.min(10_000, Math.max(until - Date.now(), 0)));
}
samples.push(rssMiB());
const totalPasses = passes();
const cloudCalls = github.requests.filter((r) => r.server === "cloudApi" && !r.path.startsWith("/app/"));
const cloudRoutes = new Map<string, number>();
for (const r of cloudCalls) cloudRoutes.set(`${r.method} ${r.path}`, (cloudRoutes.get(`${r.method} ${r.path}`) ?? 0) + 1);
const mints = github.requests.filter((r) => r.path.endsWith("/access_tokens")).length;
child.kill("SIGTERM");
await new Promise((resolve) => child.on("exit", resolve));
await Promise.all([slack.close(), github.close()]);

console.log(`watcher GitHub calls over ${n} passes (WATCH_INTERVAL=1s, GHES audit log + GitHub.com with GITHUB_MONITOR_TOKEN):`);
for (const [route, count] of [...byRoute].sort()) console.log(`  ${route.padEnd(70)} ${count} (${(count / n).toFixed(2)} per pass)`);
console.log(`  total ${window.length} (${(window.length / n).toFixed(2)} per pass)`);
console.log(`GitHub.com reads with GITHUB_MONITOR_TOKEN over the whole run (${totalPasses} passes; at most every 5 minutes):`);
for (const [route, count] of [...cloudRoutes].sort()) console.log(`  ${route.padEnd(70)} ${count}`);
console.log(`installation tokens minted over the whole run: ${mints}`);
console.log(
  `event in the GHES audit log to its announcement in Slack, ${EVENTS} events one at a time: p50 ${pct(latencies, 50).toFixed(0)} ms, p95 ${pct(latencies, 95).toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms`,
);
console.log(
  `bot RSS over ${SECONDS} s of watching (${samples.length} samples, ${totalPasses} passes): first ${samples[0]?.toFixed(0)} MiB, min ${Math.min(...samples).toFixed(0)}, max ${Math.max(...samples).toFixed(0)}, last ${samples.at(-1)?.toFixed(0)} MiB`,
);
if (stderr.trim()) console.log(`bot stderr (last lines):\n${stderr.trim().split("\n").slice(-5).join("\n")}`);
