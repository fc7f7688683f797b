import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGithub, startFakeGithub } from "../fakes/github/index.ts";
import { type FakeSlack, startFakeSlack } from "../fakes/slack/fake-slack.ts";
import { startFakeSocketMode } from "../fakes/slack/fake-socket-mode.ts";
import { startArguments } from "../support/start-command.ts";
import { validEnv } from "../support/valid-env.ts";

const root = join(import.meta.dirname, "..", "..");

/** Starts the bot the way `npm start` does (after generation and the build), with its node arguments, in a child process. */
function startMain(env: Record<string, string>) {
  const child = spawn(process.execPath, startArguments(), {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

describe("the bot as a process", () => {
  let slack: FakeSlack;
  let github: FakeGithub;
  beforeAll(async () => {
    // What `npm start` runs is the compiled bot: build it as `npm start` does (only when a source is newer).
    execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: root, stdio: "inherit" });
    slack = await startFakeSlack();
    github = await startFakeGithub();
  }, 180_000);
  afterAll(async () => {
    await slack.close();
    await github.close();
  });

  it("is started by the image exactly as by npm start", () => {
    const cmd = /^CMD (\[.*\])$/m.exec(readFileSync(join(root, "Dockerfile"), "utf8"))?.[1];
    expect(JSON.parse(cmd ?? "[]")).toEqual(["node", ...startArguments()]);
  });

  it("refuses a bad configuration with one message listing every problem, exit code 1, no stack trace", async () => {
    const run = startMain({ SLACK_BOT_TOKEN: "nope", ENCRYPTION_KEY: "x" });
    expect(await run.exited).toBe(1);
    const out = run.output();
    expect(out).toContain("ghconnect cannot start:");
    expect(out).toContain("- SLACK_BOT_TOKEN must be a bot token starting with xoxb-");
    expect(out).toContain("- GHES_URL is required");
    expect(out).not.toMatch(/\n\s+at /);
  });

  it("starts in HTTP mode on embedded PGlite, answers /healthz, and stops cleanly on SIGTERM", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "ghconnect-data-"));
    const run = startMain({
      ...validEnv(),
      SLACK_API_URL: slack.apiUrl,
      GHES_URL: github.ghesUrl,
      GITHUB_API_URL: github.cloudApiUrl,
      GITHUB_URL: github.cloudWebUrl,
      GITHUB_UPLOADS_URL: github.cloudWebUrl,
      DATA_DIR: dataDir,
      PORT: "0",
    });
    const ready = await slack.waitFor(() => /health on :(\d+)/.exec(run.output())?.[1], 30_000);
    const health = await fetch(`http://127.0.0.1:${ready}/healthz`);
    expect(health.status).toBe(200);
    expect(run.output()).toContain("applied 20261123000000_init");
    expect(run.output()).not.toContain(validEnv().SLACK_BOT_TOKEN);
    run.child.kill("SIGTERM");
    expect(await run.exited).toBe(0);
  }, 40_000);

  it("runs in Socket Mode from the bundle: connects, answers a slash command over the WebSocket, serves /metrics", async () => {
    const socket = await startFakeSocketMode();
    slack.setSocketUrl(socket.url);
    const { SLACK_SIGNING_SECRET: _unused, ...env } = validEnv();
    const run = startMain({
      ...env,
      SLACK_APP_TOKEN: "xapp-1-A0PROCESS-socket",
      SLACK_API_URL: slack.apiUrl,
      GHES_URL: github.ghesUrl,
      GITHUB_API_URL: github.cloudApiUrl,
      GITHUB_URL: github.cloudWebUrl,
      GITHUB_UPLOADS_URL: github.cloudWebUrl,
      DATA_DIR: mkdtempSync(join(tmpdir(), "ghconnect-data-")),
      PORT: "0",
    });
    try {
      await socket.connected();
      slack.addUser({ id: "U0SOCKET", team_id: "T0TEST", locale: "en-US" });
      const responseUrl = slack.newResponseUrl();
      const ack = await socket.deliver("slash_commands", {
        command: "/ghconnect",
        text: "help",
        user_id: "U0SOCKET",
        team_id: "T0TEST",
        channel_id: "C0WORK",
        response_url: responseUrl,
        trigger_id: "trigger-socket-1",
      });
      expect(ack).toBeDefined();
      const id = responseUrl.split("/").pop();
      const answer = await slack.waitFor(() => slack.responses.find((r) => r.id === id), 30_000);
      expect(JSON.stringify(answer.body)).toContain("/ghconnect link ghes");
      const port = await slack.waitFor(() => /health on :(\d+)/.exec(run.output())?.[1], 30_000);
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toMatch(/^ghconnect_commands_total\{command="help",outcome="accepted"\} 1$/m);
      run.child.kill("SIGTERM");
      expect(await run.exited).toBe(0);
    } finally {
      if (run.child.exitCode === null) run.child.kill("SIGKILL");
      await socket.close();
    }
  }, 60_000);

  it("says plainly when Slack rejects the bot token", async () => {
    slack.fail("auth.test", { error: "invalid_auth" });
    const run = startMain({
      ...validEnv(),
      SLACK_API_URL: slack.apiUrl,
      DATA_DIR: mkdtempSync(join(tmpdir(), "ghconnect-data-")),
      PORT: "0",
    });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain("Slack rejected SLACK_BOT_TOKEN (invalid_auth)");
    expect(run.output()).not.toMatch(/\n\s+at /);
  }, 40_000);
});
