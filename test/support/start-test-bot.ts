import { generateKeyPairSync } from "node:crypto";
import { expect } from "vitest";
import { loadConfig } from "../../src/config.ts";
import type { Clock } from "../../src/core/ports.ts";
import { createLogger } from "../../src/log/create-logger.ts";
import { secretRedactor } from "../../src/log/redact.ts";
import { secretsOf } from "../../src/secrets-of.ts";
import { type RunningBot, startBot } from "../../src/start-bot.ts";
import { type FakeGithub, startFakeGithub } from "../fakes/github/index.ts";
import { type FakeSlack, startFakeSlack } from "../fakes/slack/fake-slack.ts";
import { type FakeSocketMode, startFakeSocketMode } from "../fakes/slack/fake-socket-mode.ts";
import { slackSender } from "../fakes/slack/slack-sender.ts";
import { createTestDatabase, type TestDatabase } from "./test-database.ts";

export const SIGNING_SECRET = "test-signing-secret-0123456789";
export const TEAM = "T0TEST";
export const GHES_CLIENT = "Iv1.ghesclient";
export const CLOUD_CLIENT = "Iv1.cloudclient";

/**
 * Real time plus an offset a test can move forward, with every wait cut to a few milliseconds, so a
 * 5-second polling interval or a 15-minute expiry costs nothing.
 */
export interface TestClock extends Clock {
  advance(ms: number): void;
}
function hurriedClock(): TestClock {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance: (ms) => {
      offset += ms;
    },
    sleep: (ms, signal) =>
      new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        // Short waits (polling) shrink to 25 ms; the background loops' long ones (watcher, outbox) to 100 ms,
        // so a dozen bots in a run do not spend both cores asking the fakes.
        setTimeout(resolve, Math.min(ms, ms >= 1000 ? 100 : 25));
      }),
  };
}

export interface TestBotOptions {
  /** Share a database between bots (replicas, restarts); the caller then owns dropping it. */
  database?: TestDatabase;
  /** Reuse fakes between bots. */
  github?: FakeGithub;
  slack?: FakeSlack;
  /**
   * How long the bot waits for any GitHub call. The default is a ceiling no healthy call reaches on a slow
   * machine; a test of the timeout itself sets a short one and makes GitHub hang (a `hang` fault).
   */
  githubTimeoutSeconds?: number;
  workQueue?: { concurrency: number; maxWaiting: number };
}

export interface TestBot {
  github: FakeGithub;
  slack: FakeSlack;
  bot: RunningBot;
  db: TestDatabase;
  logLines: string[];
  sender: ReturnType<typeof slackSender>;
  env: Record<string, string>;
  clock: TestClock;
  /** Slack's Socket Mode end, when the bot was started with SLACK_APP_TOKEN. */
  socket?: FakeSocketMode;
  /** Sends `/ghconnect <text>` as `user` and returns the first answer posted to its response_url. */
  command(text: string, user?: string): Promise<{ status: number; text: string; responseId: string }>;
  /** All answers posted to one response_url so far. */
  answers(responseId: string): string[];
  stop(): Promise<void>;
}

/** The words of a message as a reader sees them: block texts and context elements (not button labels). */
type TextBlocks = Array<{ text?: { text?: string }; elements?: Array<{ text?: unknown }> }>;

/** A message's words: its blocks' and its attachments' (a card's timeline sits in its colour bar), else its text. */
export function textOf(body: unknown): string {
  const b = body as { text?: string; blocks?: TextBlocks; attachments?: Array<{ blocks?: TextBlocks }> };
  const parts = [...(b.blocks ?? []), ...(b.attachments ?? []).flatMap((a) => a.blocks ?? [])]
    .flatMap((block) => [block.text?.text, ...(block.elements ?? []).map((e) => (typeof e.text === "string" ? e.text : undefined))])
    .filter(Boolean);
  return parts.length ? parts.join("\n") : (b.text ?? "");
}

const appKeys = generateKeyPairSync("rsa", { modulusLength: 2048 });

/** Extra variables, or a function of the fakes when a value names one of them (e.g. the Manage API URL). */
export type ExtraEnv = Record<string, string> | ((github: FakeGithub) => Record<string, string>);

export async function startTestBot(extra: ExtraEnv = {}, options: TestBotOptions = {}): Promise<TestBot> {
  const github = options.github ?? (await startFakeGithub());
  const slack = options.slack ?? (await startFakeSlack());
  const db = options.database ?? (await createTestDatabase());
  const { privateKey, publicKey } = appKeys;
  if (!options.github) {
    github.state.cloud.addApp({ id: 42, slug: "ghconnect-bot", publicKey, clientId: CLOUD_CLIENT });
    github.state.ghes.device.addClient(GHES_CLIENT, { expiringTokens: false });
    github.state.cloud.device.addClient(CLOUD_CLIENT);
  }
  const extraEnv = typeof extra === "function" ? extra(github) : extra;
  const env: Record<string, string> = {
    SLACK_BOT_TOKEN: "xoxb-test-bot-token",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    NOTIFY_CHANNEL: "C0NOTIFY",
    GHES_URL: github.ghesUrl,
    GHES_TOKEN: "ghp_botsiteadmintoken0000",
    GHES_OAUTH_CLIENT_ID: GHES_CLIENT,
    GITHUB_API_URL: github.cloudApiUrl,
    GITHUB_URL: github.cloudWebUrl,
    GITHUB_UPLOADS_URL: github.cloudWebUrl,
    GITHUB_APP_ID: "42",
    GITHUB_APP_PRIVATE_KEY: privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
    GITHUB_APP_CLIENT_ID: CLOUD_CLIENT,
    ENCRYPTION_KEY: Buffer.alloc(32, 9).toString("base64"),
    PORT: "0",
    LOG_LEVEL: "debug",
    ...extraEnv,
  };
  if (!options.github) {
    // The bot's own site-admin token, for /meta and the enterprise audit log.
    github.state.ghes.addSiteAdmin("ghconnect-bot");
    github.state.ghes.issueToken("ghconnect-bot", { token: env.GHES_TOKEN, scopes: ["site_admin", "admin:enterprise"] });
  }
  let socket: FakeSocketMode | undefined;
  if (env.SLACK_APP_TOKEN) {
    socket = await startFakeSocketMode();
    slack.setSocketUrl(socket.url);
  }
  const config = loadConfig(env, () => "");
  const logLines: string[] = [];
  const logger = createLogger("debug", (line) => logLines.push(line), secretRedactor(secretsOf(config)));
  const clock = hurriedClock();
  const bot = await startBot(config, {
    logger,
    database: db.target,
    slackRetries: 0,
    clock,
    githubTimeoutSeconds: options.githubTimeoutSeconds ?? 30,
    ...(options.workQueue ? { workQueue: options.workQueue } : {}),
  });
  const sender = slackSender(`http://127.0.0.1:${bot.port}/slack/events`, SIGNING_SECRET);

  const answers = (responseId: string) => slack.responses.filter((r) => r.id === responseId).map((r) => textOf(r.body));
  return {
    github,
    slack,
    bot,
    db,
    logLines,
    sender,
    env,
    clock,
    socket,
    answers,
    async command(text, user = "U1") {
      const responseUrl = slack.newResponseUrl();
      const responseId = responseUrl.split("/").pop() as string;
      const response = await sender.command({ text, user_id: user, team_id: TEAM, channel_id: "C0WORK", response_url: responseUrl });
      expect(response.status).toBe(200);
      // Bolt answers the HTTP request with the ack; an empty ack means the reply comes via response_url.
      expect(await response.text()).toBe("");
      const first = await slack.waitFor(() => slack.responses.find((r) => r.id === responseId), 10_000);
      return { status: response.status, text: textOf(first.body), responseId };
    },
    async stop() {
      await bot.stop();
      await Promise.all([options.github ? undefined : github.close(), options.slack ? undefined : slack.close(), socket?.close()]);
      if (!options.database) await db.drop();
    },
  };
}
