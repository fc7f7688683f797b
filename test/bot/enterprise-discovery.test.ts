import { afterEach, describe, expect, it } from "vitest";
import { linkUser } from "../support/link-user.ts";
import { startTestBot, TEAM, type TestBot } from "../support/start-test-bot.ts";

describe("GHES_ENTERPRISE discovered when unset", () => {
  let t: TestBot | undefined;
  afterEach(async () => {
    t?.github.assertClean();
    await t?.stop();
    t = undefined;
  });

  it("asks GHES which enterprise GHES_TOKEN's site admin belongs to, and reads that enterprise's audit log", async () => {
    t = await startTestBot((github) => {
      github.state.ghes.enterprise = "acme-ghes";
      return {};
    });
    expect(t.logLines.join("\n")).toContain("GHES enterprise discovered: acme-ghes (set GHES_ENTERPRISE=acme-ghes to skip the discovery)");
    t.slack.addUser({ id: "UA", team_id: TEAM, locale: "en-US" });
    t.github.state.ghes.addSiteAdmin("alice");
    await linkUser(t, "UA", "ghes", "alice");
    const status = await t.command("status", "UA");
    expect(status.text).not.toContain("GHES_ENTERPRISE is not set");
    const doctor = await t.command("doctor", "UA");
    expect(doctor.text).toContain(
      "✅ `ghes.auditLog` The GHES audit log of the enterprise `acme-ghes` is readable (slug discovered; set GHES_ENTERPRISE=acme-ghes to skip the discovery).",
    );
    const audit = t.github.requests.filter((r) => r.path.includes("/audit-log")).map((r) => r.path);
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.every((p) => p === "/api/v3/enterprises/acme-ghes/audit-log")).toBe(true);
  }, 60_000);

  it("starts without the audit log when GHES names no enterprise, and the doctor says what to set", async () => {
    t = await startTestBot();
    expect(t.logLines.join("\n")).toMatch(
      /WARN .*GHES enterprise not discovered: the GHES audit log is not read until GHES_ENTERPRISE is set/,
    );
    t.slack.addUser({ id: "UA", team_id: TEAM, locale: "en-US" });
    t.github.state.ghes.addSiteAdmin("alice");
    await linkUser(t, "UA", "ghes", "alice");
    expect((await t.command("status", "UA")).text).toContain("GHES_ENTERPRISE is not set");
    const doctor = await t.command("doctor", "UA");
    expect(doctor.text).toContain(
      "❌ `ghes.auditLog` GHES_ENTERPRISE is not set and GHES did not name one enterprise for GHES_TOKEN's user (0 found). Fix: set GHES_ENTERPRISE to the slug in the address of Enterprise settings in GHES",
    );
    expect(t.github.requests.filter((r) => r.path.includes("/audit-log"))).toEqual([]);
    // GHES answers later: the doctor says the running bot still reads no audit log, and what to set.
    t.github.state.ghes.enterprise = "late-ent";
    const later = await t.command("doctor", "UA");
    expect(later.text).toContain(
      "❌ `ghes.auditLog` GHES names the enterprise `late-ent` now, but the bot could not learn it when it started, so it reads no GHES audit log. Fix: set GHES_ENTERPRISE=late-ent and restart the bot.",
    );
  }, 60_000);
});
