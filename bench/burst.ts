/**
 * `npm run bench:burst`: 500 concurrent signed slash commands right after start-up, against the bot as a real
 * process (fresh PGlite directory, then a fresh PostgreSQL database when one is reachable), and against a bare
 * Bolt app in its own process as the floor. Prints ack times (request sent → HTTP answer); asserts nothing.
 * BURST_N (500), BURST_LOG_LEVEL (info), BURST_POSTGRES_URL (postgresql://root@127.0.0.1:5432/test).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { startScriptFakes } from "../test/fakes/fake-env.ts";

const SECRET = "burst-signing-secret";
const N = Number(process.env.BURST_N ?? 500);
const LOG_LEVEL = process.env.BURST_LOG_LEVEL ?? "info";
const ADMIN_URL = process.env.BURST_POSTGRES_URL ?? "postgresql://root@127.0.0.1:5432/test";
const ROOT = join(import.meta.dirname, "..");

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

const { slack, github, env: fakes } = await startScriptFakes({ name: "burst", slug: "bench", signingSecret: SECRET });
for (let u = 0; u < 50; u++) slack.addUser({ id: `U${u}`, team_id: "T1", locale: "en-US" });

interface Started {
  child: ChildProcess;
  port: number;
  startMs: number;
  /** Bytes and lines the process has logged so far. */
  logged: () => { bytes: number; lines: number };
}

async function start(script: string, env: Record<string, string>): Promise<Started> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let out = "";
  let bytes = 0;
  let lines = 0;
  child.stderr?.on("data", (d: Buffer) => {
    bytes += d.length;
    for (const b of d) if (b === 10) lines++;
    if (out.length < 10_000) out += d.toString();
  });
  const port = Number(await slack.waitFor(() => /health on :(\d+)/.exec(out)?.[1], 120_000));
  for (;;) {
    const health = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null);
    if (health?.status === 200) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  return { child, port, startMs: performance.now() - t0, logged: () => ({ bytes, lines }) };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.on("exit", resolve));
  child.kill("SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (child.exitCode === null) child.kill("SIGKILL");
}

interface Burst {
  acks: number[];
  notOk: number;
  allRepliedMs: number | null;
}

let runs = 0;
async function burst(port: number, withReply: boolean): Promise<Burst> {
  const run = withReply ? `burst${++runs}` : "";
  const t0 = performance.now();
  const client = spawn(process.execPath, ["--import", "tsx", "bench/burst-client.ts"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      BURST_N: String(N),
      BURST_URL: `http://127.0.0.1:${port}/slack/events`,
      BURST_SECRET: SECRET,
      BURST_SLACK_API: slack.apiUrl,
      BURST_RUN: run,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  client.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  await new Promise((resolve) => client.on("exit", resolve));
  const { acks, notOk } = JSON.parse(out) as { acks: number[]; notOk: number };
  let allRepliedMs: number | null = null;
  if (withReply) {
    const ids = new Set(Array.from({ length: N }, (_, i) => `${run}-${i}`));
    await slack.waitFor(
      () => (new Set(slack.responses.filter((p) => ids.has(p.id)).map((p) => p.id)).size >= N ? true : undefined),
      300_000,
    );
    allRepliedMs = performance.now() - t0;
  }
  return { acks, notOk, allRepliedMs };
}

function line(name: string, s: Started, b: Burst, floorMax: number | null): string {
  const late = b.acks.filter((x) => x > 3000).length;
  const max = Math.max(...b.acks);
  const ratio = floorMax ? `  (${(max / floorMax).toFixed(2)}× bare max)` : "";
  const replies = b.allRepliedMs === null ? "" : `  all replies posted ${(b.allRepliedMs / 1000).toFixed(1)} s`;
  const { bytes, lines } = s.logged();
  const logged = `  logged ${lines} lines, ${(bytes / 1024).toFixed(0)} KiB`;
  return `  ${name.padEnd(22)} start ${(s.startMs / 1000).toFixed(1)} s  ack p50 ${pct(b.acks, 50).toFixed(0)} ms  p95 ${pct(b.acks, 95).toFixed(0)} ms  max ${max.toFixed(0)} ms${ratio}  over 3 s: ${late}  non-200: ${b.notOk}${replies}${logged}`;
}

async function freshPostgres(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  try {
    await admin.connect();
  } catch {
    return null;
  }
  const name = `ghconnect_burst_${randomBytes(4).toString("hex")}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

console.log(
  `burst: ${N} concurrent signed /ghconnect commands (help, whoami org acme, status, an unknown word) right after /healthz answers 200; LOG_LEVEL=${LOG_LEVEL}`,
);
const bare = await start("bench/bare-bolt.ts", { SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.apiUrl });
const bareBurst = await burst(bare.port, false);
await stop(bare.child);
const floorMax = Math.max(...bareBurst.acks);
console.log(line("bare Bolt", bare, bareBurst, null));

const env = { ...fakes, LOG_LEVEL };
const dataDir = mkdtempSync(join(tmpdir(), "ghconnect-burst-"));
const lite = await start("src/main.ts", { ...env, DATA_DIR: dataDir });
const liteBurst = await burst(lite.port, true);
await stop(lite.child);
rmSync(dataDir, { recursive: true, force: true });
console.log(line("ghconnect, PGlite", lite, liteBurst, floorMax));

const database = await freshPostgres();
if (!database) console.log(`  ghconnect, PostgreSQL   skipped: no server at ${ADMIN_URL} (set BURST_POSTGRES_URL)`);
else {
  const server = await start("src/main.ts", { ...env, DATABASE_URL: database.url });
  const serverBurst = await burst(server.port, true);
  await stop(server.child);
  await database.drop();
  console.log(line("ghconnect, PostgreSQL", server, serverBurst, floorMax));
}
await Promise.all([slack.close(), github.close()]);
