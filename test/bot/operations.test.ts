import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { click, currentCard, latestCard } from "../support/cards.ts";
import { expectNoSecretsLeaked } from "../support/link-user.ts";
import { connectionState, ensureConnected, ghesEvent, OP_ENV, requestCard, setUpAdmins } from "../support/operations-setup.ts";
import { SCOPE_OF_METHOD } from "../support/slack-scopes.ts";
import { startTestBot, type TestBot } from "../support/start-test-bot.ts";

// One bot serves the file, but no test relies on another having run: each makes the card or the connection it
// needs, so any one runs alone (`vitest -t`), and each checks the audit rows written since it began.

async function auditMark(t: TestBot): Promise<string> {
  const [row] = await t.bot.store.sql.query<{ id: string }>("SELECT coalesce(max(id), 0)::text AS id FROM audit_events");
  return row?.id ?? "0";
}

async function actionsSince(t: TestBot, mark: string): Promise<string[]> {
  const rows = await t.bot.store.sql.query<{ action: string }>(
    "SELECT action FROM audit_events WHERE id > $1::bigint AND action LIKE 'operation.%' ORDER BY id",
    [mark],
  );
  return rows.map((r) => r.action);
}

describe("enable and disable, from request to verified announcement", () => {
  let t: TestBot;
  let mark: string;
  beforeAll(async () => {
    t = await startTestBot(OP_ENV);
    await setUpAdmins(t);
  });
  beforeEach(async () => {
    mark = await auditMark(t);
  });
  // Every test, whatever it drove, leaks no secret and calls only Slack methods manifest.yml grants scopes for.
  afterEach(async () => {
    await expectNoSecretsLeaked(t);
    const methods = new Set(t.slack.calls.map((c) => c.method));
    expect([...methods].filter((m) => !(m in SCOPE_OF_METHOD))).toEqual([]);
  });
  afterAll(async () => {
    t.github.assertClean();
    t.slack.assertClean();
    await t?.stop();
  });

  it("runs the preflight and posts a card that lists what GitHub.com will store", async () => {
    const card = await requestCard(t);
    expect(card.text).toContain("Connect 127.0.0.1 to GitHub Enterprise Cloud?");
    for (const words of [
      "public key part of the GHES license",
      "hash of the GHES license",
      "customer name",
      "the hostname: 127.0.0.1",
      "the version: 3.19.0",
      "the connected account: acme",
      "authentication token",
      "GitHub Connect addendum",
      // The seed's reassurance.
      "does not allow GitHub.com users to make changes to GitHub Enterprise Server",
    ]) {
      expect(card.text).toContain(words);
    }
    expect(card.buttons.map((b) => b.action_id)).toEqual(["op-confirm", "op-cancel"]);
    expect(card.buttons.every((b) => /^[0-9a-f-]{36}$/.test(b.value))).toBe(true);
    const installationCheck = t.github.requests.find((r) => r.path === "/orgs/acme/installation");
    expect(installationCheck?.headers.authorization).toMatch(/^bearer eyJ/i);
    expect(await actionsSince(t, mark)).toEqual(expect.arrayContaining(["operation.enable.requested", "operation.awaiting_confirmation"]));
  });

  it("refuses a click from someone who is not authorized, checked live at the click", async () => {
    const card = await requestCard(t);
    const answer = await click(t, "UC", "op-confirm", card.operationId);
    expect(answer).toContain("You may not confirm this operation:");
    expect(answer).toContain("GHES: *carol* is not a site administrator.");
    const [row] = await t.bot.store.sql.query<{ state: string }>("SELECT state FROM operations WHERE id = $1", [card.operationId]);
    expect(row?.state).toBe("AWAITING_CONFIRMATION");
    const decisions = await t.bot.store.sql.query<{ decision: string }>(
      "SELECT decision FROM audit_events WHERE id > $1::bigint AND action = 'authz.decision' AND actor_user = 'UC'",
      [mark],
    );
    expect(decisions.map((d) => d.decision)).toEqual(["denied"]);
  });

  it("refuses and records a tampered button value", async () => {
    expect(await click(t, "UA", "op-confirm", "00000000-0000-4000-8000-000000000000")).toContain(
      "does not belong to a ghconnect operation",
    );
    expect(await click(t, "UA", "op-confirm", "'; DROP TABLE operations; --")).toContain("does not belong to a ghconnect operation");
    // Shaped almost like an id: refused plainly, recorded, no internal error.
    for (const value of [
      "-".repeat(36),
      "00000000-0000-4000-8000-00000000000",
      "00000000-0000-4000-8000-0000000000000",
      "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz",
    ]) {
      expect(await click(t, "UA", "op-confirm", value)).toContain("does not belong to a ghconnect operation");
    }
    const rows = await t.bot.store.sql.query(
      "SELECT 1 FROM audit_events WHERE id > $1::bigint AND action = 'operation.confirm.refused' AND reason = 'OPERATION_NOT_FOUND'",
      [mark],
    );
    expect(rows).toHaveLength(6);
  });

  it("acts on a click only on the operation's own card: a value naming another operation is refused and recorded", async () => {
    const card = await requestCard(t);
    const id = card.operationId;
    const elsewhere = { channel: "C0WORK", ts: "1799999999.000100" };
    expect(await click(t, "UA", "op-confirm", id, elsewhere)).toContain("does not belong to the card it was clicked on");
    expect(await click(t, "UA", "op-cancel", id, { channel: "C0OTHER", ts: "1799999999.000100" })).toContain("does not belong to the card");
    const [op] = await t.bot.store.sql.query<{ state: string }>("SELECT state FROM operations WHERE id = $1", [id]);
    expect(op?.state).toBe("AWAITING_CONFIRMATION");
    const refused = await t.bot.store.sql.query(
      "SELECT 1 FROM audit_events WHERE id > $1::bigint AND action IN ('operation.confirm.refused', 'operation.cancel.refused') AND reason = 'OPERATION_CARD_MISMATCH'",
      [mark],
    );
    expect(refused).toHaveLength(2);
  });

  it("confirms once, shows the exact clicks in GHES, verifies from the GHES audit log and announces", async () => {
    const card = await requestCard(t);
    const id = card.operationId;
    const [first, second] = await Promise.all([click(t, "UA", "op-confirm", id), click(t, "UA", "op-confirm", id)]);
    expect([first, second].filter((a) => a.startsWith("Confirmed."))).toHaveLength(1);
    expect([first, second].filter((a) => a.includes("already decided"))).toHaveLength(1);
    const applying = await t.slack.waitFor(() => currentCard(t, (text) => text.includes("Enable GitHub Connect")));
    // The seed's order: sign in to both, the settings page as a link, the click that accepts the addendum, Connect.
    expect(applying.text).toContain(
      `<${t.github.ghesUrl}/enterprises/ghes-ent/settings/dotcom_connection|Enterprise settings → GitHub Connect>`,
    );
    const steps = [
      "1. Sign in to both GHES and GitHub.com",
      "2. In GHES, open",
      "3. Click *Enable GitHub Connect*: this accepts the GitHub Connect addendum",
      "4. Click *Connect* next to *acme*",
    ];
    const at = steps.map((step) => applying.text.indexOf(step));
    expect(at.every((i, k) => i >= 0 && (k === 0 || i > (at[k - 1] as number)))).toBe(true);
    // While the bot waits for that click, the one button left stops the wait; it cannot confirm anything.
    expect(applying.buttons.map((b) => b.action_id)).toEqual(["op-stop"]);
    expect(applying.header).toBe("⏳ Waiting for the click in GHES: connect 127.0.0.1 to GitHub Enterprise Cloud");
    expect(applying.colour).toBe("#ECB22E");

    ghesEvent(t, "dotcom_connection.create");
    const announcement = await t.slack.waitFor(
      () =>
        t.slack.calls.find(
          (c) => c.method === "chat.postMessage" && c.args.channel === "C0NOTIFY" && String(c.args.text).includes("is now connected"),
        ),
      10_000,
    );
    expect(announcement.args.text).toContain("127.0.0.1 is now connected to the organization *acme*");
    expect(announcement.args.text).toContain("confirmed by <@UA>");
    const verified = await t.slack.waitFor(() => currentCard(t, (text) => text.includes("Verified")));
    expect(verified.text).toMatch(/GHES audit log: `dotcom_connection.create` by \*alice\*, <!date\^\d+\^/);
    const [connection] = await t.bot.store.sql.query<{ state: string; hostname: string; changed_user: string }>(
      "SELECT state, hostname, changed_user FROM connections",
    );
    expect(connection).toEqual({ state: "CONNECTED", hostname: "127.0.0.1", changed_user: "UA" });
    expect((await t.command("status acme", "UB")).text).toContain("organization *acme*: *connected*");
    expect(await actionsSince(t, mark)).toEqual(
      expect.arrayContaining(["operation.confirmed", "operation.applying", "operation.verified"]),
    );
  });

  it("refuses to enable what is already connected, even when a token update is the newest event", async () => {
    await ensureConnected(t);
    mark = await auditMark(t);
    t.github.state.ghes.addAuditEvent({
      action: "dotcom_connection.token_updated",
      actor: "ghes",
      "@timestamp": t.clock.now().getTime() + 2000,
    });
    const answer = await t.command("enable org acme", "UA");
    expect(answer.text).toContain("already appears connected");
    expect(answer.text).toContain("Nothing was started.");
    expect(await actionsSince(t, mark)).toContain("operation.failed");
  });

  it("disables behind a danger-styled confirmation dialog and verifies the destroy event", async () => {
    await ensureConnected(t);
    await t.command("disable org acme", "UB");
    const card = latestCard(t);
    expect(card?.text).toContain("Disconnecting removes:");
    expect(card?.text).toContain("the GitHub Connect GitHub App from *acme*");
    const confirm = card?.buttons[0];
    // The button approves; the disconnection itself is the click in GHES.
    expect(confirm?.text).toMatchObject({ text: "Approve disconnection" });
    expect(confirm?.style).toBe("danger");
    expect(confirm?.confirm).toMatchObject({ title: { text: "Disconnect from GitHub?" }, style: "danger" });
    expect(await click(t, "UA", "op-confirm", card?.operationId as string)).toContain("Confirmed.");
    ghesEvent(t, "dotcom_connection.destroy");
    await t.slack.waitFor(
      () =>
        t.slack.calls.find(
          (c) => c.method === "chat.postMessage" && c.args.channel === "C0NOTIFY" && String(c.args.text).includes("was disconnected"),
        ),
      10_000,
    );
    expect(await connectionState(t)).toBe("DISCONNECTED");
  });

  it("cancels, and a newer request supersedes an unconfirmed card; neither keeps a live button", async () => {
    const cancelled = await requestCard(t);
    expect(await click(t, "UA", "op-cancel", cancelled.operationId)).toContain("Cancelled");
    expect((await t.slack.waitFor(() => currentCard(t, (text) => text.includes("Cancelled."))))?.live).toBe(false);

    const older = await requestCard(t);
    await requestCard(t, "UB");
    expect((await t.slack.waitFor(() => currentCard(t, (text) => text.includes("Superseded"))))?.live).toBe(false);
    expect(await click(t, "UA", "op-confirm", older.operationId)).toContain("already decided");
    expect(await actionsSince(t, mark)).toEqual(expect.arrayContaining(["operation.cancelled", "operation.superseded"]));
  });

  it("does not let a refused request supersede someone else's pending card", async () => {
    const pending = await requestCard(t);
    const denied = await t.command("enable org acme", "UC");
    expect(denied.text).toContain("⛔ You may not connect this server to the organization *acme*");
    const [row] = await t.bot.store.sql.query<{ state: string }>("SELECT state FROM operations WHERE id = $1", [pending.operationId]);
    expect(row?.state).toBe("AWAITING_CONFIRMATION");
  });

  it("expires an unconfirmed card after CONFIRMATION_TTL and refuses a late click", async () => {
    const card = await requestCard(t);
    t.clock.advance(16 * 60_000);
    const expired = await t.slack.waitFor(() => currentCard(t, (text) => text.includes("Expired without confirmation")), 10_000);
    expect(expired.live).toBe(false);
    expect(await click(t, "UA", "op-confirm", card.operationId)).toMatch(/expired|already decided/);
    expect(await actionsSince(t, mark)).toContain("operation.expired");
  });

  it("names the install link when the bot's app is not installed on the account", async () => {
    const answer = await t.command("enable org noapp", "UA");
    expect(answer.text).toContain("The bot's GitHub App is not installed on this account");
    expect(answer.text).toContain(`${t.github.cloudWebUrl}/apps/ghconnect-bot/installations/new`);
    expect(await actionsSince(t, mark)).toContain("operation.failed");
  });
});
