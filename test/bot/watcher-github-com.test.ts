import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DRIFT_GRACE_MS } from "../../src/core/watch/plan-cloud.ts";
import { click, currentCard, latestCard } from "../support/cards.ts";
import { eventually } from "../support/eventually.ts";
import { notices, undelivered, watchRow } from "../support/notices.ts";
import { MONITOR_ENV, setUpEnterprise } from "../support/operations-setup.ts";
import { startTestBot, type TestBot } from "../support/start-test-bot.ts";

/** Waits for the watcher's next read of GitHub.com (at most every five minutes: the clock is moved) and its notices. */
async function nextCloudRead(t: TestBot): Promise<void> {
  const before = ((await watchRow(t))?.state as { cloud?: { readAt?: string } } | undefined)?.cloud?.readAt ?? null;
  t.clock.advance(6 * 60_000);
  await eventually(
    "a read of GitHub.com",
    async () => {
      const readAt = ((await watchRow(t))?.state as { cloud?: { readAt?: string } } | undefined)?.cloud?.readAt ?? null;
      return readAt && readAt !== before ? true : undefined;
    },
    15_000,
  );
  // What that read owes the channel is in Slack before the test looks.
  await eventually("notices delivered", async () => ((await undelivered(t)) === 0 ? true : undefined), 15_000);
}

// No GHES_ENTERPRISE: GitHub.com's records (read with the monitor token) are the watcher's only eyes here.
describe("watching GitHub.com's records of an enterprise connection", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot(MONITOR_ENV);
    await setUpEnterprise(t);
    await t.command("enable enterprise bigco", "UA");
    expect(await click(t, "UA", "op-confirm", latestCard(t)?.operationId as string)).toContain("Confirmed.");
    t.github.state.cloud.addServerInstallation("bigco", { hostName: "127.0.0.1", customerName: "Acme", isConnected: true });
    await t.slack.waitFor(() => currentCard(t, (text) => text.includes("Verified")), 15_000);
    await nextCloudRead(t);
  });
  afterAll(async () => {
    t.github.assertClean();
    await t?.stop();
  });

  it("tells license sync failing and recovering, once each", async () => {
    const e = t.github.state.cloud.enterprise("bigco");
    if (!e) throw new Error("no enterprise");
    e.licenseSync = [
      {
        server_id: "s1",
        hostname: "127.0.0.1",
        last_sync: { date: "2026-11-27T09:00:00Z", status: "failure", error: "Upload rejected: invalid license" },
      },
    ];
    await nextCloudRead(t);
    await nextCloudRead(t);
    expect(notices(t, "License sync from this server to the enterprise *bigco* failed")).toHaveLength(1);
    expect(notices(t, "failed")[0]?.args.text).toContain("Upload rejected: invalid license");
    e.licenseSync = [{ server_id: "s1", hostname: "127.0.0.1", last_sync: { date: "2026-11-27T10:00:00Z", status: "success", error: "" } }];
    await nextCloudRead(t);
    expect(notices(t, "License sync to the enterprise *bigco* succeeds again")).toHaveLength(1);
  });

  it("tells a changed feature set, and stays quiet when Server Statistics has nothing", async () => {
    const e = t.github.state.cloud.enterprise("bigco");
    if (!e) throw new Error("no enterprise");
    const stats = (features: string[], date: string) => ({
      server_id: "s1",
      collection_date: date,
      schema_version: "20230306",
      ghes_version: "3.19.0",
      host_name: "127.0.0.1",
      github_connect: { features_enabled: features },
    });
    e.serverStatistics = [stats(["license_usage_sync"], "2026-11-26")];
    await nextCloudRead(t);
    expect(notices(t, "features reported by Server Statistics changed")).toHaveLength(0);
    e.serverStatistics = [stats(["license_usage_sync"], "2026-11-26"), stats(["content_analysis", "license_usage_sync"], "2026-11-27")];
    await nextCloudRead(t);
    const [changed] = notices(t, "features reported by Server Statistics changed");
    expect(changed?.args.text).toContain("Added: `content_analysis`. Removed: none.");
    e.serverStatistics = [];
    await nextCloudRead(t);
    expect(notices(t, "features reported by Server Statistics changed")).toHaveLength(1);
    expect((await t.command("status", "UA")).text).toContain(
      "GitHub Connect features (Server Statistics): `content_analysis`, `license_usage_sync`.",
    );
  });

  it("tells a connection GitHub.com no longer lists (drift), and when the records agree again", async () => {
    const server = t.github.state.cloud.enterprise("bigco")?.serverInstallations[0];
    if (!server) throw new Error("no server");
    // GitHub.com lists a change late: no drift is told inside the grace after the records changed.
    t.clock.advance(DRIFT_GRACE_MS);
    server.isConnected = false;
    await nextCloudRead(t);
    await t.slack.waitFor(() => notices(t, "GitHub.com does not list 127.0.0.1 as connected")[0], 15_000);
    await nextCloudRead(t);
    expect(notices(t, "GitHub.com does not list 127.0.0.1 as connected")).toHaveLength(1);
    server.isConnected = true;
    await nextCloudRead(t);
    await t.slack.waitFor(() => notices(t, "agree again")[0], 15_000);
  });

  it("announces changes seen in GitHub.com's enterprise audit log when the GHES one is not read, and follows them in the records", async () => {
    t.github.state.cloud.addEnterpriseAuditEvent("bigco", { action: "enterprise_installation.destroy", actor: "mallory" });
    await nextCloudRead(t);
    const [post] = await t.slack.waitFor(
      () => (notices(t, "*disabled* in GHES").length ? notices(t, "*disabled* in GHES") : undefined),
      15_000,
    );
    expect(post?.args.text).toContain("by *mallory*");
    expect(post?.args.text).toContain("the enterprise *bigco*");
    const [row] = await t.bot.store.sql.query<{ state: string; changed_user: string }>("SELECT state, changed_user FROM connections");
    expect(row).toEqual({ state: "DISCONNECTED", changed_user: "mallory" });
    await nextCloudRead(t);
    expect(notices(t, "*disabled* in GHES")).toHaveLength(1);

    // Connected again outside ghconnect: GitHub.com's record names the account, so the records follow it.
    t.github.state.cloud.addEnterpriseAuditEvent("bigco", {
      action: "enterprise_installation.create",
      actor: "mallory",
      "@timestamp": Date.now() + 10 * 60_000,
    });
    await nextCloudRead(t);
    const [created] = await t.slack.waitFor(
      () => (notices(t, "*enabled* in GHES").length ? notices(t, "*enabled* in GHES") : undefined),
      15_000,
    );
    expect(created?.args.text).toContain("the enterprise *bigco*");
    const [again] = await t.bot.store.sql.query<{ state: string; changed_user: string }>("SELECT state, changed_user FROM connections");
    expect(again).toEqual({ state: "CONNECTED", changed_user: "mallory" });
  });
});
