// Sweeps every route of the fake GitHub with plain fetch: the answers must match github-facts §9 and the fake's own
// 2xx bodies must pass the OpenAPI check (assertClean at the end).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGithub, startFakeGithub } from "./index.ts";
import { generateAppKeyPair, signAppJwt, type TestKeyPair } from "./sign-app-jwt.ts";

const H = { accept: "application/vnd.github+json", "x-github-api-version": "2022-11-28" };

describe("fake GitHub routes", () => {
  let gh: FakeGithub;
  let keys: TestKeyPair;
  let admin: string;
  let plain: string;
  let owner: string;
  let outsider: string;

  const get = (url: string, token?: string, extra: Record<string, string> = {}): Promise<Response> =>
    fetch(url, { headers: { ...H, ...extra, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  const gql = (token: string, operationName: string, variables: Record<string, string>): Promise<Response> =>
    fetch(`${gh.cloudApiUrl}/graphql`, {
      method: "POST",
      headers: { ...H, authorization: `bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ query: `query ${operationName} { x }`, operationName, variables }),
    });

  beforeAll(async () => {
    gh = await startFakeGithub();
    keys = generateAppKeyPair();
    const { ghes, cloud } = gh.state;
    ghes.addSiteAdmin("alice");
    ghes.addUser("bob");
    admin = ghes.issueToken("alice", { scopes: ["site_admin"] });
    plain = ghes.issueToken("bob");
    ghes.addAuditEvent({ action: "dotcom_connection.create", actor: "alice", "@timestamp": 1700000000000 });
    ghes.addAuditEvent({ action: "user.login", actor: "bob", "@timestamp": 1700000001000 });
    cloud.addOrg("acme");
    cloud.addOrgMember("acme", "carol", "admin");
    cloud.addUser("dave");
    cloud.addEnterprise("acme-ent", { name: "Acme" });
    cloud.addEnterpriseOwner("acme-ent", "carol");
    cloud.addServerInstallation("acme-ent", { hostName: "ghe.acme.test", customerName: "Acme" });
    cloud.addServerInstallation("acme-ent", { hostName: "old.acme.test", isConnected: false });
    cloud.enterprise("acme-ent")?.licenseSync.push({
      server_id: "deadbeef1",
      hostname: "ghe.acme.test",
      last_sync: { date: "2025-01-01T00:00:00Z", status: "success", error: "" },
    });
    cloud.enterprise("acme-ent")?.serverStatistics.push({
      server_id: "x",
      host_name: "ghe.acme.test",
      ghes_version: "3.19.0",
      collection_date: "2025-01-01",
      github_connect: { features_enabled: ["license_usage_sync"] },
    });
    owner = cloud.issueToken("carol", { prefix: "gho_" });
    outsider = cloud.issueToken("dave");
    cloud.addApp({ id: 42, slug: "ghconnect-bot", clientId: "Iv1.bot", publicKey: keys.publicKey });
    cloud.install(42, { org: "acme" }, { id: 7 });
    cloud.install(42, { enterprise: "acme-ent" }, { id: 8 });
  });
  afterAll(async () => {
    await gh.close();
  });

  it("serves GHES REST with version and rate-limit headers", async () => {
    const me = await get(`${gh.ghesUrl}/api/v3/user`, admin);
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ login: "alice", id: 1, type: "User", site_admin: true });
    expect(me.headers.get("x-github-enterprise-version")).toBe("3.19.0");
    expect(me.headers.get("x-ratelimit-remaining")).toMatch(/^\d+$/);
    expect(me.headers.get("x-oauth-scopes")).toBe("site_admin");
    expect(await (await get(`${gh.ghesUrl}/api/v3/users/bob`, admin)).json()).toMatchObject({ login: "bob", site_admin: false });
    expect((await get(`${gh.ghesUrl}/api/v3/users/nobody`, admin)).status).toBe(404);
    expect(await (await get(`${gh.ghesUrl}/api/v3/meta`)).json()).toMatchObject({ installed_version: "3.19.0" });
    expect(await (await get(`${gh.ghesUrl}/api/v3/enterprise/settings/license`, admin)).json()).toMatchObject({ seats: 1400 });
    expect((await get(`${gh.ghesUrl}/api/v3/enterprise/settings/license`, plain)).status).toBe(404);
    const log = await get(`${gh.ghesUrl}/api/v3/enterprises/github/audit-log?phrase=action:dotcom_connection&per_page=10`, admin);
    expect(await log.json()).toEqual([
      { _document_id: expect.any(String), action: "dotcom_connection.create", actor: "alice", "@timestamp": 1700000000000 },
    ]);
    expect((await get(`${gh.ghesUrl}/api/v3/user`, "nope")).status).toBe(401);
  });

  it("serves the Manage API with Basic auth", async () => {
    const basic = { authorization: `Basic ${Buffer.from(`api_key:${gh.state.ghes.managePassword}`).toString("base64")}` };
    const version = await get(`${gh.manageUrl}/manage/v1/version`, undefined, basic);
    expect(await version.json()).toEqual([
      { hostname: "ghe-primary", version: { version: "3.19.0", platform: "kvm", build_id: "fc542058", build_date: "2025-10-01" } },
    ]);
    expect(await (await get(`${gh.manageUrl}/manage/v1/config/license`, undefined, basic)).json()).toMatchObject({ croquetSupport: true });
    expect(await (await get(`${gh.manageUrl}/manage/v1/config/license/check`, undefined, basic)).json()).toEqual({ status: "valid" });
    expect(await (await get(`${gh.manageUrl}/manage/v1/config/settings`, undefined, basic)).json()).toMatchObject({
      github_hostname: "ghe.acme.test",
    });
    const wrong = await get(`${gh.manageUrl}/manage/v1/version`, undefined, {
      authorization: `Basic ${Buffer.from("api_key:x").toString("base64")}`,
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toBe("");
  });

  it("serves GHEC user, org and enterprise REST", async () => {
    expect(await (await get(`${gh.cloudApiUrl}/user`, owner)).json()).toMatchObject({ login: "carol", site_admin: false });
    const m = await get(`${gh.cloudApiUrl}/user/memberships/orgs/acme`, owner);
    expect(await m.json()).toMatchObject({ state: "active", role: "admin", organization: { login: "acme" }, user: { login: "carol" } });
    expect((await get(`${gh.cloudApiUrl}/user/memberships/orgs/acme`, outsider)).status).toBe(404);
    expect(await (await get(`${gh.cloudApiUrl}/orgs/acme`, owner)).json()).toMatchObject({ login: "acme" });
    expect((await get(`${gh.cloudApiUrl}/orgs/nope`, owner)).status).toBe(404);
    expect((await get(`${gh.cloudApiUrl}/orgs/acme/memberships/carol`, owner)).status).toBe(200);
    expect((await get(`${gh.cloudApiUrl}/orgs/acme/memberships/carol`, outsider)).status).toBe(403);
    const sync = await get(`${gh.cloudApiUrl}/enterprises/acme-ent/license-sync-status`, owner);
    expect(await sync.json()).toMatchObject({ server_instances: [{ hostname: "ghe.acme.test" }] });
    const stats = await get(`${gh.cloudApiUrl}/enterprise-installation/acme-ent/server-statistics`, owner);
    expect(await stats.json()).toMatchObject([{ github_connect: { features_enabled: ["license_usage_sync"] } }]);
    const acme = gh.state.cloud.org("acme");
    if (!acme) throw new Error("the fake has no acme");
    acme.ssoRequired = true;
    const sso = await get(`${gh.cloudApiUrl}/user/memberships/orgs/acme`, owner);
    expect(sso.status).toBe(403);
    expect(sso.headers.get("x-github-sso")).toMatch(/^required; url=.*\/orgs\/acme\/sso\?authorization_request=/);
    acme.ssoRequired = false;
  });

  it("answers the named GraphQL operations", async () => {
    const ok = await (await gql(owner, "EnterpriseOwnership", { slug: "acme-ent", login: "carol" })).json();
    expect(ok).toEqual({
      data: {
        enterprise: {
          slug: "acme-ent",
          name: "Acme",
          viewerIsAdmin: true,
          ownerInfo: { admins: { edges: [{ role: "OWNER", node: { login: "carol" } }] } },
        },
      },
    });
    const denied = (await (await gql(outsider, "EnterpriseOwnership", { slug: "acme-ent", login: "dave" })).json()) as {
      data: unknown;
      errors: unknown;
    };
    expect(denied.data).toEqual({ enterprise: { slug: "acme-ent", name: "Acme", viewerIsAdmin: false, ownerInfo: null } });
    expect(denied.errors).toMatchObject([{ type: "FORBIDDEN", path: ["enterprise", "ownerInfo"] }]);
    const missing = await (await gql(owner, "EnterpriseExists", { slug: "nope" })).json();
    expect(missing).toMatchObject({
      data: { enterprise: null },
      errors: [{ type: "NOT_FOUND", path: ["enterprise"], message: "Could not resolve to an Enterprise with the slug of 'nope'." }],
    });
    const servers = await (await gql(owner, "ConnectedServers", { slug: "acme-ent" })).json();
    expect(servers).toMatchObject({
      data: {
        enterprise: {
          ownerInfo: { enterpriseServerInstallations: { totalCount: 1, nodes: [{ hostName: "ghe.acme.test", isConnected: true }] } },
        },
      },
    });
    expect((await gql("bad", "EnterpriseExists", { slug: "acme-ent" })).status).toBe(401);
  });

  it("serves the app JWT and installation-token routes", async () => {
    const jwt = signAppJwt(keys.privateKey, 42);
    expect(await (await get(`${gh.cloudApiUrl}/app`, jwt)).json()).toMatchObject({
      id: 42,
      slug: "ghconnect-bot",
      client_id: "Iv1.bot",
      installations_count: 2,
    });
    expect(await (await get(`${gh.cloudApiUrl}/orgs/acme/installation`, jwt)).json()).toMatchObject({
      id: 7,
      app_id: 42,
      target_type: "Organization",
      account: { login: "acme" },
    });
    expect(await (await get(`${gh.cloudApiUrl}/enterprises/acme-ent/installation`, jwt)).json()).toMatchObject({
      id: 8,
      target_type: "Enterprise",
      repository_selection: "selected",
      account: { slug: "acme-ent" },
    });
    expect((await get(`${gh.cloudApiUrl}/orgs/other/installation`, jwt)).status).toBe(404);
    expect((await get(`${gh.cloudApiUrl}/app/installations/7`, jwt)).status).toBe(200);
    expect((await get(`${gh.cloudApiUrl}/app`, owner)).status).toBe(401);
    const created = await fetch(`${gh.cloudApiUrl}/app/installations/7/access_tokens`, {
      method: "POST",
      headers: { ...H, authorization: `Bearer ${jwt}` },
    });
    expect(created.status).toBe(201);
    const { token, expires_at } = (await created.json()) as { token: string; expires_at: string };
    expect(token).toMatch(/^ghs_/);
    expect(Date.parse(expires_at) - Date.now()).toBeGreaterThan(3500_000);
    expect((await get(`${gh.cloudApiUrl}/orgs/acme/memberships/carol`, token)).status).toBe(200);
    const revoke = await fetch(`${gh.cloudApiUrl}/installation/token`, {
      method: "DELETE",
      headers: { ...H, authorization: `token ${token}` },
    });
    expect(revoke.status).toBe(204);
    expect((await get(`${gh.cloudApiUrl}/orgs/acme/memberships/carol`, token)).status).toBe(401);
    const del = await fetch(`${gh.cloudApiUrl}/app/installations/8`, {
      method: "DELETE",
      headers: { ...H, authorization: `Bearer ${jwt}`, "x-github-api-version": "2026-03-10" },
    });
    expect(del.status).toBe(202);
    expect((await get(`${gh.cloudApiUrl}/enterprises/acme-ent/installation`, jwt)).status).toBe(404);
  });

  it("converts a manifest code once", async () => {
    const other = generateAppKeyPair();
    gh.state.cloud.addManifestCode("code1", { id: 43, slug: "made", publicKey: other.publicKey }, other.privateKeyPem);
    const post = (): Promise<Response> => fetch(`${gh.cloudApiUrl}/app-manifests/code1/conversions`, { method: "POST", headers: H });
    const first = await post();
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ id: 43, slug: "made", pem: other.privateKeyPem });
    expect((await post()).status).toBe(404);
  });

  it("left nothing unexpected (all answers matched the OpenAPI descriptions)", () => {
    expect(gh.unexpected).toEqual([]);
    gh.assertClean();
  });
});
