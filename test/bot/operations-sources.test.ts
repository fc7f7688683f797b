import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { click, currentCard, latestCard } from "../support/cards.ts";
import { MONITOR_ENV, OP_ENV, setUpAdmins, setUpEnterprise } from "../support/operations-setup.ts";
import { startTestBot, TEAM, type TestBot } from "../support/start-test-bot.ts";

describe("facts from the Manage API", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot((github) => ({
      ...OP_ENV,
      GHES_MANAGE_URL: github.manageUrl,
      GHES_MANAGE_PASSWORD: github.state.ghes.managePassword,
    }));
    await setUpAdmins(t);
  });
  afterAll(async () => {
    t.github.assertClean();
    await t?.stop();
  });

  it("puts the customer name and the license key's fingerprint on the card and into the connection record", async () => {
    await t.command("enable org acme", "UA");
    const card = latestCard(t);
    expect(card?.text).toContain("the customer name on the license: Acme");
    expect(card?.text).toMatch(/public key part of the GHES license \(SHA-256 [0-9a-f]{32}\)/);
    expect(await click(t, "UB", "op-confirm", card?.operationId as string)).toContain("Confirmed.");
    t.github.state.ghes.addAuditEvent({ action: "dotcom_connection.create", actor: "bob", "@timestamp": Date.now() + 1000 });
    await t.slack.waitFor(() => currentCard(t, (text) => text.includes("Verified")), 10_000);
    const [row] = await t.bot.store.sql.query<{ customer_name: string; license_public_key: string; license_fingerprint: string }>(
      "SELECT customer_name, license_public_key, license_fingerprint FROM connections",
    );
    expect(row?.customer_name).toBe("Acme");
    expect(row?.license_public_key).toContain("BEGIN PGP PUBLIC KEY BLOCK");
    expect(row?.license_fingerprint).toMatch(/^[0-9a-f]{32}$/);
    const operations = JSON.stringify(await t.bot.store.sql.query("SELECT facts FROM operations"));
    expect(operations).not.toContain("fake-secret-never-log");
    const manageCalls = t.github.requests.filter((r) => r.server === "manage");
    expect(manageCalls.every((r) => r.headers.authorization?.startsWith("Basic "))).toBe(true);
  });

  it("refuses to enable when the license does not allow GitHub Connect", async () => {
    t.github.state.ghes.manage.license.croquetSupport = false;
    t.github.state.cloud.addOrg("other");
    t.github.state.cloud.addOrgMember("other", "alice-gh", "admin");
    t.github.state.cloud.install(42, { org: "other" });
    const answer = await t.command("enable org other", "UA");
    expect(answer.text).toContain("The GHES license does not allow GitHub Connect");
  });
});

describe("an enterprise verified through GitHub's list of connected servers", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot(MONITOR_ENV);
    await setUpEnterprise(t);
    t.slack.addUser({ id: "UG", team_id: TEAM, is_restricted: true });
  });
  afterAll(async () => {
    t.github.assertClean();
    await t?.stop();
  });

  it("refuses a guest's click before any GitHub call", async () => {
    await t.command("enable bigco", "UA");
    const card = latestCard(t);
    expect(card?.text).toContain("the enterprise *bigco*");
    const before = t.github.requests.filter((r) => r.path === "/api/v3/user").length;
    expect(await click(t, "UG", "op-confirm", card?.operationId as string)).toContain("Guest accounts cannot use ghconnect.");
    expect(t.github.requests.filter((r) => r.path === "/api/v3/user").length).toBe(before);
  });

  it("verifies when GitHub lists the server as connected, and shows it in status", async () => {
    await t.command("enable bigco", "UA");
    const card = latestCard(t);
    expect(await click(t, "UA", "op-confirm", card?.operationId as string)).toContain("Confirmed.");
    const applying = await t.slack.waitFor(() => currentCard(t, (text) => text.includes("Enable GitHub Connect")));
    expect(applying.text).toContain("your enterprise's settings (Enterprise settings → GitHub Connect)");
    t.github.state.cloud.addServerInstallation("bigco", { hostName: "127.0.0.1", customerName: "Acme", isConnected: true });
    const verified = await t.slack.waitFor(() => currentCard(t, (text) => text.includes("Verified")), 10_000);
    expect(verified.text).toContain("GitHub Enterprise Cloud lists 127.0.0.1");
    expect((await t.command("status bigco", "UA")).text).toContain("enterprise *bigco*: *connected*");
    expect((await t.command("audit 50", "UA")).text).toContain("verified in GitHub's records");
  });

  it("shows the audit log to a GHES site admin, as phrases, filtered by account or by person", async () => {
    // Entries this test writes itself: a request (whatever its preflight finds) and a refused click.
    await t.command("enable bigco", "UA");
    expect(await click(t, "UA", "op-confirm", "00000000-0000-4000-8000-000000000000")).toContain("does not belong");
    const answer = await t.command("audit 50", "UA");
    expect(answer.text).toContain("Latest audit events");
    expect(answer.text).toMatch(/<!date\^\d+\^\{date_short_pretty\} \{time\}\|[^>]+> · <@UA> · asked to connect/);
    expect(answer.text).toContain("a click on the card was refused");
    expect(answer.text).toContain("search `action:dotcom_connection`");
    // About one account: its commands and its operations' steps, nothing about others.
    const about = await t.command("audit enterprise bigco", "UA");
    expect(about.text).toContain("Latest audit events about the enterprise *bigco*");
    expect(about.text).toContain("asked to connect");
    expect(about.text).not.toContain("read the audit log");
    // By one person (Slack sends the mention escaped): only their events.
    const byGuest = await t.command("audit <@UG|guest>", "UA");
    expect(byGuest.text).toContain("Latest audit events about <@UG>");
    expect(byGuest.text.split("\n").filter((l) => l.includes(" · <@UA> · "))).toEqual([]);
    expect((await t.command("audit <@UZZZ>", "UA")).text).toContain("No audit events about <@UZZZ>.");
  });
});
