import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { click, currentCard, latestCard } from "../support/cards.ts";
import { eventually } from "../support/eventually.ts";
import { linkUser } from "../support/link-user.ts";
import { notices, noticeVersions, threadTs, undelivered, watchPassed, watchRow } from "../support/notices.ts";
import { OP_ENV, setUpAdmins } from "../support/operations-setup.ts";
import { startTestBot, TEAM, type TestBot } from "../support/start-test-bot.ts";
import { createDurableTestDatabase } from "../support/test-database.ts";

const WATCH_ENV = { GHES_ENTERPRISE: "ghes-ent", VERIFY_INTERVAL: "100ms" };
const quietly = () => new Promise((r) => setTimeout(r, 300));

describe("the watcher tells the channel what happens to GitHub Connect outside the bot", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot(WATCH_ENV);
    await watchPassed(t);
  });
  afterAll(async () => {
    t.github.assertClean();
    t.slack.assertClean();
    await t?.stop();
  });

  it("announces a connection made straight in GHES, its credential renewals and its removal, each once", async () => {
    const event = t.github.state.ghes.addAuditEvent({ action: "dotcom_connection.create", actor: "mallory" });
    const [parent] = await t.slack.waitFor(
      () => (notices(t, "not through ghconnect").length ? notices(t, "not through ghconnect") : undefined),
      15_000,
    );
    expect(parent?.args.text).toContain("*enabled* in GHES");
    expect(parent?.args.text).toContain("by *mallory*");
    expect(parent?.args.thread_ts).toBeUndefined();
    const state = (await watchRow(t))?.state as { instance: { connected: boolean; via: string; actor: string } };
    expect(state.instance).toMatchObject({ connected: true, via: "out_of_band", actor: "mallory" });
    const [row] = await t.bot.store.sql.query<{ action: string; reason: string; detail: { event: string } }>(
      "SELECT action, reason, detail FROM audit_events WHERE action = 'connect.create'",
    );
    expect(row).toMatchObject({ reason: "out-of-band", detail: { event: event._document_id } });

    // Credential renewals: one message a day in the connection's thread, edited in place with the count.
    const parentTs = await threadTs(t, `connection:ghes-event:${t.github.state.ghes.auditLog[0]?._document_id}`);
    for (let i = 0; i < 3; i++) t.github.state.ghes.addAuditEvent({ action: "dotcom_connection.token_updated", actor: "ghes" });
    const latest = await t.slack.waitFor(
      () => noticeVersions(t, "renewed its credentials").find((c) => String(c.args.text).includes("3 time(s)")),
      15_000,
    );
    expect(latest).toBeDefined();
    const posts = notices(t, "renewed its credentials");
    expect(posts).toHaveLength(1);
    expect(posts[0]?.args.thread_ts).toBe(parentTs);
    const recorded = await t.bot.store.sql.query("SELECT id FROM audit_events WHERE action = 'connect.token_updated'");
    expect(recorded).toHaveLength(3);

    // A disconnection in GHES is broadcast from the thread; no event is ever told twice.
    t.github.state.ghes.addAuditEvent({ action: "dotcom_connection.destroy", actor: "mallory" });
    const [post] = await t.slack.waitFor(
      () => (notices(t, "*disabled* in GHES").length ? notices(t, "*disabled* in GHES") : undefined),
      15_000,
    );
    expect(post?.args.reply_broadcast).toBe("true");
    expect(post?.args.thread_ts).toBeDefined();
    const pass = await watchPassed(t);
    await watchPassed(t, pass);
    expect(notices(t, "not through ghconnect")).toHaveLength(2);
    expect(notices(t, "renewed its credentials")).toHaveLength(1);
    expect(await undelivered(t)).toBe(0);
  });

  it("shows where the watch stands in status", async () => {
    t.slack.addUser({ id: "UA", team_id: TEAM, locale: "en-US" });
    t.github.state.ghes.addAuditEvent({ action: "dotcom_connection.destroy", actor: "trudy" });
    await t.slack.waitFor(() => notices(t, "by *trudy*")[0], 15_000);
    const answer = await t.command("status", "UA");
    expect(answer.text).toContain("*not connected* since");
    expect(answer.text).toContain("by *trudy* (not through ghconnect)");
    expect(answer.text).toMatch(/Watcher: last look/);
  });
});

describe("a late click after an operation failed on its time limit", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ ...OP_ENV, APPLY_TIMEOUT: "5m" });
    await setUpAdmins(t);
    await watchPassed(t);
  });
  afterAll(async () => {
    t.github.assertClean();
    await t?.stop();
  });

  it("is tied to that operation: verified, recorded, announced and the card updated", async () => {
    await t.command("enable org acme", "UA");
    const id = latestCard(t)?.operationId as string;
    expect(await click(t, "UA", "op-confirm", id)).toContain("Confirmed.");
    t.clock.advance(6 * 60_000);
    await t.slack.waitFor(() => notices(t, "failed")[0], 15_000);
    t.github.state.ghes.addAuditEvent({ action: "dotcom_connection.create", actor: "alice", "@timestamp": Date.now() + 1000 });
    const late = await t.slack.waitFor(() => notices(t, "Late confirmation")[0], 15_000);
    expect(late.args.text).toContain("by *alice*");
    await t.slack.waitFor(() => currentCard(t, (text) => text.includes("Verified")), 15_000);
    const [op] = await t.bot.store.sql.query<{ state: string }>("SELECT state FROM operations WHERE id = $1", [id]);
    expect(op?.state).toBe("VERIFIED");
    const [connection] = await t.bot.store.sql.query<{ state: string; operation_id: string }>(
      "SELECT state, operation_id FROM connections",
    );
    expect(connection).toEqual({ state: "CONNECTED", operation_id: id });
    await quietly();
    expect(notices(t, "not through ghconnect")).toHaveLength(0);
    expect(notices(t, "Late confirmation")).toHaveLength(1);
  });
});

describe("the bot's own credentials", () => {
  it("warns once per expiry band across a restart, and alerts at once on a rejected token and its return", async () => {
    const db = await createDurableTestDatabase();
    const first = await startTestBot(WATCH_ENV, { database: db });
    const { github, slack } = first;
    const reissue = (expiresInSec?: number) =>
      github.state.ghes.issueToken("ghconnect-bot", {
        token: first.env.GHES_TOKEN,
        scopes: ["site_admin", "admin:enterprise"],
        ...(expiresInSec ? { expiresInSec } : {}),
      });
    try {
      reissue(10 * 86_400);
      await first.slack.waitFor(() => notices(first, "`GHES_TOKEN` expires")[0], 15_000);
      expect(notices(first, "`GHES_TOKEN` expires")[0]?.args.text).toContain("(10 day(s) left)");
      first.clock.advance(4 * 86_400_000);
      await first.slack.waitFor(() => notices(first, "(6 day(s) left)")[0], 15_000);
      await first.bot.stop();

      const second = await startTestBot(WATCH_ENV, { database: db, github, slack });
      try {
        second.clock.advance(4 * 86_400_000);
        await watchPassed(second, second.clock.now());
        await watchPassed(second, second.clock.now());
        expect(notices(second, "`GHES_TOKEN` expires")).toHaveLength(2);

        github.state.ghes.revokeToken(second.env.GHES_TOKEN as string);
        await second.slack.waitFor(() => notices(second, "rejected the bot's credentials in `GHES_TOKEN`")[0], 15_000);
        reissue();
        // Repeated failures back the audit-log reads off (up to 15 minutes): move past that.
        second.clock.advance(20 * 60_000);
        await second.slack.waitFor(() => notices(second, "credentials in `GHES_TOKEN` work again")[0], 15_000);
        await quietly();
        expect(notices(second, "rejected the bot's credentials")).toHaveLength(1);
        expect(notices(second, "work again")).toHaveLength(1);
        // Only the variable's name travels: no token in the log, the outbox, the watcher's state or Slack.
        const stored = JSON.stringify(await second.bot.store.sql.query("SELECT o.payload, w.state FROM outbox_messages o, watchers w"));
        const said = JSON.stringify(second.slack.calls);
        for (const text of [second.logLines.join("\n"), stored, said]) expect(text).not.toContain(second.env.GHES_TOKEN as string);
        expect(stored).toContain("GHES_TOKEN");
      } finally {
        await second.bot.stop();
      }
    } finally {
      await Promise.all([github.close(), slack.close()]);
      await db.drop();
    }
  }, 90_000);
});

describe("announcements that cannot be lost", () => {
  it("Slack failing for 30 s delays an announcement without losing or doubling it", async () => {
    const t = await startTestBot(WATCH_ENV);
    try {
      await watchPassed(t);
      t.slack.fail("chat.postMessage", { status: 503, where: { channel: "C0NOTIFY" } }, 5);
      t.github.state.ghes.addAuditEvent({ action: "dotcom_connection.create", actor: "mallory" });
      await t.slack.waitFor(() => (notices(t, "not through ghconnect").length >= 1 ? true : undefined), 15_000);
      // Backoff 1, 2, 4, 8, 16 s: 31 s of Slack trouble, moved through with the clock.
      await eventually(
        "delivered",
        async () => {
          t.clock.advance(2_000);
          return (await undelivered(t)) === 0 ? true : undefined;
        },
        30_000,
      );
      const [row] = await t.bot.store.sql.query<{ attempts: number; delivered_revision: number; last_error: string | null }>(
        "SELECT attempts, delivered_revision, last_error FROM outbox_messages WHERE kind = 'connection.out_of_band'",
      );
      expect(row).toEqual({ attempts: 5, delivered_revision: 1, last_error: null });
      await quietly();
      expect(notices(t, "not through ghconnect")).toHaveLength(6);
    } finally {
      await t.stop();
    }
  }, 60_000);

  it("a restart announces each event that happened while the bot was down, once, and stops watching on shutdown", async () => {
    const db = await createDurableTestDatabase();
    const first = await startTestBot(WATCH_ENV, { database: db });
    const { github, slack } = first;
    try {
      await watchPassed(first);
      await first.bot.stop();
      const reads = github.requests.filter((r) => r.path === "/api/v3/enterprises/ghes-ent/audit-log").length;
      github.state.ghes.addAuditEvent({ action: "dotcom_connection.create", actor: "while-down-1" });
      github.state.ghes.addAuditEvent({ action: "dotcom_connection.token_updated", actor: "ghes" });
      github.state.ghes.addAuditEvent({ action: "dotcom_connection.destroy", actor: "while-down-2" });
      await quietly();
      // The stopped bot no longer reads anything.
      expect(github.requests.filter((r) => r.path === "/api/v3/enterprises/ghes-ent/audit-log").length).toBe(reads);

      const second = await startTestBot(WATCH_ENV, { database: db, github, slack });
      try {
        await second.slack.waitFor(() => notices(second, "by *while-down-2*")[0], 15_000);
        await second.slack.waitFor(() => notices(second, "renewed its credentials")[0], 15_000);
        await watchPassed(second, await watchPassed(second));
        expect(notices(second, "by *while-down-1*")).toHaveLength(1);
        expect(notices(second, "by *while-down-2*")).toHaveLength(1);
        expect(notices(second, "renewed its credentials")).toHaveLength(1);
      } finally {
        await second.bot.stop();
      }
    } finally {
      await Promise.all([github.close(), slack.close()]);
      await db.drop();
    }
  }, 60_000);

  it("a process stopped between the fact and its announcement announces after restart, once", async () => {
    const db = await createDurableTestDatabase();
    const first = await startTestBot(WATCH_ENV, { database: db });
    const { github } = first;
    try {
      await watchPassed(first);
      const release = first.slack.hold("chat.postMessage");
      github.state.ghes.addAuditEvent({ action: "dotcom_connection.destroy", actor: "mallory" });
      await eventually(
        "the fact recorded",
        async () =>
          (await first.bot.store.sql.query("SELECT id FROM audit_events WHERE action = 'connect.destroy'")).length ? true : undefined,
        15_000,
      );
      // The post never reaches Slack: the process goes away while holding it.
      await first.bot.stop();
      await first.slack.close();
      release();

      const second = await startTestBot(WATCH_ENV, { database: db, github });
      try {
        second.clock.advance(2 * 60_000);
        await second.slack.waitFor(() => notices(second, "*disabled* in GHES")[0], 15_000);
        await quietly();
        expect(notices(second, "*disabled* in GHES")).toHaveLength(1);
        expect(await undelivered(second)).toBe(0);
      } finally {
        await second.stop();
      }
    } finally {
      await github.close();
      await db.drop();
    }
  }, 60_000);
});

describe("the App Home dashboard", () => {
  it("shows the watch and the viewer's links in their language, records nothing for a look, and unlinks with a button", async () => {
    const t = await startTestBot(WATCH_ENV);
    try {
      t.slack.addUser({ id: "UJ", team_id: TEAM, locale: "ja-JP" });
      t.github.state.ghes.addSiteAdmin("jiro");
      await linkUser(t, "UJ", "ghes", "jiro");
      await watchPassed(t);
      t.github.state.ghes.addAuditEvent({ action: "dotcom_connection.create", actor: "mallory" });
      await t.slack.waitFor(() => notices(t, "not through ghconnect")[0], 15_000);
      const auditBefore = await t.bot.store.sql.query("SELECT id FROM audit_events");
      const opened = await t.sender.event({
        type: "event_callback",
        team_id: TEAM,
        api_app_id: "A0TEST",
        event: { type: "app_home_opened", user: "UJ", tab: "home", channel: "D0HOME" },
        event_id: "EvHome",
        event_time: 1,
      });
      expect(opened.status).toBe(200);
      const home = await t.slack.waitFor(() => t.slack.calls.find((c) => c.method === "views.publish" && c.args.user_id === "UJ"), 15_000);
      const view = JSON.stringify(home.args.view);
      expect(view).toContain("GitHub の記録による GitHub Connect");
      expect(view).toContain("*mallory*");
      expect(view).toContain("監視：最後の確認");
      expect(view).toContain("*jiro*");
      expect(view).toContain("home-unlink:ghes");
      expect(view).not.toContain("home-unlink:cloud");
      expect(await t.bot.store.sql.query("SELECT id FROM audit_events")).toHaveLength(auditBefore.length);

      const clicked = await t.sender.action({
        user: { id: "UJ", team_id: TEAM },
        actions: [{ action_id: "home-unlink:ghes", value: "ghes", block_id: "home-link" }],
        response_url: t.slack.newResponseUrl(),
      });
      expect(clicked.status).toBe(200);
      await eventually(
        "the link removed",
        async () => ((await t.bot.store.sql.query("SELECT id FROM identity_links")).length === 0 ? true : undefined),
        15_000,
      );
      const republished = await t.slack.waitFor(
        () => t.slack.calls.filter((c) => c.method === "views.publish" && c.args.user_id === "UJ")[1],
        15_000,
      );
      expect(JSON.stringify(republished.args.view)).not.toContain("home-unlink:ghes");
      await t.slack.waitFor(() => notices(t, "removed their GitHub Enterprise Server link (*jiro*)")[0], 15_000);
      t.slack.assertClean();
    } finally {
      await t.stop();
    }
  }, 60_000);
});

describe("bad days", () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await startTestBot(WATCH_ENV);
    await watchPassed(t);
  });
  afterEach(async () => {
    await t?.stop();
  });
  const auditReads = () => t.github.requests.filter((r) => r.path === "/api/v3/enterprises/ghes-ent/audit-log").length;
  const source = async () =>
    ((await watchRow(t))?.state as { sources: Record<string, { ok: boolean; detail: string }> } | undefined)?.sources.ghes_audit;

  it("backs off as a rate limit says, shows what it could not read, alerts only when blind for long, and tells the end", async () => {
    t.github.fail({
      server: "ghes",
      path: "/api/v3/enterprises/ghes-ent/audit-log",
      status: 429,
      headers: { "retry-after": "600" },
      body: { message: "You have exceeded a secondary rate limit." },
    });
    await eventually("the rate limit seen", async () => ((await source())?.ok === false ? true : undefined));
    const reads = auditReads();
    const pass = await watchPassed(t);
    await watchPassed(t, await watchPassed(t, pass));
    expect(auditReads()).toBe(reads);
    t.slack.addUser({ id: "UA", team_id: TEAM, locale: "en-US" });
    expect((await t.command("status", "UA")).text).toContain("Cannot read the GHES audit log since");
    // GitHub keeps failing after the wait: quiet until the blindness has lasted 15 minutes, then one alert.
    t.github.fail({ server: "ghes", path: "/api/v3/enterprises/ghes-ent/audit-log", status: 502, times: 2 });
    t.clock.advance(11 * 60_000);
    await eventually("read again after the wait", async () => (auditReads() > reads ? true : undefined));
    expect(notices(t, "cannot read")).toHaveLength(0);
    t.clock.advance(20 * 60_000);
    await t.slack.waitFor(() => notices(t, "cannot read the GHES audit log")[0], 15_000);
    t.clock.advance(20 * 60_000);
    await t.slack.waitFor(() => notices(t, "reads the GHES audit log again")[0], 15_000);
    expect(notices(t, "cannot read the GHES audit log")).toHaveLength(1);
  });

  it("skips a malformed answer without crashing and reads on", async () => {
    t.github.fail({
      server: "ghes",
      path: "/api/v3/enterprises/ghes-ent/audit-log",
      status: 200,
      body: [{ action: 42 }, { "@timestamp": "soon" }, "nonsense", null],
    });
    t.github.state.ghes.addAuditEvent({ action: "dotcom_connection.create", actor: "zoe" });
    await t.slack.waitFor(() => notices(t, "by *zoe*")[0], 15_000);
    expect((await source())?.ok).toBe(true);
    t.github.fail({ server: "ghes", path: "/api/v3/enterprises/ghes-ent/audit-log", status: 200, body: { not: "a list" } });
    t.github.state.ghes.addAuditEvent({ action: "dotcom_connection.destroy", actor: "zoe" });
    await t.slack.waitFor(() => notices(t, "*disabled* in GHES")[0], 15_000);
    expect(t.logLines.join("\n")).not.toContain(t.env.GHES_TOKEN as string);
  });
});
