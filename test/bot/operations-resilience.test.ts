import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { click, currentCard, latestCard } from "../support/cards.ts";
import { eventually } from "../support/eventually.ts";
import { linkUser } from "../support/link-user.ts";
import { OP_ENV, setUpAdmins } from "../support/operations-setup.ts";
import { startTestBot, TEAM, type TestBot } from "../support/start-test-bot.ts";
import { createDurableTestDatabase, createTestDatabaseOf } from "../support/test-database.ts";

const announcements = (t: TestBot, words: string) =>
  t.slack.calls.filter((c) => c.method === "chat.postMessage" && c.args.channel === "C0NOTIFY" && String(c.args.text).includes(words));

describe("a second approver", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ ...OP_ENV, REQUIRE_SECOND_APPROVER: "true" });
    await setUpAdmins(t);
    // Alice's second Slack account, linked to the same GitHub identities.
    t.slack.addUser({ id: "UA2", team_id: TEAM, locale: "en-US" });
    await linkUser(t, "UA2", "ghes", "alice");
    await linkUser(t, "UA2", "cloud", "alice-gh");
  });
  afterAll(async () => t?.stop());

  it("is required: the requester's own click, and their second Slack account linked to the same logins, are refused; another owner's is accepted", async () => {
    await t.command("enable org acme", "UA");
    const card = latestCard(t);
    expect(card?.text).toContain("other than the requester, can confirm");
    expect(await click(t, "UA", "op-confirm", card?.operationId as string)).toContain("A second approver is required");
    expect(await click(t, "UA2", "op-confirm", card?.operationId as string)).toContain("A second approver is required");
    expect(await click(t, "UB", "op-confirm", card?.operationId as string)).toContain("Confirmed.");
  });
});

describe("GitHub failing at each step leaves a consistent record and a clear message", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ ...OP_ENV, APPLY_TIMEOUT: "1m" });
    await setUpAdmins(t);
    t.slack.addUser({ id: "UJ", team_id: TEAM, locale: "ja-JP" });
    await linkUser(t, "UJ", "ghes", "alice");
    await linkUser(t, "UJ", "cloud", "alice-gh");
  });
  afterAll(async () => t?.stop());

  it("a GHES 5xx in the preflight: named, and the operation ends FAILED with nothing started", async () => {
    t.github.fail({ server: "ghes", path: "/api/v3/meta", status: 503 });
    const answer = await t.command("enable org acme", "UA");
    expect(answer.text).toContain(
      "GHES version: GitHub Enterprise Server answered with a server error (503). Nothing was changed; try again later.",
    );
    const [op] = await t.bot.store.sql.query<{ state: string; reason: string }>(
      "SELECT state, reason FROM operations ORDER BY created_at DESC LIMIT 1",
    );
    expect(op).toEqual({ state: "FAILED", reason: "preflight:version.github_error" });
  });

  it("a rate limit on the app installation check is named", async () => {
    t.github.fail({
      server: "cloudApi",
      path: "/orgs/acme/installation",
      status: 403,
      headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 600) },
      body: { message: "API rate limit exceeded" },
    });
    expect((await t.command("enable org acme", "UA")).text).toMatch(
      /The bot.s GitHub App: GitHub Enterprise Cloud rate limit reached\. Try again after <!date\^\d+\^.*\|\d{4}-\d\d-\d\d \d\d:\d\d UTC>/,
    );
  });

  it("a rejected bot token (401) tells the administrator to check it, not to retry", async () => {
    const [token] = [...t.github.state.ghes.tokens.values()].filter((r) => r.login === "ghconnect-bot").map((r) => r.token);
    t.github.state.ghes.revokeToken(token as string);
    try {
      const answer = await t.command("enable org acme", "UA");
      // The variable to replace and who must do it, not "try again".
      expect(answer.text).toContain("GitHub Enterprise Server rejected the bot's own credential in `GHES_TOKEN`");
      expect(answer.text).toContain("An operator must replace `GHES_TOKEN`");
    } finally {
      t.github.state.ghes.issueToken("ghconnect-bot", { token: t.env.GHES_TOKEN, scopes: ["site_admin", "admin:enterprise"] });
    }
  });

  it("an enterprise audit log GHES does not find points at GHES_ENTERPRISE and the token's scope", async () => {
    // The preflight's own read (the watcher's always carries an order).
    t.github.fail({ server: "ghes", path: "/api/v3/enterprises/ghes-ent/audit-log", query: { order: undefined }, status: 404, times: 1 });
    const answer = await t.command("enable org acme", "UA");
    expect(answer.text).toContain("An operator must check `GHES_ENTERPRISE`");
    expect(answer.text).toContain("`admin:enterprise` scope");
  });

  it("Slack refusing the card (bot not in the channel) fails the operation and says what to do", async () => {
    t.slack.fail("chat.postMessage", { error: "not_in_channel", where: { channel: "C0WORK" } });
    const answer = await t.command("enable org acme", "UA");
    expect(answer.text).toContain("I could not post the confirmation card in this channel (not_in_channel)");
    const [op] = await t.bot.store.sql.query<{ state: string; reason: string }>(
      "SELECT state, reason FROM operations ORDER BY created_at DESC LIMIT 1",
    );
    expect(op).toEqual({ state: "FAILED", reason: "CARD_NOT_POSTED" });
  });

  it("a GitHub error at the click refuses the click and keeps the card live", async () => {
    await t.command("enable org acme", "UJ");
    const card = latestCard(t);
    // The channel reads the card: its language is NOTIFY_LANGUAGE (English by default), not the Japanese requester's.
    expect(card?.text).toContain("to GitHub Enterprise Cloud?");
    t.github.fail({ server: "cloudApi", path: "/user/memberships/orgs/acme", status: 502 });
    const answer = await click(t, "UA", "op-confirm", card?.operationId as string);
    expect(answer).toContain("could not be checked");
    expect(answer).toContain("server error (502)");
    const [op] = await t.bot.store.sql.query<{ state: string }>("SELECT state FROM operations WHERE id = $1", [card?.operationId]);
    expect(op?.state).toBe("AWAITING_CONFIRMATION");
  });

  it("an audit-log outage or timeout while applying is retried, and a change that never shows fails after APPLY_TIMEOUT, announced", async () => {
    // A timeout needs a bot that gives up soon and an audit log that never answers, so no race decides the
    // outcome. That bot has fakes of its own: this describe's bot must not take (or be slowed by) its faults.
    const impatient = await startTestBot({ ...OP_ENV, APPLY_TIMEOUT: "1m", NOTIFY_LANGUAGE: "ja" }, { githubTimeoutSeconds: 2 });
    // The operation's own reading of the audit log; the watcher reads the same path, always with an order.
    const operationCheck = { server: "ghes", path: "/api/v3/enterprises/ghes-ent/audit-log", query: { order: undefined } } as const;
    try {
      await setUpAdmins(impatient);
      impatient.slack.addUser({ id: "UJ", team_id: TEAM, locale: "ja-JP" });
      await linkUser(impatient, "UJ", "ghes", "alice");
      await linkUser(impatient, "UJ", "cloud", "alice-gh");
      await impatient.command("enable org acme", "UJ");
      const card = latestCard(impatient);
      impatient.github.fail({ ...operationCheck, hang: true, times: 1 });
      impatient.github.fail({ ...operationCheck, status: 500, times: 3 });
      // The clicker's answer is in English, the card and the announcement in the channel's Japanese (NOTIFY_LANGUAGE).
      expect(card?.text).toContain("GitHub Enterprise Cloud に接続しますか？");
      expect(await click(impatient, "UA", "op-confirm", card?.operationId as string)).toContain("Confirmed.");
      const failedPass = (code: string) => () =>
        impatient.logLines.some((l) => l.includes("could not be processed") && l.includes(code)) ? true : undefined;
      await impatient.slack.waitFor(failedPass("GITHUB_TIMEOUT"), 15_000);
      await impatient.slack.waitFor(failedPass("GITHUB_SERVER_ERROR"), 15_000);
      const [applying] = await impatient.bot.store.sql.query<{ state: string }>("SELECT state FROM operations WHERE id = $1", [
        card?.operationId,
      ]);
      expect(applying?.state).toBe("APPLYING");
      // From here on the audit log never answers: the deadline must still end the operation.
      impatient.github.fail({ ...operationCheck, status: 500, times: 100_000 });
      impatient.clock.advance(2 * 60_000);
      const failed = await impatient.slack.waitFor(() => announcements(impatient, "失敗しました")[0], 10_000);
      expect(String(failed.args.text)).toContain("失敗しました");
      const [op] = await impatient.bot.store.sql.query<{ state: string; reason: string }>(
        "SELECT state, reason FROM operations WHERE id = $1",
        [card?.operationId],
      );
      expect(op).toEqual({ state: "FAILED", reason: "apply_timeout" });
    } finally {
      await impatient.stop();
    }
  }, 60_000);
});

describe("a restarted bot", () => {
  it("resumes an operation that was applying and expires one that ran out while it was down", async () => {
    const db = await createDurableTestDatabase();
    const first = await startTestBot(OP_ENV, { database: db });
    const { github, slack } = first;
    try {
      await setUpAdmins(first);
      github.state.cloud.addOrg("beta");
      github.state.cloud.addOrgMember("beta", "alice-gh", "admin");
      github.state.cloud.install(42, { org: "beta" });
      await first.command("enable org acme", "UA");
      const applying = latestCard(first)?.operationId as string;
      expect(await click(first, "UA", "op-confirm", applying)).toContain("Confirmed.");
      await first.command("enable org beta", "UA");
      // A process that died during a preflight leaves a REQUESTED row that would block its account.
      await first.bot.store.sql.exec(
        "INSERT INTO operations (id, kind, account_kind, account_slug, state, requested_team, requested_user, expires_at, updated_at) VALUES ('11111111-1111-4111-8111-111111111111', 'ENABLE', 'ORG', 'gamma', 'REQUESTED', 'T0TEST', 'UA', now() + interval '15 minutes', now())",
      );
      await first.bot.stop();

      github.state.ghes.addAuditEvent({ action: "dotcom_connection.create", actor: "alice", "@timestamp": Date.now() + 1000 });
      const second = await startTestBot(OP_ENV, { database: db, github, slack });
      try {
        second.clock.advance(20 * 60_000);
        await second.slack.waitFor(() => announcements(second, "is now connected to the organization *acme*")[0], 10_000);
        await second.slack.waitFor(() => currentCard(second, (text) => text.includes("Expired without confirmation")), 10_000);
        const states = await eventually("three settled operations", async () => {
          const rows = await second.bot.store.sql.query<{ account_slug: string; state: string }>(
            "SELECT account_slug, state FROM operations WHERE state IN ('VERIFIED', 'EXPIRED', 'FAILED') ORDER BY account_slug",
          );
          return rows.length === 3 ? rows : undefined;
        });
        expect(states).toEqual([
          { account_slug: "acme", state: "VERIFIED" },
          { account_slug: "beta", state: "EXPIRED" },
          { account_slug: "gamma", state: "FAILED" },
        ]);
      } finally {
        await second.bot.stop();
      }
    } finally {
      await Promise.all([github.close(), slack.close()]);
      await db.drop();
    }
  }, 60_000);
});

// Two processes can share only a real PostgreSQL; CI runs this with TEST_DATABASE_URL set.
describe.skipIf(!process.env.TEST_DATABASE_URL)("two bot instances on one PostgreSQL", () => {
  it("turn clicks in both into exactly one transition and one effect", async () => {
    const db = await createTestDatabaseOf("postgres");
    const a = await startTestBot(OP_ENV, { database: db });
    const b = await startTestBot(OP_ENV, { database: db, github: a.github, slack: a.slack });
    try {
      await setUpAdmins(a);
      await a.command("enable org acme", "UA");
      const id = latestCard(a)?.operationId as string;
      const answers = await Promise.all([
        click(a, "UA", "op-confirm", id),
        click(b, "UB", "op-confirm", id),
        click(a, "UB", "op-confirm", id),
        click(b, "UA", "op-confirm", id),
      ]);
      expect(answers.filter((x) => x.startsWith("Confirmed."))).toHaveLength(1);
      const events = await a.bot.store.sql.query<{ action: string }>(
        "SELECT action FROM audit_events WHERE action IN ('operation.confirmed', 'operation.applying') ORDER BY id",
      );
      expect(events.map((e) => e.action)).toEqual(["operation.confirmed", "operation.applying"]);
      a.github.state.ghes.addAuditEvent({ action: "dotcom_connection.create", actor: "alice", "@timestamp": Date.now() + 1000 });
      await a.slack.waitFor(() => announcements(a, "is now connected")[0], 10_000);
      await new Promise((r) => setTimeout(r, 500));
      expect(announcements(a, "is now connected")).toHaveLength(1);
    } finally {
      await b.bot.stop();
      await a.stop();
      await db.drop();
    }
  }, 60_000);
});
