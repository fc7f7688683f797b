/**
 * `npm run bench:footprint`: the bot's size and cold start beside a bare Bolt app, each in its own process on
 * this machine. Prints figures and ratios; asserts nothing.
 *  - cold start: spawn until /healthz answers 200 (migrations included; a fresh PGlite directory, or a fresh
 *    PostgreSQL database when BENCH_DATABASE_URL names a server whose `postgres` database can create one)
 *  - idle RSS: the process and its children, IDLE_SECONDS after it answered (default 10)
 *  - with SOAK_MINUTES > 0: RSS every minute while a steady trickle of commands runs (growth check)
 *  - ROUNDS (default 3) turns of every kind of start; medians and ranges; BEFORE=1 adds `tsx src/main.ts`
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { startScriptFakes } from "../test/fakes/fake-env.ts";
import { slackSender } from "../test/fakes/slack/slack-sender.ts";
import { startArguments } from "../test/support/start-command.ts";

const ROOT = join(import.meta.dirname, "..");
const SECRET = "bench-signing-secret";
const IDLE_SECONDS = Number(process.env.IDLE_SECONDS ?? 10);
const SOAK_MINUTES = Number(process.env.SOAK_MINUTES ?? 0);
const PG = process.env.BENCH_DATABASE_URL;

const { slack, github, env } = await startScriptFakes({ name: "bench", signingSecret: SECRET });
slack.addUser({ id: "U1", team_id: "T1", locale: "en-US" });

/** Resident memory of a process and all its descendants, from /proc (Linux). */
function treeRss(pid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {}
  }
  let kib = 0;
  const visit = (p: number) => {
    try {
      kib += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"))?.[1] ?? 0);
    } catch {}
    for (const c of children.get(p) ?? []) visit(c);
  };
  visit(pid);
  return kib / 1024;
}

async function freshDatabase(): Promise<string | undefined> {
  if (!PG) return undefined;
  const name = `ghconnect_bench_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: PG });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG);
  url.pathname = `/${name}`;
  return url.toString();
}

interface Run {
  label: string;
  coldMs: number;
  idleMiB: number;
  child: ChildProcess;
  port: string;
}

async function start(label: string, command: string[], extra: Record<string, string>): Promise<Run> {
  const started = performance.now();
  const child = spawn(command[0] as string, command.slice(1), {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", ...env, ...extra },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let out = "";
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  const port = await slack.waitFor(() => /health on :(\d+)/.exec(out)?.[1], 120_000);
  for (;;) {
    const health = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null);
    if (health?.status === 200) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const coldMs = performance.now() - started;
  await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));
  return { label, coldMs, idleMiB: treeRss(child.pid as number), child, port };
}

async function stop(run: Run): Promise<void> {
  run.child.kill("SIGTERM");
  await new Promise((resolve) => run.child.on("exit", resolve));
}

async function soak(run: Run): Promise<number[]> {
  const sender = slackSender(`http://127.0.0.1:${run.port}/slack/events`, SECRET);
  const samples = [treeRss(run.child.pid as number)];
  const end = Date.now() + SOAK_MINUTES * 60_000;
  let nextSample = Date.now() + 60_000;
  while (Date.now() < end) {
    for (const text of ["help", "whoami org acme", "status"]) {
      await sender.command({ text, user_id: "U1", team_id: "T1", response_url: slack.newResponseUrl() });
    }
    await new Promise((r) => setTimeout(r, 200));
    if (Date.now() >= nextSample) {
      samples.push(treeRss(run.child.pid as number));
      nextSample += 60_000;
    }
  }
  return samples;
}

const dataDir = () => mkdtempSync(join(tmpdir(), "ghconnect-footprint-"));
const node = process.execPath;
const variants: Array<{ label: string; command: string[] }> = [
  { label: `ghconnect, node ${startArguments().join(" ")} (npm start)`, command: [node, ...startArguments()] },
  { label: "ghconnect, node dist/main.js (not bundled)", command: [node, "dist/main.js"] },
  // The way the bot ran before issue 10 (TypeScript through tsx): BEFORE=1 adds it, for comparison.
  ...(process.env.BEFORE === "1"
    ? [{ label: "ghconnect, tsx src/main.ts (before)", command: [node, "--import", "tsx", "src/main.ts"] }]
    : []),
];

/** Every kind of start, in turns (ROUNDS, default 3), so a busy moment of the machine falls on all of them alike. */
const samples = new Map<string, Run[]>();
const keep = (key: string, run: Run) => samples.set(key, [...(samples.get(key) ?? []), run]);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
for (let round = 0; round < ROUNDS; round++) {
  const bare = await start("bare Bolt", [node, "bench/bare-bolt.mjs"], { SLACK_SIGNING_SECRET: SECRET });
  keep("bare Bolt", bare);
  await stop(bare);
  for (const v of variants) {
    const dir = dataDir();
    const pglite = await start(v.label, v.command, { DATA_DIR: dir });
    keep(`${v.label}, PGlite, fresh directory`, pglite);
    if (round === 0 && v === variants[0] && SOAK_MINUTES > 0) {
      const rss = await soak(pglite);
      console.log(`RSS over ${SOAK_MINUTES} min of steady commands (MiB, each minute): ${rss.map((x) => x.toFixed(0)).join(", ")}`);
    }
    await stop(pglite);
    // A restart: the directory exists and is migrated (every start after the first).
    const again = await start(v.label, v.command, { DATA_DIR: dir });
    keep(`${v.label}, PGlite, existing directory`, again);
    await stop(again);
    const url = await freshDatabase();
    if (url) {
      const postgres = await start(v.label, v.command, { DATABASE_URL: url });
      keep(`${v.label}, PostgreSQL, fresh database`, postgres);
      await stop(postgres);
    }
  }
}
await Promise.all([slack.close(), github.close()]);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const figure = (xs: number[], unit: string) =>
  `${median(xs).toFixed(0)} ${unit}${xs.length > 1 ? ` (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})` : ""}`;
const bare = samples.get("bare Bolt") ?? [];
const bareCold = median(bare.map((r) => r.coldMs));
const bareRss = median(bare.map((r) => r.idleMiB));
console.log(`${ROUNDS} round(s), medians (range); idle RSS after ${IDLE_SECONDS} s`);
console.log(
  `bare Bolt: cold start ${figure(
    bare.map((r) => r.coldMs),
    "ms",
  )}, idle RSS ${figure(
    bare.map((r) => r.idleMiB),
    "MiB",
  )}`,
);
for (const [key, runs] of samples) {
  if (key === "bare Bolt") continue;
  const cold = runs.map((r) => r.coldMs);
  const rss = runs.map((r) => r.idleMiB);
  console.log(
    `${key}: cold start ${figure(cold, "ms")} = ${(median(cold) / bareCold).toFixed(1)}×, idle RSS ${figure(rss, "MiB")} = ${(median(rss) / bareRss).toFixed(1)}×`,
  );
}
