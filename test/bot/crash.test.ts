// The real bot process, killed with SIGKILL at each step of enable and disable, restarted on the same database and
// driven on to the end. What must survive a crash: no stuck operation, no doubled effect, no lost announcement, no
// lost audit row. Every kill point is observed through the fakes (a GitHub request left hanging, a Slack call held).
import { afterAll, describe, expect, it, vi } from "vitest";
import type { SqlSession } from "../../src/adapters/store/sql-driver.ts";
import { evidenceWords } from "../../src/core/messages/evidence-words.ts";
import { translator } from "../../src/core/messages/translate.ts";
import type { SlackApiCall } from "../fakes/slack/fake-slack.ts";
import { click, latestCard } from "../support/cards.ts";
import {
  AUDIT_LOG,
  type ChildBot,
  cardPosts,
  checkRead,
  dropRigTemplate,
  isCheckRead,
  isWatcherRead,
  linkBothSides,
  operationIdOf,
  type Rig,
  requestsSeen,
  startRig,
  verifiedCard,
} from "../support/child-bot.ts";
import { eventually } from "../support/eventually.ts";
import { notices, watchPassed } from "../support/notices.ts";
import { OP_ENV, setUpAdmins } from "../support/operations-setup.ts";
import { startTestBot, type TestBot } from "../support/start-test-bot.ts";

type Kind = "enable" | "disable";
type Step = "preflight" | "card" | "applying" | "verifying" | "edit" | "announcement";
interface Planned {
  kind: Kind;
  kills: Step[];
}

const TTL_MS = 60_000; // the shortest CONFIRMATION_TTL the bot accepts; the outbox's claim is as long
const LONG_WAIT_MS = TTL_MS + 60_000;
const EVENT = { enable: "dotcom_connection.create", disable: "dotcom_connection.destroy" } as const;
const ANNOUNCED = {
  enable: "is now connected to the organization *acme*",
  disable: "was disconnected from the organization *acme*",
} as const;
const TERMINAL = ["VERIFIED", "FAILED", "CANCELLED", "EXPIRED", "DENIED"];

interface Scenario {
  rig: Rig;
  bot: ChildBot;
  /**
   * The steps whose announcement Slack had already taken when the bot was killed for another reason (the card's
   * edit): killed before it could mark the post delivered, the next process posts again (decision 004's one window).
   */
  announcedAtKill: Set<Planned>;
}

/** SIGKILL, then a new process on the same database (PGlite must recover from the kill). */
async function restart(s: Scenario, release?: () => void): Promise<void> {
  await s.bot.kill();
  release?.();
  s.bot = await s.rig.start();
}

async function status(s: Scenario): Promise<string> {
  return s.bot.answer(await s.bot.send("status acme"));
}

/** Asks `status` every second until it shows what is awaited: the bot's own view, read while it runs. */
async function statusUntil(s: Scenario, done: (text: string) => boolean, what: string): Promise<void> {
  const deadline = Date.now() + LONG_WAIT_MS;
  for (;;) {
    const text = await status(s);
    if (done(text)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; status says:\n${text}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

const settled = (s: Scenario) =>
  statusUntil(
    s,
    (text) => !text.includes("In flight") && !text.includes("waiting for Slack"),
    "no operation in flight and no announcement owed",
  );

/** Kills the bot in the middle of the request (preflight or card), then waits until the worker fails that request. */
async function interruptRequest(s: Scenario, kind: Kind, step: "preflight" | "card"): Promise<void> {
  const { github, slack } = s.rig;
  const [requests, posts] = [github.requests.length, cardPosts(s.rig).length];
  const interrupted = notices(s.rig, "restarted while preparing the confirmation card").length;
  // GET /meta is asked by the preflight alone (the GHES version).
  if (step === "preflight") github.fail({ server: "ghes", method: "GET", path: "/api/v3/meta", hang: true });
  const release = step === "card" ? slack.hold("chat.postMessage") : undefined;
  await s.bot.send(`${kind} org acme`);
  if (step === "preflight") await requestsSeen(s.rig, requests, (r) => r.server === "ghes" && r.path === "/api/v3/meta");
  else await slack.waitFor(() => cardPosts(s.rig)[posts], 30_000);
  await restart(s, release);
  if (step === "card") {
    // Slack has the card (it answered once released) but the dead bot never stored where: its button must do nothing.
    // Nothing can edit that card either, so it keeps its buttons.
    const orphan = await slack.waitFor(() => (cardPosts(s.rig)[posts]?.ts ? cardPosts(s.rig)[posts] : undefined));
    expect(await s.bot.click("UA", "op-confirm", operationIdOf(orphan), { channel: "C0WORK", ts: orphan.ts as string })).toContain(
      "does not belong to the card",
    );
  }
  // The half-done request blocks the account until the worker fails it, once its TTL has run out.
  await statusUntil(s, (text) => !text.includes("In flight"), "the interrupted request to be failed");
  // The channel is told, since the requester's answer died with the process.
  await slack.waitFor(() => notices(s.rig, "restarted while preparing the confirmation card")[interrupted], 30_000);
  if (step === "card") {
    // Now that it has ended, the orphan card shows so and loses its buttons.
    const orphan = cardPosts(s.rig)[posts] as SlackApiCall;
    expect(await s.bot.click("UA", "op-confirm", operationIdOf(orphan), { channel: "C0WORK", ts: orphan.ts as string })).toContain(
      "already decided",
    );
    const shown = await slack.waitFor(() => slack.calls.find((c) => c.method === "chat.update" && c.args.ts === orphan.ts && !c.failed));
    expect(JSON.stringify(shown.args.blocks)).toContain("Failed");
    expect(JSON.stringify(shown.args.blocks)).not.toContain('"actions"');
  }
}

/** Runs one operation from the command to its verified card and announcement, killing the bot at each of `kills`. */
async function runOperation(s: Scenario, planned: Planned): Promise<void> {
  const { kind, kills } = planned;
  const killed = (step: Step) => kills.includes(step);
  if (killed("preflight")) await interruptRequest(s, kind, "preflight");
  if (killed("card")) await interruptRequest(s, kind, "card");
  const { github, slack } = s.rig;
  const [posts, announced] = [cardPosts(s.rig).length, notices(s.rig, ANNOUNCED[kind]).length];
  expect(await s.bot.answer(await s.bot.send(`${kind} org acme`))).toContain("I posted the confirmation card");
  const post = cardPosts(s.rig)[posts] as SlackApiCall;
  const card = { channel: "C0WORK", ts: post.ts as string };

  const confirming = github.requests.length;
  if (killed("applying")) github.fail({ ...checkRead, hang: true });
  expect(await s.bot.click("UA", "op-confirm", operationIdOf(post), card)).toContain("Confirmed.");
  if (killed("applying")) {
    await requestsSeen(s.rig, confirming, isCheckRead);
    await restart(s);
    expect(await status(s)).toContain("confirmed, waiting for the change in GHES");
  } else {
    // A person takes seconds to click in GHES: a watcher pass that began before the confirmation does not read the
    // click here (when it does, that is a bug of its own, shown at the end of this file).
    await requestsSeen(s.rig, confirming, isWatcherRead, 2);
  }

  const clicking = github.requests.length;
  // The click in GHES and the hanging fault land in the same tick: the first look that could see it never answers.
  if (killed("verifying")) github.fail({ ...checkRead, hang: true });
  const release = killed("announcement") ? slack.hold("chat.postMessage") : undefined;
  const releaseEdit = killed("edit") ? slack.hold("chat.update") : undefined;
  github.state.ghes.addAuditEvent({ action: EVENT[kind], actor: "alice", "@timestamp": Date.now() + 1000 });
  if (killed("edit")) {
    // Verified and committed; the card's edit is on its way when the process dies, and Slack then drops it.
    await slack.waitFor(
      () => slack.calls.find((c) => c.method === "chat.update" && c.args.ts === card.ts && /Verified/.test(JSON.stringify(c.args))),
      30_000,
    );
    slack.fail("chat.update", { error: "internal_error", where: { ts: card.ts } });
    // The outbox sender is not held: it may have posted the announcement meanwhile and be about to mark it.
    if (notices(s.rig, ANNOUNCED[kind]).length > announced) s.announcedAtKill.add(planned);
    await restart(s, releaseEdit);
  }
  if (killed("verifying")) {
    await requestsSeen(s.rig, clicking, isCheckRead);
    await restart(s);
  }
  if (killed("announcement")) {
    // The card's edit follows the commit at once; waiting for it keeps the kill on the announcement alone.
    await slack.waitFor(() => (notices(s.rig, ANNOUNCED[kind])[announced] ? verifiedCard(s.rig, card.ts) : undefined), 30_000);
    await restart(s, release);
  }
  // Another announcement still claimed by a killed bot holds this one back until its claim runs out.
  await slack.waitFor(() => notices(s.rig, ANNOUNCED[kind])[announced], LONG_WAIT_MS);
  await slack.waitFor(() => verifiedCard(s.rig, card.ts), 30_000);
  expect(verifiedCard(s.rig, card.ts)?.live).toBe(false);
  // The watcher reads the click before anything else is confirmed (the other bug at the end of this file).
  await requestsSeen(s.rig, clicking, isWatcherRead, 2);
}

const TRAIL: Record<string, (kind: string) => string[]> = {
  VERIFIED: (kind) => [
    `operation.${kind}.requested`,
    "operation.awaiting_confirmation",
    "operation.confirmed",
    "operation.applying",
    "operation.verified",
  ],
  FAILED: (kind) => [`operation.${kind}.requested`, "operation.failed"],
};

async function readRecords(sql: SqlSession) {
  const ops = await sql.query<{ id: string; kind: string; state: string; reason: string | null }>(
    "SELECT id::text, lower(kind::text) AS kind, state::text, reason FROM operations ORDER BY created_at",
  );
  const audit = await sql.query<{ op: string; action: string }>("SELECT detail->>'operation' AS op, action FROM audit_events ORDER BY id");
  return {
    ops,
    trails: ops.map((op) => audit.filter((a) => a.op === op.id).map((a) => a.action)),
    connections: await sql.query<{ account: string; state: string; operation_id: string }>(
      "SELECT account_kind || ':' || account_slug AS account, state::text, operation_id::text FROM connections",
    ),
    outbox: await sql.query<{ dedupe_key: string; kind: string; owed: boolean }>(
      "SELECT dedupe_key, kind, (delivered_revision < revision OR given_up_at IS NOT NULL) AS owed FROM outbox_messages ORDER BY id",
    ),
    watched: await sql.query<{ reason: string }>(
      "SELECT reason FROM audit_events WHERE action IN ('connect.create', 'connect.destroy') ORDER BY id",
    ),
    orphanClicks: await sql.query<{ reason: string }>(
      "SELECT reason FROM audit_events WHERE action = 'operation.confirm.refused' ORDER BY id",
    ),
  };
}

/** What the database and Slack hold once the bot is down: each operation ended once, fully recorded and announced. */
async function expectRecords(rig: Rig, plan: Planned[], announcedAtKill: Set<Planned>): Promise<void> {
  const r = await rig.inspect(readRecords);
  const expected = plan.flatMap((planned) => [
    ...(planned.kills.includes("preflight") || planned.kills.includes("card")
      ? [{ kind: planned.kind, outcome: "FAILED interrupted", repeatable: false }]
      : []),
    { kind: planned.kind, outcome: "VERIFIED", repeatable: planned.kills.includes("announcement") || announcedAtKill.has(planned) },
  ]);
  expect(r.ops.map((op) => `${op.kind} ${op.state}${op.state === "FAILED" ? ` ${op.reason}` : ""}`)).toEqual(
    expected.map((e) => `${e.kind} ${e.outcome}`),
  );
  expect(r.ops.every((op) => TERMINAL.includes(op.state))).toBe(true);
  for (const [i, op] of r.ops.entries()) expect(r.trails[i], `audit trail of ${op.kind} ${op.state}`).toEqual(TRAIL[op.state]?.(op.kind));

  const verified = r.ops.filter((op) => op.state === "VERIFIED");
  const last = plan.at(-1)?.kind;
  expect(r.connections).toEqual([
    { account: "ORG:acme", state: last === "enable" ? "CONNECTED" : "DISCONNECTED", operation_id: verified.at(-1)?.id },
  ]);
  // Each operation's end is announced once, an interrupted request's too (its requester was never answered).
  expect(r.outbox.filter((m) => m.kind === "operation.result").map((m) => m.dedupe_key)).toEqual(
    r.ops.map((op) => `operation:${op.id}:${op.state}`),
  );
  expect(r.outbox.filter((m) => m.owed || m.kind === "connection.out_of_band")).toEqual([]);
  // The watcher read the same clicks in GHES: each once, and taken for the operation's, not a change outside ghconnect.
  expect(r.watched.map((w) => w.reason)).toEqual(verified.map((op) => `operation:${op.id}`));
  expect(r.orphanClicks.map((c) => c.reason)).toEqual(
    plan.filter((p) => p.kills.includes("card")).flatMap(() => ["OPERATION_CARD_MISMATCH", "orphan card; state FAILED"]),
  );

  for (const [i, op] of r.ops.entries()) {
    if (op.state !== "VERIFIED") continue;
    // The evidence (who, when) is in the announcement and tells one operation's from another's.
    const posted = notices(rig, evidenceWords(translator("en"), op.reason)).length;
    expect(posted, `announcements of ${op.kind} ${op.reason}`).toBeGreaterThanOrEqual(1);
    // Only a kill while Slack held the post may repeat it: Slack had it, the dead bot never learnt so.
    expect(posted, `announcements of ${op.kind} ${op.reason}`).toBeLessThanOrEqual(expected[i]?.repeatable ? 2 : 1);
  }
  rig.github.assertClean();
  rig.slack.assertClean();
}

const WHEN: Record<Step, string> = {
  preflight: "during its preflight (GHES /meta hangs)",
  card: "while Slack holds its card",
  applying: "after the confirmation, while reading the GHES audit log before the click in GHES",
  verifying: "after the click in GHES, while the read that would see it is in flight",
  edit: "after the verification, while Slack holds the card's edit",
  announcement: "while Slack holds its announcement",
};
const enabled: Planned = { kind: "enable", kills: [] };

// Combined so that the minute-long waits overlap: an announcement claimed by a killed bot and a request interrupted
// by a kill each wait a minute, the same minute when they follow each other. Every step is killed once for enable
// and once for disable.
const SCENARIOS: Planned[][] = [
  [
    { kind: "enable", kills: ["announcement"] },
    { kind: "disable", kills: ["preflight"] },
  ],
  [enabled, { kind: "disable", kills: ["announcement"] }, { kind: "enable", kills: ["preflight"] }],
  [{ kind: "enable", kills: ["card", "edit"] }],
  [enabled, { kind: "disable", kills: ["card", "edit"] }],
  [
    { kind: "enable", kills: ["applying", "verifying"] },
    { kind: "disable", kills: ["applying", "verifying"] },
  ],
];
// Most of a scenario is waiting on the bot's real clock, so the scenarios run side by side; each has its own fakes,
// database and process.
vi.setConfig({ maxConcurrency: SCENARIOS.length });
const title = (plan: Planned[]) =>
  plan
    .filter((p) => p.kills.length)
    .map((p) => `${p.kind} killed ${p.kills.map((k) => WHEN[k]).join(", then ")}`)
    .join("; then ");

// Real processes on the bot's real clock: about two minutes (110 s idle, 113 s with both cores busy), too long for a
// fresh machine's `npm test`; `.ci/run` sets GHCONNECT_CRASH_TEST=1 and runs it on PGlite and PostgreSQL.
describe.skipIf(!process.env.GHCONNECT_CRASH_TEST).concurrent("a bot killed with SIGKILL and restarted on the same database", () => {
  afterAll(dropRigTemplate);
  for (const plan of SCENARIOS) {
    it(`${title(plan)}: every operation ends once, recorded and announced`, async () => {
      const rig = await startRig({ CONFIRMATION_TTL: "1m", WATCH_INTERVAL: "1s" });
      try {
        const s: Scenario = { rig, bot: await rig.start(), announcedAtKill: new Set() };
        await linkBothSides(rig, s.bot, "UA", "alice", "alice-gh");
        // The link announcements are out before any Slack call is held.
        await settled(s);
        for (const planned of plan) await runOperation(s, planned);
        await settled(s);
        await s.bot.stop();
        await expectRecords(rig, plan, s.announcedAtKill);
      } catch (error) {
        // The bots' own debug logs say what each was doing when something did not happen.
        console.error(rig.log().slice(-30_000));
        throw error;
      } finally {
        await rig.close();
      }
    }, 300_000);
  }
});

// Two ways the watcher announces a change made through ghconnect as one made outside it: a second announcement
// ("not through ghconnect"), an audit row connect.create "out-of-band". Both turned up here as flaky failures of the
// "no doubled effect" checks above; these cases made them happen every time, until fixed.
describe("found while crash-testing", () => {
  /** Alice's enable card, the watcher past its first pass (a baseline, which announces nothing). */
  async function enableCard(t: TestBot): Promise<string> {
    await setUpAdmins(t);
    await watchPassed(t);
    await t.command("enable org acme", "UA");
    return latestCard(t)?.operationId as string;
  }
  /** Holds the watcher's next read of the GHES audit log until released; then it is answered, or fails with `status`. */
  async function holdWatcherRead(t: TestBot, status?: number): Promise<() => void> {
    let release = () => {};
    const until = new Promise<void>((resolve) => (release = resolve));
    const from = t.github.requests.length;
    t.github.fail({ server: "ghes", method: "GET", path: AUDIT_LOG, query: { order: "asc" }, until, ...(status ? { status } : {}) });
    await requestsSeen(t, from, isWatcherRead);
    return release;
  }
  const watcherReasons = (t: TestBot) =>
    eventually("the watcher's record of the click in GHES", async () => {
      const rows = await t.bot.store.sql.query<{ reason: string }>("SELECT reason FROM audit_events WHERE action = 'connect.create'");
      return rows.length ? rows.map((r) => r.reason) : undefined;
    });
  const clickInGhes = (t: TestBot) =>
    t.github.state.ghes.addAuditEvent({ action: "dotcom_connection.create", actor: "alice", "@timestamp": Date.now() + 1000 });

  // BUG (src/core/watch/run-watch-pass.ts): a pass loads the confirmed operations before it reads the GHES audit
  // log, so a confirmation and a click in GHES that both fall inside one pass leave the click with no operation.
  it("a watcher pass that began before the confirmation takes the click in GHES for the operation's", async () => {
    const t = await startTestBot(OP_ENV);
    try {
      const id = await enableCard(t);
      const release = await holdWatcherRead(t);
      expect(await click(t, "UA", "op-confirm", id)).toContain("Confirmed.");
      clickInGhes(t);
      release();
      await t.slack.waitFor(() => notices(t, "is now connected")[0]);
      expect(await watcherReasons(t)).toEqual([`operation:${id}`]);
      expect(notices(t, "not through ghconnect")).toEqual([]);
    } finally {
      await t.stop();
    }
  });

  // BUG (src/core/watch/classify-connect-event.ts): the newest operation confirmed before the event, with five
  // minutes of clock margin, decides, whatever its kind; a disable confirmed within those minutes, before the
  // watcher has read the create (it reads every WATCH_INTERVAL, and not at all while a restarted bot waits for the
  // lease), turns the create that the enable made into one "not through ghconnect". Same for a destroy and an enable.
  it("a click in GHES read only after the next operation's confirmation is still taken for the operation that made it", async () => {
    const t = await startTestBot({ ...OP_ENV, WATCH_INTERVAL: "100ms" });
    try {
      const id = await enableCard(t);
      expect(await click(t, "UA", "op-confirm", id)).toContain("Confirmed.");
      // The watcher does not read the click before the disable is confirmed: that read fails, the next one sees it.
      const release = await holdWatcherRead(t, 500);
      clickInGhes(t);
      await t.slack.waitFor(() => notices(t, "is now connected")[0]);
      await t.command("disable org acme", "UA");
      expect(await click(t, "UA", "op-confirm", latestCard(t)?.operationId as string)).toContain("Confirmed.");
      release();
      expect(await watcherReasons(t)).toEqual([`operation:${id}`]);
      expect(notices(t, "not through ghconnect")).toEqual([]);
    } finally {
      await t.stop();
    }
  });
});
