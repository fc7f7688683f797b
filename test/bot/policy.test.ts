import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoSecretsLeaked, linkUser } from "../support/link-user.ts";
import { startTestBot, TEAM, type TestBot } from "../support/start-test-bot.ts";

/** GitHub.com answering alice's membership check as an organization with SAML SSO enforced does. */
const SSO_ENFORCED = {
  server: "cloudApi",
  path: "/user/memberships/orgs/acme",
  status: 403,
  headers: { "x-github-sso": "required; url=https://github.example/orgs/acme/sso?authorization_request=abc" },
  body: { message: "Resource protected by organization SAML enforcement." },
} as const;

describe("the policy, asked live on both sides", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
    const { ghes, cloud } = t.github.state;
    ghes.addSiteAdmin("alice");
    ghes.addUser("carol");
    for (const login of ["alice-gh", "carol-gh"]) cloud.addUser(login);
    cloud.addOrg("acme");
    cloud.addOrgMember("acme", "alice-gh", "admin");
    cloud.addOrgMember("acme", "carol-gh", "member");
    cloud.addOrg("pending-co");
    cloud.addOrgMember("pending-co", "alice-gh", "admin", "pending");
    cloud.addEnterprise("bigco");
    cloud.addEnterpriseOwner("bigco", "alice-gh");
    cloud.addEnterpriseBillingManager("bigco", "carol-gh");
    cloud.addOrg("twin");
    cloud.addEnterprise("twin");
    for (const id of ["UA", "UC", "UN"]) t.slack.addUser({ id, team_id: TEAM, locale: "en-US" });
    t.slack.addUser({ id: "UJ", team_id: TEAM, locale: "ja-JP" });
    await linkUser(t, "UA", "ghes", "alice");
    await linkUser(t, "UA", "cloud", "alice-gh");
    await linkUser(t, "UC", "ghes", "carol");
    await linkUser(t, "UC", "cloud", "carol-gh");
    await linkUser(t, "UJ", "ghes", "alice");
  });
  afterAll(async () => {
    t.github.assertClean();
    t.slack.assertClean();
    await t?.stop();
  });

  it("allows a GHES site admin who owns the organization, and says why for each side", async () => {
    const { text } = await t.command("whoami acme", "UA");
    expect(text).toContain("✅ You may connect or disconnect the organization *acme*.");
    expect(text).toContain("GHES: *alice* is a site administrator.");
    expect(text).toContain("GitHub Enterprise Cloud: *alice-gh* is an owner of the organization acme.");
    expect(text).toContain("To connect this server to it: `/ghconnect enable org acme`");
  });

  it("refuses a plain member who is not a site admin, naming both failed sides", async () => {
    const { text } = await t.command("whoami org acme", "UC");
    expect(text).toContain("⛔ You may not connect or disconnect the organization *acme*.");
    expect(text).toContain("GHES: *carol* is not a site administrator.");
    expect(text).toContain("is a member of acme with the role member, not an owner");
    // Under each refusal, who can change it.
    expect(text).toContain("To fix: an existing GHES site administrator can promote *carol*");
    expect(text).toContain("To fix: an owner of the organization acme can make *carol-gh* an owner.");
    expect(text).not.toContain("/ghconnect enable");
  });

  it("refuses a pending membership and a non-member", async () => {
    expect((await t.command("whoami org pending-co", "UA")).text).toContain("still pending");
    expect((await t.command("whoami org acme", "UN")).text).toContain("not linked");
  });

  it("allows an enterprise owner, resolving a bare slug to the enterprise", async () => {
    const { text } = await t.command("whoami bigco", "UA");
    expect(text).toContain("✅ You may connect or disconnect the enterprise *bigco*.");
    expect(text).toContain("is an owner of the enterprise bigco");
  });

  it("refuses a billing manager of the enterprise: admin is not owner", async () => {
    const { text } = await t.command("whoami enterprise bigco", "UC");
    expect(text).toContain("⛔");
    expect(text).toContain("*carol-gh* is not an owner of the enterprise bigco");
  });

  it("asks which account is meant when an org and an enterprise share the name", async () => {
    const { text } = await t.command("whoami twin", "UA");
    expect(text).toContain("Both an organization and an enterprise are named `twin`");
    expect(text).toContain("/ghconnect whoami org twin");
  });

  it("says when no such account is visible", async () => {
    expect((await t.command("whoami nosuch-co", "UA")).text).toContain("There is no organization or enterprise named `nosuch-co`");
  });

  it("tells an unlinked side apart from a failed one, in Japanese", async () => {
    const { text } = await t.command("whoami org acme", "UJ");
    expect(text).toContain("GHES： *alice* はサイト管理者です。");
    expect(text).toContain("GitHub Enterprise Cloud：未リンクです。");
  });

  it("turns SAML SSO enforcement into the SSO link", async () => {
    t.github.fail(SSO_ENFORCED);
    const { text } = await t.command("whoami org acme", "UA");
    expect(text).toContain("requires SAML single sign-on");
    expect(text).toContain("https://github.example/orgs/acme/sso?authorization_request=abc");
  });

  it("turns rate limits into a time to retry", async () => {
    const reset = Math.floor(Date.UTC(2030, 0, 2, 3, 4, 5) / 1000);
    t.github.fail({
      server: "cloudApi",
      path: "/user/memberships/orgs/acme",
      status: 403,
      headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset) },
      body: { message: "API rate limit exceeded" },
    });
    expect((await t.command("whoami org acme", "UA")).text).toMatch(
      /rate limit reached\. Try again after <!date\^\d+\^\{date_short_pretty\} \{time\}\|2030-01-02 03:04 UTC>/,
    );
    t.github.fail({
      server: "ghes",
      path: "/api/v3/user",
      status: 429,
      headers: { "retry-after": "60" },
      body: { message: "You have exceeded a secondary rate limit" },
    });
    expect((await t.command("whoami org acme", "UA")).text).toMatch(
      /GitHub Enterprise Server rate limit reached\. Try again after <!date\^\d+\^.*\|\d{4}-\d\d-\d\d \d\d:\d\d UTC>/,
    );
  });

  it("turns server errors and timeouts into specific answers, never a trace", async () => {
    t.github.fail({ server: "ghes", path: "/api/v3/user", status: 502 });
    expect((await t.command("whoami org acme", "UA")).text).toContain("GitHub Enterprise Server answered with a server error (502)");
    // A timeout needs a bot that gives up soon, and a GitHub that never answers, so no race decides the outcome.
    // It shares the fakes but not the database, so it links UA itself.
    const impatient = await startTestBot({}, { github: t.github, slack: t.slack, githubTimeoutSeconds: 2 });
    try {
      await linkUser(impatient, "UA", "ghes", "alice");
      await linkUser(impatient, "UA", "cloud", "alice-gh");
      t.github.fail({ server: "cloudApi", path: "/user/memberships/orgs/acme", hang: true });
      expect((await impatient.command("whoami org acme", "UA")).text).toContain("GitHub Enterprise Cloud did not answer within 2 seconds");
    } finally {
      await impatient.stop();
    }
  });

  it("turns a revoked token into 'link again' and forgets the dead link", async () => {
    const [ghesToken] = [...t.github.state.ghes.tokens.values()].filter((r) => r.login === "carol" && !r.revoked).map((r) => r.token);
    t.github.state.ghes.revokeToken(ghesToken as string);
    const { text } = await t.command("whoami org acme", "UC");
    expect(text).toContain("Your GitHub Enterprise Server link is no longer valid");
    expect(text).toContain("`/ghconnect link ghes`");
    expect(await t.bot.store.sql.query("SELECT 1 FROM identity_links WHERE slack_user = 'UC' AND side = 'GHES'")).toEqual([]);
  });

  it("records each decision with its reasons, and leaked no secret", async () => {
    // Its own decisions, so it also runs alone: allowed, denied, an error, an ambiguous name.
    await t.command("whoami org acme", "UA");
    await t.command("whoami enterprise bigco", "UC");
    t.github.fail(SSO_ENFORCED);
    await t.command("whoami org acme", "UA");
    await t.command("whoami twin", "UA");
    const rows = await t.bot.store.sql.query<{ target: string; decision: string; reason: string }>(
      "SELECT target, decision, reason FROM audit_events WHERE action = 'authz.decision' ORDER BY id",
    );
    expect(rows).toContainEqual(
      expect.objectContaining({ target: "org:acme", decision: "allowed", reason: "GHES=site_admin(alice); CLOUD=org_owner(alice-gh)" }),
    );
    expect(rows).toContainEqual(
      expect.objectContaining({
        target: "enterprise:bigco",
        decision: "denied",
        reason: "GHES=not_site_admin(carol); CLOUD=enterprise_not_owner(carol-gh)",
      }),
    );
    expect(rows).toContainEqual(expect.objectContaining({ decision: "error", reason: expect.stringContaining("GITHUB_SSO_REQUIRED") }));
    expect(rows).toContainEqual(expect.objectContaining({ target: "?:twin", reason: "ACCOUNT_AMBIGUOUS" }));
    await expectNoSecretsLeaked(t);
  });
});
