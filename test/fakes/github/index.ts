// Fake GitHub (GHES + Manage API + GHEC API + github.com web) for tests: real node:http servers on 127.0.0.1.
// Specification: /work/shared/docs/github-facts.md (§9 "Facts a test double must imitate").
import { appRoutes } from "./app-routes.ts";
import { cloudGraphqlRoute } from "./cloud-graphql.ts";
import { cloudRoutes } from "./cloud-routes.ts";
import { CloudState } from "./cloud-state.ts";
import { type Shared, startServer } from "./fake-server.ts";
import { FaultList } from "./fault-list.ts";
import { ghesRoutes, manageRoutes } from "./ghes-routes.ts";
import { GhesState } from "./ghes-state.ts";
import { OpenApiSpec, specForGhesVersion } from "./openapi-spec.ts";
import type { FaultRule, RecordedRequest } from "./types.ts";

export type { FakeUser, IssueTokenOptions, TokenRecord } from "./accounts.ts";
export type { CloudState, FakeApp, FakeEnterprise, FakeInstallation, FakeOrg, OrgRole, ServerInstallation } from "./cloud-state.ts";
export type { DeviceClient, DeviceCode, DeviceFlow } from "./device-flow.ts";
export type { AuditLogEvent, GhesLicense, GhesState, ManageState } from "./ghes-state.ts";
export type { FaultRule, RecordedRequest, ServerName } from "./types.ts";

export interface FakeGithubState {
  ghes: GhesState;
  cloud: CloudState;
}

export interface FakeGithub {
  /** GHES web root; REST at + "/api/v3", device flow at /login/device/code and /login/oauth/access_token. */
  ghesUrl: string;
  /** GHES Manage API (separate port), /manage/v1/...; Basic "api_key" : state.ghes.managePassword. */
  manageUrl: string;
  /** Like https://api.github.com (REST + POST /graphql). */
  cloudApiUrl: string;
  /** Like https://github.com (device flow endpoints). */
  cloudWebUrl: string;
  state: FakeGithubState;
  requests: RecordedRequest[];
  /** Unknown routes, OpenAPI violations (requests and the fake's own answers), bad auth formats. */
  unexpected: string[];
  assertClean(): void;
  fail(rule: FaultRule): void;
  close(): Promise<void>;
}

export async function startFakeGithub(options: { ghesVersion?: string } = {}): Promise<FakeGithub> {
  const version = options.ghesVersion ?? "3.19.0";
  const ghes = new GhesState(version);
  const cloud = new CloudState();
  const shared: Shared = { requests: [], unexpected: [], faults: new FaultList() };
  const ghesSpec = specForGhesVersion(version);
  // Loaded now rather than inside the first request, so a client timing that request never pays for it.
  OpenApiSpec.get(ghesSpec);
  OpenApiSpec.get("ghec");

  const ghesServer = await startServer(
    {
      name: "ghes",
      routes: [...ghesRoutes(ghes), ...ghes.device.routes()],
      specFor: (path) =>
        path.startsWith("/api/v3/") && !path.startsWith("/api/v3/manage/") ? { spec: ghesSpec, path: path.slice(7) } : undefined,
      rateResource: (path) => (path === "/api/graphql" ? "graphql" : path.startsWith("/api/") ? "core" : undefined),
      extraHeaders: () => ({ "x-github-enterprise-version": ghes.version }),
      now: () => ghes.now(),
    },
    shared,
  );
  const manageServer = await startServer(
    {
      name: "manage",
      routes: manageRoutes(ghes),
      specFor: (path) => (path.startsWith("/manage/") ? { spec: ghesSpec, path } : undefined),
      rateResource: () => undefined,
      extraHeaders: () => ({}),
      now: () => ghes.now(),
    },
    shared,
  );
  const cloudApiServer = await startServer(
    {
      name: "cloudApi",
      routes: [...cloudRoutes(cloud), ...appRoutes(cloud), cloudGraphqlRoute(cloud)],
      specFor: (path) => (path === "/graphql" ? undefined : { spec: "ghec", path }),
      rateResource: (path) => (path === "/graphql" ? "graphql" : "core"),
      extraHeaders: () => ({}),
      now: () => cloud.now(),
    },
    shared,
  );
  const cloudWebServer = await startServer(
    {
      name: "cloudWeb",
      // GET / answers like github.com's home page: the bot's reachability check asks for it.
      routes: [
        ...cloud.device.routes(),
        {
          method: "GET",
          path: "/",
          handle: () => ({ status: 200, raw: "<!DOCTYPE html><title>GitHub</title>", headers: { "content-type": "text/html" } }),
        },
      ],
      specFor: () => undefined,
      rateResource: () => undefined,
      extraHeaders: () => ({}),
      now: () => cloud.now(),
    },
    shared,
  );

  ghes.webUrl = ghesServer.url;
  cloud.apiUrl = cloudApiServer.url;
  cloud.webUrl = cloudWebServer.url;

  return {
    ghesUrl: ghesServer.url,
    manageUrl: manageServer.url,
    cloudApiUrl: cloudApiServer.url,
    cloudWebUrl: cloudWebServer.url,
    state: { ghes, cloud },
    requests: shared.requests,
    unexpected: shared.unexpected,
    assertClean() {
      if (shared.unexpected.length > 0) {
        throw new Error(`fake GitHub saw ${shared.unexpected.length} unexpected thing(s):\n- ${shared.unexpected.join("\n- ")}`);
      }
    },
    fail: (rule) => shared.faults.add(rule),
    close: async () => {
      await Promise.all([ghesServer.close(), manageServer.close(), cloudApiServer.close(), cloudWebServer.close()]);
    },
  };
}
