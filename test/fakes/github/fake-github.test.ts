// Proves the fake GitHub's own guarantees with plain fetch: strict routes, OpenAPI checks, JWT checks,
// the device flow with refresh rotation, token lifecycle and fault injection.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eventually } from "../../support/eventually.ts";
import { type FakeGithub, startFakeGithub } from "./index.ts";
import { generateAppKeyPair, signAppJwt } from "./sign-app-jwt.ts";

const H = { accept: "application/vnd.github+json", "x-github-api-version": "2022-11-28" };
const bearer = (token: string): Record<string, string> => ({ ...H, authorization: `Bearer ${token}` });
const postJson = (url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(url, {
    method: "POST",
    headers: { accept: "application/json", "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

describe("fake GitHub", () => {
  let gh: FakeGithub;
  beforeEach(async () => {
    gh = await startFakeGithub();
  });
  afterEach(async () => {
    await gh.close();
  });

  it("records and 404s an unknown route, and assertClean reports it", async () => {
    const res = await fetch(`${gh.ghesUrl}/api/v3/no/such/thing`, { headers: H });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ message: expect.stringContaining("fake: unknown route") });
    expect(gh.unexpected.join("\n")).toContain("[ghes] GET /api/v3/no/such/thing: unknown route");
    expect(gh.unexpected.join("\n")).toContain("openapi(ghes-3.19): no operation GET /no/such/thing");
    expect(gh.requests).toMatchObject([{ server: "ghes", method: "GET", path: "/api/v3/no/such/thing" }]);
    expect(() => gh.assertClean()).toThrow(/unknown route/);
  });

  it("records OpenAPI violations of requests", async () => {
    const keys = generateAppKeyPair();
    gh.state.cloud.addApp({ id: 42, slug: "bot", publicKey: keys.publicKey });
    gh.state.cloud.addOrg("acme");
    gh.state.cloud.install(42, { org: "acme" }, { id: 7 });
    const jwt = signAppJwt(keys.privateKey, 42);
    const res = await postJson(`${gh.cloudApiUrl}/app/installations/7/access_tokens`, { repository_ids: "not-an-array" }, bearer(jwt));
    expect(res.status).toBe(201); // the fake still answers; the violation is recorded
    gh.state.ghes.addSiteAdmin("alice");
    const admin = gh.state.ghes.issueToken("alice");
    await fetch(`${gh.ghesUrl}/api/v3/enterprises/github/audit-log?per_page=many`, { headers: bearer(admin) });
    expect(gh.unexpected).toEqual([
      expect.stringMatching(
        /^\[cloudApi\] POST \/app\/installations\/7\/access_tokens: openapi\(ghec\) request body.*repository_ids must be array/,
      ),
      expect.stringMatching(/^\[ghes\] GET .*audit-log: openapi\(ghes-3.19\) request query\.per_page.*must be integer/),
    ]);
  });

  it("rejects app JWTs signed with the wrong key, too-long JWTs and non-JWTs", async () => {
    const keys = generateAppKeyPair();
    const other = generateAppKeyPair();
    gh.state.cloud.addApp({ id: 42, slug: "bot", clientId: "Iv1.bot", publicKey: keys.publicKey });
    const app = (token: string): Promise<Response> => fetch(`${gh.cloudApiUrl}/app`, { headers: bearer(token) });

    const wrongKey = await app(signAppJwt(other.privateKey, 42));
    expect(wrongKey.status).toBe(401);
    expect(await wrongKey.json()).toMatchObject({ message: "A JSON web token could not be decoded" });

    const now = Math.floor(Date.now() / 1000);
    const tooLong = await app(signAppJwt(keys.privateKey, 42, { iat: now, exp: now + 3600 }));
    expect(tooLong.status).toBe(401);
    expect(await tooLong.json()).toMatchObject({ message: "'Expiration time' claim ('exp') is too far in the future" });
    expect(tooLong.headers.get("date")).toBeTruthy();

    expect((await app("ghp_notajwt")).status).toBe(401);
    expect((await app(signAppJwt(keys.privateKey, "Iv1.bot"))).status).toBe(200); // iss = client id

    gh.state.cloud.clockSkewMs = -120_000; // server clock 2 min behind: iat is in its future
    const skewed = await app(signAppJwt(keys.privateKey, 42));
    expect(await skewed.json()).toMatchObject({ message: expect.stringContaining("'Issued at' claim ('iat')") });
    expect(Date.parse(skewed.headers.get("date") ?? "") - Date.now()).toBeLessThan(-100_000);
    gh.assertClean();
  });

  it("runs the device flow: pending -> approve -> token -> refresh rotation", async () => {
    const cloud = gh.state.cloud;
    cloud.addUser("carol");
    cloud.device.addClient("Iv1.dev", { interval: 0 });
    const code = await postJson(`${gh.cloudWebUrl}/login/device/code`, { client_id: "Iv1.dev" });
    const issued = (await code.json()) as {
      device_code: string;
      user_code: string;
      verification_uri: string;
      interval: number;
      expires_in: number;
    };
    expect(issued).toMatchObject({ verification_uri: `${gh.cloudWebUrl}/login/device`, interval: 0, expires_in: 900 });
    expect(issued.device_code).toMatch(/^[0-9a-f]{40}$/);
    expect(issued.user_code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);

    const grant = { client_id: "Iv1.dev", device_code: issued.device_code, grant_type: "urn:ietf:params:oauth:grant-type:device_code" };
    const poll = async (): Promise<Record<string, unknown>> =>
      (await (await postJson(`${gh.cloudWebUrl}/login/oauth/access_token`, grant)).json()) as Record<string, unknown>;
    expect(await poll()).toMatchObject({ error: "authorization_pending" });
    cloud.device.slowDown(issued.user_code);
    expect(await poll()).toMatchObject({ error: "slow_down", interval: 5 });
    cloud.device.approve(issued.user_code, "carol");
    const tokens = await poll();
    expect(tokens).toMatchObject({ expires_in: 28800, refresh_token_expires_in: 15811200, scope: "", token_type: "bearer" });
    expect(tokens.access_token).toMatch(/^ghu_/);
    expect(tokens.refresh_token).toMatch(/^ghr_/);
    const me = await fetch(`${gh.cloudApiUrl}/user`, { headers: bearer(String(tokens.access_token)) });
    expect(await me.json()).toMatchObject({ login: "carol" });

    // Refresh as form-urlencoded without Accept: JSON -> form answer; the old refresh token is then dead.
    const form = (refresh: unknown): Promise<Response> =>
      fetch(`${gh.cloudWebUrl}/login/oauth/access_token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ client_id: "Iv1.dev", grant_type: "refresh_token", refresh_token: String(refresh) }).toString(),
      });
    const rotated = new URLSearchParams(await (await form(tokens.refresh_token)).text());
    expect(rotated.get("access_token")).toMatch(/^ghu_/);
    expect(rotated.get("refresh_token")).not.toBe(tokens.refresh_token);
    expect(new URLSearchParams(await (await form(tokens.refresh_token)).text()).get("error")).toBe("bad_refresh_token");
    gh.assertClean();
  });

  it("answers device-flow errors on the GHES web host", async () => {
    const ghes = gh.state.ghes;
    ghes.device.addClient("Iv1.off", { deviceFlowEnabled: false });
    expect((await postJson(`${gh.ghesUrl}/login/device/code`, { client_id: "unknown" })).status).toBe(404);
    const issued = (await (await postJson(`${gh.ghesUrl}/login/device/code`, { client_id: "Iv1.off" })).json()) as { device_code: string };
    const poll = await postJson(`${gh.ghesUrl}/login/oauth/access_token`, {
      client_id: "Iv1.off",
      device_code: issued.device_code,
      grant_type: "urn:ietf:params:oauth:grant-type:device_code",
    });
    expect(poll.status).toBe(200);
    expect(await poll.json()).toMatchObject({ error: "device_flow_disabled" });
    gh.assertClean();
  });

  it("authenticates Bearer and token schemes and rejects revoked, expired and malformed tokens", async () => {
    const ghes = gh.state.ghes;
    ghes.addUser("bob");
    const t1 = ghes.issueToken("bob");
    const t2 = ghes.issueToken("bob");
    const user = (auth: string): Promise<Response> => fetch(`${gh.ghesUrl}/api/v3/user`, { headers: { ...H, authorization: auth } });
    expect((await user(`token ${t1}`)).status).toBe(200);
    ghes.revokeToken(t1);
    ghes.expireToken(t2);
    const revoked = await user(`Bearer ${t1}`);
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toMatchObject({ message: "Bad credentials", documentation_url: expect.any(String) });
    expect((await user(`Bearer ${t2}`)).status).toBe(401);
    expect(gh.unexpected).toEqual([]);
    expect((await user(t2)).status).toBe(401);
    expect(gh.unexpected).toEqual([expect.stringContaining("bad Authorization header format")]);
  });

  it("injects faults: status, rate-limit headers, delays; faulted requests are recorded", async () => {
    gh.fail({ server: "ghes", path: "/api/v3/meta", status: 500 });
    gh.fail({
      server: "ghes",
      method: "GET",
      path: /\/meta$/,
      status: 403,
      headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1700000000" },
      body: { message: "API rate limit exceeded" },
    });
    gh.fail({ server: "ghes", path: "/api/v3/meta", status: 429, headers: { "retry-after": "60" }, times: 2 });
    const meta = (): Promise<Response> => fetch(`${gh.ghesUrl}/api/v3/meta`, { headers: H });
    expect((await meta()).status).toBe(500);
    const limited = await meta();
    expect(limited.status).toBe(403);
    expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(limited.headers.get("x-ratelimit-reset")).toBe("1700000000");
    expect(await limited.json()).toEqual({ message: "API rate limit exceeded" });
    expect((await meta()).headers.get("retry-after")).toBe("60");
    expect((await meta()).status).toBe(429);
    expect((await meta()).status).toBe(200);

    // A hanging fault: the request is recorded and never answered; the client's abort ends it.
    gh.fail({ server: "cloudApi", path: "/graphql", hang: true });
    const controller = new AbortController();
    const aborted = fetch(`${gh.cloudApiUrl}/graphql`, { method: "POST", headers: H, body: "{}", signal: controller.signal });
    aborted.catch(() => {});
    await eventually("the held request recorded", async () => (gh.requests.at(-1)?.path === "/graphql" ? true : undefined));
    controller.abort();
    await expect(aborted).rejects.toThrow();
    expect(gh.requests.filter((r) => r.path === "/api/v3/meta")).toHaveLength(5);
    expect(gh.requests.at(-1)).toMatchObject({ server: "cloudApi", path: "/graphql" });
    gh.assertClean();
  });
});
