import { expect } from "vitest";
import type { TestBot } from "./start-test-bot.ts";

/** Runs the real device flow for one side: command, code from the fake, approval, then the follow-up. */
export async function linkUser(t: TestBot, user: string, side: "ghes" | "cloud", login: string): Promise<string> {
  const device = side === "ghes" ? t.github.state.ghes.device : t.github.state.cloud.device;
  const started = await t.command(`link ${side}`, user);
  const code = device.latest();
  expect(code).toBeDefined();
  expect(started.text).toContain(code?.userCode);
  device.approve(code?.userCode as string, login);
  return t.slack.waitFor(() => t.answers(started.responseId)[1], 10_000);
}

/** Every secret the run handed out or was configured with, for the "never printed" scans. */
export function knownSecrets(t: TestBot): string[] {
  const { ghes, cloud } = t.github.state;
  return [
    ...ghes.tokens.keys(),
    ...cloud.tokens.keys(),
    ...ghes.device.refreshTokens.keys(),
    ...cloud.device.refreshTokens.keys(),
    ...ghes.device.codes.map((c) => c.deviceCode),
    ...cloud.device.codes.map((c) => c.deviceCode),
    t.env.SLACK_BOT_TOKEN as string,
    t.env.SLACK_SIGNING_SECRET as string,
    t.env.GHES_TOKEN as string,
    t.env.ENCRYPTION_KEY as string,
    "PRIVATE KEY",
  ];
}

/** Every row of every table the bot owns, as text (tokens at rest are sealed envelopes, so they never match). */
export async function allTables(t: TestBot): Promise<Array<[string, string]>> {
  const tables = await t.bot.store.sql.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
  );
  expect(tables.map((r) => r.table_name)).toContain("outbox_messages");
  const out: Array<[string, string]> = [];
  for (const { table_name } of tables) {
    out.push([
      `table ${table_name}`,
      JSON.stringify(await t.bot.store.sql.query(`SELECT * FROM "${table_name}"`), (_k, v: unknown) =>
        typeof v === "bigint" ? String(v) : v,
      ),
    ]);
  }
  return out;
}

/** Scans every table, log lines and everything sent to Slack (calls and replies) for any known secret. */
export async function expectNoSecretsLeaked(t: TestBot): Promise<void> {
  const secrets = knownSecrets(t);
  expect(secrets.length).toBeGreaterThan(8);
  const places: Array<[string, string]> = [
    ...(await allTables(t)),
    ["log lines", t.logLines.join("\n")],
    // The bot token itself travels to Slack as its credential (auth.test); every other field must be clean.
    ["Slack API calls", JSON.stringify(t.slack.calls.map(({ args: { token: _credential, ...rest } }) => rest))],
    ["Slack responses", JSON.stringify(t.slack.responses)],
  ];
  for (const [where, text] of places) {
    for (const secret of secrets) {
      if (text.includes(secret)) throw new Error(`a secret (${secret.slice(0, 4)}…) appears in ${where}`);
    }
  }
}
