// Proves the fake GitHub works with the real Octokit clients the bot uses (auth-app incl. its clock-skew retry,
// auth-oauth-device against the web host, graphql with operationName).

import { createAppAuth } from "@octokit/auth-app";
import { createOAuthDeviceAuth } from "@octokit/auth-oauth-device";
import { graphql } from "@octokit/graphql";
import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGithub, startFakeGithub } from "./index.ts";
import { generateAppKeyPair, type TestKeyPair } from "./sign-app-jwt.ts";

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

describe("fake GitHub with Octokit", () => {
  let gh: FakeGithub;
  let keys: TestKeyPair;

  beforeAll(async () => {
    gh = await startFakeGithub();
    keys = generateAppKeyPair();
    const cloud = gh.state.cloud;
    cloud.addApp({ id: 42, slug: "bot", clientId: "Iv1.bot", publicKey: keys.publicKey });
    cloud.addOrg("acme");
    cloud.addOrgMember("acme", "carol", "admin");
    cloud.install(42, { org: "acme" }, { id: 7 });
    cloud.addEnterprise("acme-ent");
    cloud.addEnterpriseOwner("acme-ent", "carol");
  });
  afterAll(async () => {
    await gh.close();
  });

  it("auth-app retries after the fake's clock-skew 401 and mints installation tokens", async () => {
    gh.state.cloud.clockSkewMs = 15 * 60_000;
    const auth = { appId: 42, privateKey: keys.privateKeyPem };
    const app = new Octokit({ baseUrl: gh.cloudApiUrl, authStrategy: createAppAuth, auth, log: quiet });
    expect((await app.request("GET /orgs/{org}/installation", { org: "acme" })).data.id).toBe(7);
    const inst = new Octokit({ baseUrl: gh.cloudApiUrl, authStrategy: createAppAuth, auth: { ...auth, installationId: 7 }, log: quiet });
    const m = await inst.request("GET /orgs/{org}/memberships/{username}", { org: "acme", username: "carol" });
    expect(m.data.role).toBe("admin");
    expect(gh.requests.filter((r) => r.path === "/orgs/acme/installation").length).toBe(2); // 401 + retry
    gh.state.cloud.clockSkewMs = 0;
    gh.assertClean();
  });

  it("auth-oauth-device gets a user token that works for GraphQL", async () => {
    const cloud = gh.state.cloud;
    cloud.device.addClient("Iv1.dev", { interval: 0 });
    const auth = createOAuthDeviceAuth({
      clientType: "github-app",
      clientId: "Iv1.dev",
      request: new Octokit({ baseUrl: gh.cloudWebUrl }).request, // OAuth endpoints live on the web host
      onVerification: (v) => {
        setTimeout(() => cloud.device.approve(v.user_code, "carol"), 20);
      },
    });
    const { token } = await auth({ type: "oauth" });
    expect(token).toMatch(/^ghu_/);
    const q = graphql.defaults({ baseUrl: gh.cloudApiUrl, headers: { authorization: `token ${token}` } });
    const data = await q<{ enterprise: { viewerIsAdmin: boolean } }>(
      "query EnterpriseOwnership($slug: String!, $login: String!) { enterprise(slug: $slug) { viewerIsAdmin } }",
      { operationName: "EnterpriseOwnership", slug: "acme-ent", login: "carol" },
    );
    expect(data.enterprise.viewerIsAdmin).toBe(true);
    gh.assertClean();
  });
});
