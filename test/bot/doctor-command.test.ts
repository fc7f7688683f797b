import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoSecretsLeaked, linkUser } from "../support/link-user.ts";
import { OP_ENV } from "../support/operations-setup.ts";
import { startTestBot, TEAM, type TestBot } from "../support/start-test-bot.ts";

describe("/ghconnect doctor (inside the running bot)", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot(OP_ENV);
    t.slack.addUser({ id: "UA", team_id: TEAM, locale: "en-US" });
    t.slack.addUser({ id: "UJ", team_id: TEAM, locale: "ja-JP" });
    t.slack.addUser({ id: "UB", team_id: TEAM, locale: "en-US" });
    t.github.state.ghes.addSiteAdmin("alice");
    t.github.state.ghes.addUser("bob");
    await linkUser(t, "UA", "ghes", "alice");
    await linkUser(t, "UJ", "ghes", "alice");
    await linkUser(t, "UB", "ghes", "bob");
  }, 120_000);
  afterAll(async () => {
    await expectNoSecretsLeaked(t);
    t.github.assertClean();
    t.slack.assertClean();
    await t?.stop();
  });

  const records = (action: string) =>
    t.bot.store.sql.query<{ slack_user_id: string; decision: string; reason: string | null }>(
      "SELECT actor_user AS slack_user_id, decision, reason FROM audit_events WHERE action = $1 ORDER BY id",
      [action],
    );

  it("answers a site administrator with every check, the database read from inside the bot", async () => {
    const { text } = await t.command("doctor", "UA");
    expect(text).toContain("ghconnect doctor");
    const db = t.bot.store.sql.kind === "postgres" ? "PostgreSQL answers" : "The embedded database \\(PGlite\\) answers";
    expect(text).toMatch(new RegExp(`✅ \`database\` ${db}; \\d+ migrations applied, none pending\\.`));
    expect(text).toContain("✅ `slack.auth` Slack accepts SLACK_BOT_TOKEN: bot @opsbot in Fake Team.");
    expect(text).toContain("✅ `ghes.token` GHES_TOKEN belongs to *ghconnect-bot*; it does not expire.");
    expect(text).toContain("✅ `ghes.auditLog` The GHES audit log of the enterprise `ghes-ent` is readable.");
    // Not configured here: said, not failed.
    expect(text).toContain("➖ `ghes.manage` Manage API not configured");
    expect(text).toContain("➖ `github.monitor` GITHUB_MONITOR_TOKEN not set");
    expect(text).toMatch(/⚠️ `github\.app` The GitHub App `ghconnect-bot` accepts the bot's private key but is installed on no account\./);
    expect(text).toMatch(/\d+ passed, 1 warnings, 0 failed, 2 not applicable/);
    expect(await records("doctor.run")).toContainEqual({ slack_user_id: "UA", decision: "allowed", reason: null });
    expect(await records("doctor.result")).toContainEqual({ slack_user_id: "UA", decision: "ok", reason: "none failed" });
  }, 60_000);

  it("speaks the reader's language, and names a failing check in the record", async () => {
    t.slack.setChannel("C0NOTIFY", { member: false, name: "ops" });
    try {
      const { text } = await t.command("doctor", "UJ");
      expect(text).toContain(
        "❌ `slack.channel` ボットは NOTIFY_CHANNEL C0NOTIFY（#ops）のメンバーではないため、お知らせを投稿できません。対処：そのチャンネルで `/invite @opsbot` を実行してください。",
      );
      expect(text).toMatch(/成功 \d+、警告 1、失敗 1、対象外 2/);
      expect(await records("doctor.result")).toContainEqual({ slack_user_id: "UJ", decision: "error", reason: "slack.channel" });
    } finally {
      t.slack.setChannel("C0NOTIFY", {});
    }
  }, 60_000);

  it("refuses anyone who is not a GHES site administrator, before any check runs", async () => {
    const before = t.slack.calls.filter((c) => c.method === "conversations.info").length;
    const { text } = await t.command("doctor", "UB");
    expect(text).toBe("Only a GHES site administrator (proven with `/ghconnect link ghes`) can run the doctor.");
    expect(t.slack.calls.filter((c) => c.method === "conversations.info").length).toBe(before);
    expect(await records("doctor.run")).toContainEqual({ slack_user_id: "UB", decision: "denied", reason: "not a GHES site admin" });
  }, 60_000);
});
