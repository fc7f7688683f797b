import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore } from "../../src/adapters/store/open-store.ts";
import type { SqlSession } from "../../src/adapters/store/sql-driver.ts";
import { fakeEnv } from "../fakes/fake-env.ts";
import { type FakeGithub, type RecordedRequest, startFakeGithub } from "../fakes/github/index.ts";
import { generateAppKeyPair } from "../fakes/github/sign-app-jwt.ts";
import { type FakeSlack, type SlackApiCall, startFakeSlack } from "../fakes/slack/fake-slack.ts";
import { slackSender } from "../fakes/slack/slack-sender.ts";
import { eventually } from "./eventually.ts";
import { OP_ENV } from "./operations-setup.ts";
import { TEAM, textOf } from "./start-test-bot.ts";
import { createDurableTestDatabase } from "./test-database.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const SECRET = "child-signing-secret-0123456789";
/** Generous: a start on a busy two-core machine, with PGlite recovering after a SIGKILL, takes seconds. */
const START_CEILING_MS = 90_000;
const ANSWER_CEILING_MS = 60_000;

/** The real bot (`src/main.ts`) in a child process, driven like Slack drives it. */
export interface ChildBot {
  /** Sends `/ghconnect <text>` in C0WORK and returns the response_url id; the bot may die before answering. */
  send(text: string, user?: string): Promise<string>;
  /** The `n`th answer (0-based) posted to a response_url. */
  answer(responseId: string, n?: number): Promise<string>;
  /** Clicks a card button where Slack showed the card, and returns the ephemeral answer. */
  click(user: string, action: "op-confirm" | "op-cancel", operationId: string, card: { channel: string; ts: string }): Promise<string>;
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** Fakes in this process, one durable database, and the environment every start of the bot shares. */
export interface Rig {
  github: FakeGithub;
  slack: FakeSlack;
  start(): Promise<ChildBot>;
  /** What every bot of this rig wrote (LOG_LEVEL=debug), one start after another. */
  log(): string;
  /** Reads the database with no bot running (PGlite admits one process). */
  inspect<T>(read: (sql: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

let template: Promise<string> | undefined;
/** A fresh PGlite directory costs each bot seconds of initdb; a copy of one migrated once is the same database. */
function migratedPglite(): Promise<string> {
  template ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), "ghconnect-template-"));
    await (await openStore({ kind: "pglite", dataDir: dir })).close();
    return dir;
  })();
  return template;
}

/** Removes the migrated PGlite directory the rigs were copied from (call once, after every rig has closed). */
export async function dropRigTemplate(): Promise<void> {
  const dir = await template;
  template = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/** Alice (UA) is a GHES site administrator and an admin of the org acme, where the bot's app is installed. */
export async function startRig(extra: Record<string, string> = {}): Promise<Rig> {
  const [github, slack, db] = await Promise.all([startFakeGithub(), startFakeSlack(), createDurableTestDatabase({ onDisk: true })]);
  const { publicKey, privateKeyPem } = generateAppKeyPair();
  const target = db.target;
  const dataDir = target.kind === "pglite" && "dataDir" in target ? target.dataDir : null;
  if (dataDir) cpSync(await migratedPglite(), dataDir, { recursive: true });
  const env: Record<string, string> = {
    ...fakeEnv({ github, slack, signingSecret: SECRET, appPrivateKeyPem: privateKeyPem, name: "crash" }),
    ...OP_ENV,
    LOG_LEVEL: "debug",
    ...(target.kind === "postgres" ? { DATABASE_URL: target.url } : { DATA_DIR: dataDir ?? "" }),
    ...extra,
  };
  const { ghes, cloud } = github.state;
  ghes.addSiteAdmin("ghconnect-bot");
  ghes.issueToken("ghconnect-bot", { token: env.GHES_TOKEN as string, scopes: ["site_admin", "admin:enterprise"] });
  // A one-second device-flow interval: linking is set-up here, not what is tested.
  ghes.device.addClient(env.GHES_OAUTH_CLIENT_ID as string, { expiringTokens: false, interval: 1 });
  cloud.device.addClient(env.GITHUB_APP_CLIENT_ID as string, { interval: 1 });
  cloud.addApp({ id: 42, slug: "ghconnect-bot", publicKey, clientId: env.GITHUB_APP_CLIENT_ID as string });
  ghes.addSiteAdmin("alice");
  cloud.addUser("alice-gh");
  cloud.addOrg("acme");
  cloud.addOrgMember("acme", "alice-gh", "admin");
  cloud.install(42, { org: "acme" });
  slack.addUser({ id: "UA", team_id: TEAM, locale: "en-US" });
  const running = new Set<ChildProcess>();
  let starts = 0;
  let log = "";
  const launch: Launch = {
    env,
    slack,
    running,
    write: (text) => {
      log += text;
    },
  };
  return {
    github,
    slack,
    start: () => {
      launch.write(`\n--- start ${++starts} ---\n`);
      return startChild(launch, starts > 1);
    },
    log: () => log,
    async inspect(read) {
      const store = await openStore(target);
      try {
        return await read(store.sql);
      } finally {
        await store.close();
      }
    },
    async close() {
      // A test that failed half-way must not leave a bot running; only the processes this rig started.
      const exits = [...running].map((child) => new Promise((resolve) => child.once("exit", resolve)));
      for (const child of running) child.kill("SIGKILL");
      await Promise.all(exits);
      await Promise.all([github.close(), slack.close()]);
      await db.drop();
    },
  };
}

// Starting a bot is seconds of CPU: two at a time leave a two-core machine able to serve the bots already running.
// A restart goes first: its operation is half-done and the bot's clock is running.
let freeStartSlots = 2;
const waitingForSlot: Array<() => void> = [];
async function startSlot(restart: boolean): Promise<() => void> {
  if (freeStartSlots > 0) freeStartSlots--;
  else await new Promise<void>((resolve) => (restart ? waitingForSlot.unshift(resolve) : waitingForSlot.push(resolve)));
  return () => {
    const next = waitingForSlot.shift();
    if (next) next();
    else freeStartSlots++;
  };
}

/** What each start of a rig's bot shares: its environment, Slack, its running processes, where its log goes. */
interface Launch {
  env: Record<string, string>;
  slack: FakeSlack;
  running: Set<ChildProcess>;
  write(text: string): void;
}

async function startChild(launch: Launch, restart: boolean): Promise<ChildBot> {
  const done = await startSlot(restart);
  try {
    return await spawnChild(launch);
  } finally {
    done();
  }
}

async function spawnChild({ env, slack, running, write }: Launch): Promise<ChildBot> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  let out = "";
  const read = (d: Buffer) => {
    out += d.toString();
    write(d.toString());
  };
  child.stdout.on("data", read);
  child.stderr.on("data", read);
  const exited = new Promise<number | null>((resolve) =>
    child.on("exit", (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  let dead = false;
  void exited.then(() => (dead = true));
  const port = await eventually(
    "the bot to serve",
    async () => {
      if (dead) throw new Error(`the bot exited before it was ready:\n${out.slice(-3000)}`);
      return /health on :(\d+)/.exec(out)?.[1];
    },
    START_CEILING_MS,
  );
  const sender = slackSender(`http://127.0.0.1:${port}/slack/events`, SECRET);
  const answers = (id: string) => slack.responses.filter((r) => r.id === id).map((r) => textOf(r.body));
  const signal = async (name: NodeJS.Signals) => {
    if (!dead) child.kill(name);
    return exited;
  };
  return {
    async send(text, user = "UA") {
      const responseUrl = slack.newResponseUrl();
      // One trigger id for every attempt: were a retry a repeat, the bot would recognise it and do nothing again.
      const command = {
        text,
        user_id: user,
        team_id: TEAM,
        channel_id: "C0WORK",
        response_url: responseUrl,
        trigger_id: `${Date.now()}.${responseUrl.split("/").pop()}`,
      };
      const response = await delivered(() => sender.command(command));
      if (response.status !== 200) throw new Error(`/ghconnect ${text}: HTTP ${response.status}`);
      return responseUrl.split("/").pop() as string;
    },
    answer: (id, n = 0) => slack.waitFor(() => answers(id)[n], ANSWER_CEILING_MS),
    async click(user, action, operationId, card) {
      const responseUrl = slack.newResponseUrl();
      const id = responseUrl.split("/").pop() as string;
      const response = await delivered(() =>
        sender.action({
          user: { id: user, team_id: TEAM },
          actions: [{ action_id: action, value: operationId, block_id: `op-${operationId}`, type: "button" }],
          response_url: responseUrl,
          channel: { id: card.channel },
          message: { ts: card.ts },
        }),
      );
      if (response.status !== 200) throw new Error(`click answered HTTP ${response.status}`);
      return slack.waitFor(() => answers(id)[0], ANSWER_CEILING_MS);
    },
    async kill() {
      await signal("SIGKILL");
    },
    async stop() {
      const code = await signal("SIGTERM");
      if (code !== 0) throw new Error(`the bot stopped with code ${code}:\n${out.slice(-3000)}`);
    },
  };
}

/**
 * Sends again when the connection dies before an answer, as Slack does. On a loaded machine a keep-alive socket the
 * bot has just closed can be picked for the next request, which then fails unread.
 */
async function delivered(post: () => Promise<Response>): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await post();
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

/** Proves both of a Slack user's identities through the device flow, as `/ghconnect link` does for a person. */
export async function linkBothSides(rig: Rig, bot: ChildBot, user: string, ghesLogin: string, cloudLogin: string): Promise<void> {
  for (const [side, login, device] of [
    ["ghes", ghesLogin, rig.github.state.ghes.device],
    ["cloud", cloudLogin, rig.github.state.cloud.device],
  ] as const) {
    const id = await bot.send(`link ${side}`, user);
    const first = await bot.answer(id);
    const code = device.codes.find((c) => first.includes(c.userCode));
    if (!code) throw new Error(`no device code in the answer to link ${side}: ${first}`);
    device.approve(code.userCode, login);
    const linked = await bot.answer(id, 1);
    if (!linked.includes(login)) throw new Error(`link ${side} ended with: ${linked}`);
  }
}

// What the fakes saw of a rig's bots.

/** The cards posted to the work channel, in order. */
export const cardPosts = (rig: Pick<Rig, "slack">) =>
  rig.slack.calls.filter((c) => c.method === "chat.postMessage" && c.args.channel === "C0WORK");

/** The operation a card's buttons name. */
export const operationIdOf = (post: SlackApiCall) =>
  (post.args.blocks as Array<{ type: string; elements?: Array<{ value?: string }> }>).find((b) => b.type === "actions")?.elements?.[0]
    ?.value ?? "";

/** The card's latest edit, if it says verified. */
export function verifiedCard(rig: Pick<Rig, "slack">, ts: string) {
  const update = [...rig.slack.calls].reverse().find((c) => c.method === "chat.update" && c.args.ts === ts && !c.failed);
  if (!update || !textOf(update.args).includes("Verified")) return undefined;
  return { live: (update.args.blocks as Array<{ type: string }>).some((b) => b.type === "actions") };
}

export const AUDIT_LOG = `/api/v3/enterprises/${OP_ENV.GHES_ENTERPRISE}/audit-log`;
/** The operation's own look at the GHES audit log (the preflight's and the worker's); the watcher's reads carry `order`. */
export const checkRead = {
  server: "ghes",
  method: "GET",
  path: AUDIT_LOG,
  query: { phrase: "action:dotcom_connection", order: undefined },
} as const;
export const isCheckRead = (r: RecordedRequest) =>
  r.server === "ghes" && r.path === AUDIT_LOG && r.query.phrase === checkRead.query.phrase && !("order" in r.query);
export const isWatcherRead = (r: RecordedRequest) =>
  r.server === "ghes" && r.path === AUDIT_LOG && Boolean(r.query.phrase?.startsWith("action:dotcom_connection created:"));

/** The requests to GitHub after `from` that `match` accepts, once there are `n` of them. */
export const requestsSeen = (rig: Pick<Rig, "github">, from: number, match: (r: RecordedRequest) => boolean, n = 1) =>
  eventually(
    `${n} such request(s) to GitHub`,
    async () => {
      const seen = rig.github.requests.slice(from).filter(match);
      return seen.length >= n ? seen : undefined;
    },
    60_000,
  );
