import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startScriptFakes } from "../fakes/fake-env.ts";
import type { FakeGithub } from "../fakes/github/index.ts";
import type { FakeSlack } from "../fakes/slack/fake-slack.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const MONITOR_TOKEN = "ghp_doctormonitortoken000000";
const DAY = 86_400;

interface Run {
  code: number | null;
  out: string;
  /** The lines of one check, as printed. */
  line(check: string): string;
}

describe("npm run doctor (the command an operator runs, in a child process)", () => {
  let slack: FakeSlack;
  let github: FakeGithub;
  let env: Record<string, string>;

  /** What `npm run doctor` runs after the build, from the sources (the build itself is tested by the start test). */
  function doctor(extra: Record<string, string> = {}): Promise<Run> {
    const child = spawn(process.execPath, ["--import", "tsx", "src/doctor.ts"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", ...env, ...extra },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    return new Promise((resolve) =>
      child.on("exit", (code) =>
        resolve({
          code,
          out,
          line: (check) =>
            out
              .split("\n")
              .filter((l) => l.slice(6).startsWith(`${check} `))
              .join("\n") || `(no line for ${check})\n${out}`,
        }),
      ),
    );
  }

  function secretsIn(run: Run): string[] {
    const secrets = [
      env.SLACK_BOT_TOKEN,
      env.SLACK_SIGNING_SECRET,
      env.GHES_TOKEN,
      env.GHES_MANAGE_PASSWORD,
      env.ENCRYPTION_KEY,
      MONITOR_TOKEN,
      // The app key generated for this run (startScriptFakes): any line of its body would be a leak.
      ...(env.GITHUB_APP_PRIVATE_KEY ?? "").split("\n").filter((line) => line.length >= 40 && !line.startsWith("-----")),
    ];
    return secrets.filter((s): s is string => Boolean(s) && run.out.includes(s as string));
  }

  beforeAll(async () => {
    const fakes = await startScriptFakes({ name: "doctor", signingSecret: "doctor-signing-secret-0123456789" });
    ({ slack, github } = fakes);
    const { ghes, cloud } = github.state;
    ghes.issueToken("ghconnect-bot", { token: fakes.env.GHES_TOKEN, scopes: ["site_admin", "admin:enterprise"], expiresInSec: 90 * DAY });
    cloud.addEnterprise("bigco");
    cloud.addEnterpriseOwner("bigco", "monitor");
    cloud.issueToken("monitor", { token: MONITOR_TOKEN, scopes: ["read:enterprise"] });
    cloud.install(42, { enterprise: "bigco" });
    env = {
      ...fakes.env,
      GHES_ENTERPRISE: "ghes-ent",
      GHES_MANAGE_URL: github.manageUrl,
      GHES_MANAGE_PASSWORD: ghes.managePassword,
      GITHUB_MONITOR_TOKEN: MONITOR_TOKEN,
      DATA_DIR: join(mkdtempSync(join(tmpdir(), "ghconnect-doctor-")), "data"),
    };
  }, 60_000);
  afterAll(async () => {
    await slack?.close();
    await github?.close();
  });

  it("passes every check of a sound configuration, one line each, and exits 0 without printing a secret", async () => {
    const run = await doctor();
    expect(run.out.split("\n")[0]).toBe("ghconnect doctor: reads only, changes nothing, prints no secret");
    expect(run.line("database")).toMatch(/^OK {4}database .*`.*data` does not exist yet; the bot creates it at its first start\./);
    expect(run.line("slack.auth")).toContain("OK    slack.auth      Slack accepts SLACK_BOT_TOKEN: bot @opsbot in Fake Team.");
    expect(run.line("slack.scopes")).toContain("commands, chat:write, users:read");
    expect(run.line("slack.channel")).toContain("NOTIFY_CHANNEL C0NOTIFY is #fake-c0notify and the bot is a member.");
    expect(run.line("ghes.api")).toMatch(/^OK {4}ghes\.api .*GHES answers at http:\/\/127\.0\.0\.1:\d+: version 3\.\d+/);
    expect(run.line("ghes.token")).toMatch(
      /^OK {4}ghes\.token .*GHES_TOKEN belongs to ghconnect-bot; it expires \d{4}-\d\d-\d\d \d\d:\d\d UTC\./,
    );
    expect(run.line("ghes.auditLog")).toContain("The GHES audit log of the enterprise `ghes-ent` is readable.");
    expect(run.line("ghes.manage")).toContain("the license allows GitHub Connect");
    expect(run.line("github.reach")).toMatch(/^OK {4}github\.reach .*Reached directly: http:\/\/127\.0\.0\.1:\d+\/, .*\/meta, /);
    expect(run.line("github.clock")).toMatch(/^OK {4}github\.clock .*agrees with GitHub's/);
    expect(run.line("github.app")).toContain("The GitHub App `doctor` accepts the bot's private key; installed on 1 account(s): bigco.");
    expect(run.line("github.monitor")).toContain("GITHUB_MONITOR_TOKEN belongs to monitor; it does not expire.");
    expect(run.out).toMatch(/\n12 passed, 0 warnings, 0 failed, 0 not applicable\n$/);
    expect(run.code).toBe(0);
    expect(secretsIn(run)).toEqual([]);
    // Reads only: nothing was posted to Slack, nothing was created on GitHub.
    expect(slack.calls.map((c) => c.method).filter((m) => !["auth.test", "conversations.info"].includes(m))).toEqual([]);
    expect(github.requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`)).toEqual([]);
  }, 120_000);

  it("fails each broken part with what to do, runs every check even so, and exits 1", async () => {
    const { ghes, cloud } = github.state;
    const weak = ghes.issueToken("ghconnect-bot", { scopes: ["site_admin"], expiresInSec: 3 * DAY });
    const expired = cloud.issueToken("monitor", { scopes: ["read:enterprise"], expiresInSec: -60 });
    slack.setChannel("C0NOTIFY", { member: false, name: "ops" });
    cloud.clockSkewMs = -120_000;
    try {
      const run = await doctor({ GHES_TOKEN: weak, GITHUB_MONITOR_TOKEN: expired, GHES_MANAGE_PASSWORD: "not-the-password" });
      expect(run.line("slack.channel")).toContain(
        "FAIL  slack.channel   The bot is not a member of NOTIFY_CHANNEL C0NOTIFY (#ops), so announcements cannot be posted. Fix: `/invite @opsbot` in that channel.",
      );
      expect(run.line("ghes.token")).toContain("FAIL  ghes.token      GHES_TOKEN lacks the `admin:enterprise` scope.");
      expect(run.out).toMatch(/WARN {2}ghes\.token {6}GHES_TOKEN expires .* UTC \(in 2 day\(s\)\)\. Fix: put a new token in GHES_TOKEN/);
      expect(run.line("ghes.manage")).toMatch(/^FAIL {2}ghes\.manage .*`GHES_MANAGE_PASSWORD`/);
      // GitHub (its clock two minutes behind) still takes the token; its expiry header says it is over.
      expect(run.line("github.monitor")).toMatch(
        /^FAIL {2}github\.monitor {2}GITHUB_MONITOR_TOKEN expired \d{4}-\d\d-\d\d \d\d:\d\d UTC\. Fix: a new token in GITHUB_MONITOR_TOKEN/,
      );
      expect(run.line("github.clock")).toMatch(
        /^FAIL {2}github\.clock .*This machine's clock is 12\d s ahead of GitHub's .*Fix: synchronise the clock/,
      );
      // The parts that work still say so.
      expect(run.line("slack.auth")).toMatch(/^OK /);
      expect(run.line("ghes.api")).toMatch(/^OK /);
      expect(run.out).toMatch(/\n\d+ passed, 1 warnings, 5 failed, 0 not applicable\n$/);
      expect(run.code).toBe(1);
      expect(secretsIn(run)).toEqual([]);
      expect(run.out).not.toContain(weak);
      expect(run.out).not.toContain(expired);
    } finally {
      slack.setChannel("C0NOTIFY", {});
      cloud.clockSkewMs = 0;
    }
  }, 120_000);

  it("says why GHES would not name its enterprise when GHES_ENTERPRISE is unset: the token's missing scope", async () => {
    const weak = github.state.ghes.issueToken("ghconnect-bot", { scopes: ["site_admin"] });
    const run = await doctor({ GHES_TOKEN: weak, GHES_ENTERPRISE: "" });
    expect(run.line("ghes.auditLog")).toMatch(
      /^FAIL {2}ghes\.auditLog .*GraphQL INSUFFICIENT_SCOPES: .*GHES_TOKEN needs the admin:enterprise scope/,
    );
    expect(run.out).not.toContain(weak);
    expect(run.code).toBe(1);
  }, 120_000);

  it("names DATABASE_URL when PostgreSQL cannot be reached, and goes on with the other checks", async () => {
    const run = await doctor({ DATABASE_URL: "postgresql://ghconnect:hunter2secret@127.0.0.1:9/ghconnect" });
    expect(run.line("database")).toContain(
      "FAIL  database        The database did not answer or refused the bot (ECONNREFUSED). Fix: check DATABASE_URL",
    );
    expect(run.line("ghes.api")).toMatch(/^OK /);
    expect(run.out).not.toContain("hunter2secret");
    expect(run.code).toBe(1);
  }, 120_000);

  it("says which Slack token is refused, and does not go on to checks that need it", async () => {
    slack.fail("auth.test", { error: "invalid_auth" });
    const run = await doctor();
    expect(run.line("slack.auth")).toContain("FAIL  slack.auth      Slack refused `SLACK_BOT_TOKEN` (invalid_auth).");
    expect(run.out).not.toContain("slack.scopes");
    expect(run.out).not.toContain("slack.channel");
    expect(run.code).toBe(1);
  }, 120_000);

  it("refuses a broken configuration in one line that lists every problem", async () => {
    const run = await doctor({ SLACK_BOT_TOKEN: "nope", GHES_URL: "" });
    expect(run.out).toMatch(/^FAIL {2}config .*configuration problem\(s\):/);
    expect(run.out).toContain("SLACK_BOT_TOKEN must be a bot token starting with xoxb-");
    expect(run.out).toContain("GHES_URL is required");
    expect(run.code).toBe(1);
  }, 120_000);
});
