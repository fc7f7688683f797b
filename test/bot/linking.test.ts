import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoSecretsLeaked, linkUser } from "../support/link-user.ts";
import { SCOPE_OF_METHOD } from "../support/slack-scopes.ts";
import { GHES_CLIENT, startTestBot, TEAM, type TestBot } from "../support/start-test-bot.ts";

describe("linking proven identities", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
    for (const id of ["U1", "U2", "U3", "U4", "U5", "U6", "U7"]) t.slack.addUser({ id, team_id: TEAM, locale: "en-US" });
    t.slack.addUser({ id: "UJA", team_id: TEAM, locale: "ja-JP" });
    t.github.state.ghes.addSiteAdmin("alice");
    t.github.state.ghes.addUser("bob");
    t.github.state.cloud.addUser("alice-cloud");
    t.github.state.cloud.addOrg("acme");
  });
  afterAll(async () => {
    t.github.assertClean();
    t.slack.assertClean();
    await t?.stop();
  });

  it("links GHES through the device flow and learns the login from GET /user, not from the user", async () => {
    const started = await t.command("link ghes");
    const code = t.github.state.ghes.device.latest();
    expect(started.text).toContain(`${t.github.ghesUrl}/login/device`);
    // The code alone in code formatting (copies cleanly), a button that opens the page, the expiry in the reader's zone.
    expect(started.text).toContain(`\n\`${code?.userCode}\`\n`);
    const body = t.slack.responses.find((r) => r.id === started.responseId)?.body;
    const buttons = body.blocks.filter((b: { type: string }) => b.type === "actions").flatMap((b: { elements: unknown[] }) => b.elements);
    expect(buttons).toEqual([
      expect.objectContaining({
        url: `${t.github.ghesUrl}/login/device`,
        text: expect.objectContaining({ text: "Open the GitHub Enterprise Server sign-in page" }),
      }),
    ]);
    expect(started.text).toMatch(/The code expires at <!date\^\d+\^\{time\}\|\d\d:\d\d UTC>\./);
    t.github.state.ghes.device.approve(code?.userCode as string, "alice");
    const done = await t.slack.waitFor(() => t.answers(started.responseId)[1]);
    expect(done).toBe(
      "Linked: you are *alice* on GitHub Enterprise Server.\nNext: `/ghconnect link cloud`, to prove your GitHub Enterprise Cloud identity.",
    );
    const viewerCall = t.github.requests.find((r) => r.server === "ghes" && r.path === "/api/v3/user");
    expect(viewerCall?.headers.authorization).toMatch(/^(token|bearer) gho_/i);
    const rows = await t.bot.store.sql.query<{ login: string; access_token: string }>(
      "SELECT login, access_token FROM identity_links WHERE slack_user = 'U1'",
    );
    expect(rows).toEqual([{ login: "alice", access_token: expect.stringMatching(/^v1\./) }]);
  });

  it("links GitHub.com with the app's client ID and stores the expiring token pair", async () => {
    // The next step depends on whether U1 linked GHES before (an earlier test); the link itself does not.
    expect((await linkUser(t, "U1", "cloud", "alice-cloud")).split("\n")[0]).toBe(
      "Linked: you are *alice-cloud* on GitHub Enterprise Cloud.",
    );
    const codeRequest = t.github.requests.find((r) => r.server === "cloudWeb" && r.path === "/login/device/code");
    expect(codeRequest?.body).toMatchObject({ client_id: "Iv1.cloudclient" });
    const [row] = await t.bot.store.sql.query<{ refresh_token: string | null; access_expires_at: Date | null }>(
      "SELECT refresh_token, access_expires_at FROM identity_links WHERE slack_user = 'U1' AND side = 'CLOUD'",
    );
    expect(row?.refresh_token).toMatch(/^v1\./);
    expect(row?.access_expires_at).not.toBeNull();
  });

  // Each test below links its own user, so it passes alone (vitest -t) as well as after the others.
  it("whoami lists both links", async () => {
    await linkUser(t, "U4", "ghes", "alice");
    await linkUser(t, "U4", "cloud", "alice-cloud");
    const answer = await t.command("whoami", "U4");
    expect(answer.text).toContain("GitHub Enterprise Server: *alice*");
    expect(answer.text).toContain("GitHub Enterprise Cloud: *alice-cloud*");
  });

  it("says when a new link replaces an older one", async () => {
    await linkUser(t, "U5", "ghes", "alice");
    expect(await linkUser(t, "U5", "ghes", "bob")).toBe(
      "Linked: you are *bob* on GitHub Enterprise Server (this replaces your earlier link as alice).\nNext: `/ghconnect link cloud`, to prove your GitHub Enterprise Cloud identity.",
    );
  });

  it.each([
    ["deny", "The sign-in was cancelled on GitHub Enterprise Server. Nothing was linked."],
    ["expire", "The sign-in code expired before it was entered. Run `/ghconnect link ghes` to get a new one."],
  ] as const)("reports a sign-in the user did not finish (%s)", async (how, words) => {
    const started = await t.command("link ghes", "U2");
    const code = t.github.state.ghes.device.latest()?.userCode as string;
    t.github.state.ghes.device[how](code);
    expect(await t.slack.waitFor(() => t.answers(started.responseId)[1])).toBe(words);
    expect(await t.bot.store.sql.query("SELECT 1 FROM identity_links WHERE slack_user = 'U2'")).toEqual([]);
  });

  it("explains a device flow switched off in the app settings, in Japanese too", async () => {
    const client = t.github.state.ghes.device.clients.get(GHES_CLIENT);
    if (!client) throw new Error("fake client missing");
    client.deviceFlowEnabled = false;
    try {
      const started = await t.command("link ghes", "UJA");
      expect(await t.slack.waitFor(() => t.answers(started.responseId)[1])).toContain("デバイスサインインが無効");
    } finally {
      client.deviceFlowEnabled = true;
    }
  });

  it("refuses a second sign-in for the same side while one is waiting", async () => {
    const first = await t.command("link ghes", "U3");
    const second = await t.command("link ghes", "U3");
    expect(second.text).toContain("already waiting for you");
    t.github.state.ghes.device.deny(t.github.state.ghes.device.latest()?.userCode as string);
    await t.slack.waitFor(() => t.answers(first.responseId)[1]);
  });

  it("links from the App Home buttons (a signed block_actions payload)", async () => {
    const opened = await t.sender.event({
      type: "event_callback",
      team_id: TEAM,
      api_app_id: "A0TEST",
      event: { type: "app_home_opened", user: "U2", tab: "home", channel: "D0HOME" },
      event_id: "Ev1",
      event_time: 1,
    });
    expect(opened.status).toBe(200);
    const home = await t.slack.waitFor(() => t.slack.calls.find((c) => c.method === "views.publish" && c.args.user_id === "U2"));
    expect(JSON.stringify(home.args.view)).toContain("home-link:cloud");
    const clicked = await t.sender.action({
      user: { id: "U2", team_id: TEAM },
      actions: [{ action_id: "home-link:cloud", value: "cloud", block_id: "home-link" }],
      response_url: t.slack.newResponseUrl(),
    });
    expect(clicked.status).toBe(200);
    const code = await t.slack.waitFor(() => t.github.state.cloud.device.codes.find((c) => c.status === "pending"));
    const withCode = await t.slack.waitFor(() =>
      t.slack.calls.find((c) => c.method === "views.publish" && JSON.stringify(c.args.view).includes(code.userCode)),
    );
    expect(JSON.stringify(withCode.args.view)).toContain("/login/device");
    t.github.state.cloud.device.approve(code.userCode, "alice-cloud");
    await t.slack.waitFor(() =>
      t.slack.calls.find((c) => c.method === "views.publish" && JSON.stringify(c.args.view).includes("Linked: you are *alice-cloud*")),
    );
  });

  it("unlinks one side or both, deleting the stored tokens", async () => {
    await linkUser(t, "U6", "ghes", "bob");
    await linkUser(t, "U6", "cloud", "alice-cloud");
    expect((await t.command("unlink ghes", "U6")).text).toBe(
      "Forgotten: your GitHub Enterprise Server link as bob. The token stored for it was deleted.",
    );
    expect((await t.command("unlink", "U6")).text).toContain("your GitHub Enterprise Cloud link as alice-cloud");
    expect((await t.command("unlink", "U6")).text).toBe("You have no linked identity to forget.");
    expect(await t.bot.store.sql.query("SELECT 1 FROM identity_links WHERE slack_user = 'U6'")).toEqual([]);
  });

  it("refreshes an expired GitHub.com token with its refresh token before using it", async () => {
    await linkUser(t, "U3", "cloud", "alice-cloud");
    const firstToken = t.github.requests.filter((r) => r.server === "cloudApi" && r.path === "/user").at(-1)?.headers.authorization;
    await t.bot.store.sql.exec(
      "UPDATE identity_links SET access_expires_at = now() - interval '1 minute' WHERE slack_user = 'U3' AND side = 'CLOUD'",
    );
    await t.command("whoami org acme", "U3");
    const refresh = t.github.requests.find(
      (r) => r.server === "cloudWeb" && (r.body as Record<string, string>)?.grant_type === "refresh_token",
    );
    expect(refresh?.body).toMatchObject({ client_id: "Iv1.cloudclient" });
    const used = t.github.requests.filter((r) => r.path === "/user/memberships/orgs/acme").at(-1)?.headers.authorization;
    expect(used).toBeDefined();
    expect(used).not.toBe(firstToken);
    const [row] = await t.bot.store.sql.query<{ fresh: boolean }>(
      "SELECT access_expires_at > now() AS fresh FROM identity_links WHERE slack_user = 'U3' AND side = 'CLOUD'",
    );
    expect(row?.fresh).toBe(true);
  });

  it("records every link change and leaks no secret anywhere", async () => {
    await linkUser(t, "U7", "ghes", "alice");
    await linkUser(t, "U7", "ghes", "bob");
    const denied = await t.command("link cloud", "U7");
    t.github.state.cloud.device.deny(t.github.state.cloud.device.latest()?.userCode as string);
    await t.slack.waitFor(() => t.answers(denied.responseId)[1]);
    await linkUser(t, "U7", "cloud", "alice-cloud");
    await t.bot.store.sql.exec(
      "UPDATE identity_links SET access_expires_at = now() - interval '1 minute' WHERE slack_user = 'U7' AND side = 'CLOUD'",
    );
    await t.command("whoami org acme", "U7");
    await t.command("unlink", "U7");
    const rows = await t.bot.store.sql.query<{ action: string }>(
      "SELECT action FROM audit_events WHERE action LIKE 'link.%' AND actor_user = 'U7' ORDER BY id",
    );
    const actions = rows.map((r) => r.action);
    for (const a of ["link.started", "link.created", "link.replaced", "link.failed", "link.removed", "link.refreshed"])
      expect(actions).toContain(a);
    await expectNoSecretsLeaked(t);
  });

  it("calls only Slack methods whose scopes manifest.yml declares", async () => {
    const opened = await t.sender.event({
      type: "event_callback",
      team_id: TEAM,
      api_app_id: "A0TEST",
      event: { type: "app_home_opened", user: "U7", tab: "home", channel: "D0HOME" },
      event_id: "EvScopes",
      event_time: 1,
    });
    expect(opened.status).toBe(200);
    await t.slack.waitFor(() => t.slack.calls.find((c) => c.method === "views.publish" && c.args.user_id === "U7"));
    const methods = new Set(t.slack.calls.map((c) => c.method));
    expect([...methods].filter((m) => !(m in SCOPE_OF_METHOD))).toEqual([]);
    expect(methods.has("views.publish")).toBe(true);
  });
});

describe("linking GitHub.com through a classic OAuth app", () => {
  it("uses GITHUB_OAUTH_CLIENT_ID with the read:org and read:enterprise scopes", async () => {
    const t = await startTestBot({ GITHUB_OAUTH_CLIENT_ID: "classic-oauth-app" });
    try {
      t.slack.addUser({ id: "U1", team_id: TEAM });
      t.github.state.cloud.addUser("alice-cloud");
      t.github.state.cloud.device.addClient("classic-oauth-app", { expiringTokens: false });
      expect(await linkUser(t, "U1", "cloud", "alice-cloud")).toContain("alice-cloud");
      const codeRequest = t.github.requests.find((r) => r.server === "cloudWeb" && r.path === "/login/device/code");
      expect(codeRequest?.body).toEqual({ client_id: "classic-oauth-app", scope: "read:org read:enterprise" });
      t.github.assertClean();
    } finally {
      await t.stop();
    }
  });
});
