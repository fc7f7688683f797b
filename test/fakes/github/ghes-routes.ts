// Routes of the fake GHES: REST under /api/v3 (github-facts §1, §3, §9) and the Manage API (/manage/v1).

import { searchAuditLog } from "./audit-log-search.ts";
import { type Bases, privateUser, publicUser } from "./fixtures.ts";
import type { GhesState } from "./ghes-state.ts";
import { error, json, notFound } from "./http-util.ts";
import type { Ctx, Reply, Route } from "./types.ts";

const API = "/api/v3";

export function ghesRoutes(state: GhesState): Route[] {
  const bases = (): Bases => ({ api: `${state.webUrl}${API}`, web: state.webUrl });

  const route = (method: string, path: string, handle: Route["handle"]): Route => ({ method, path: `${API}${path}`, handle });

  /** Site-admin-only endpoints: non-admins get 404 (our choice; real behaviour unverified). */
  const siteAdmin = (ctx: Ctx, then: () => Reply): Reply => {
    const auth = state.authenticate(ctx);
    if (!auth.ok) return auth.reply;
    if (auth.record.kind !== "user" || !auth.user?.siteAdmin) return notFound();
    return then();
  };

  return [
    route("GET", "/user", (ctx) => {
      const auth = state.authenticate(ctx);
      if (!auth.ok) return auth.reply;
      if (!auth.user) return error(403, "Resource not accessible by integration");
      return json(200, privateUser(auth.user, bases()));
    }),
    route("GET", "/users/{username}", (ctx, p) => {
      const auth = state.authenticate(ctx);
      if (!auth.ok) return auth.reply;
      const user = state.user(p.username ?? "");
      return user ? json(200, publicUser(user, bases())) : notFound();
    }),
    route("GET", "/meta", () =>
      json(200, { verifiable_password_authentication: true, installed_version: state.version, packages: [], domains: {} }),
    ),
    route("GET", "/enterprise/settings/license", (ctx) => siteAdmin(ctx, () => json(200, state.license))),
    route("GET", "/enterprises/{enterprise}/audit-log", (ctx, p) =>
      siteAdmin(ctx, () =>
        state.enterprise !== null && p.enterprise !== state.enterprise ? notFound() : searchAuditLog(state.auditLog, ctx, state.webUrl),
      ),
    ),
    // GraphQL beside the REST root; the one query the bot makes of GHES: which enterprise the viewer belongs to.
    {
      method: "POST",
      path: "/api/graphql",
      handle: (ctx) => {
        const auth = state.authenticate(ctx);
        if (!auth.ok) return auth.reply;
        const body = (ctx.body ?? {}) as { query?: unknown; operationName?: unknown };
        if (
          body.operationName !== "GhesEnterprises" ||
          typeof body.query !== "string" ||
          !/\bviewer\s*\{\s*enterprises\b/.test(body.query)
        ) {
          ctx.report(`GHES GraphQL: unknown operation '${String(body.operationName)}'`);
          return json(400, { message: "fake: unknown GraphQL operation" });
        }
        // A classic token without an enterprise scope is answered as GitHub answers a missing scope: 200 and errors
        // (the field's minimum scope, read:enterprise, is unverified; github-facts has no GHES GraphQL section).
        const scopes = auth.record.scopes;
        if (scopes && !scopes.some((s) => s === "read:enterprise" || s === "admin:enterprise"))
          return json(200, {
            data: null,
            errors: [
              {
                type: "INSUFFICIENT_SCOPES",
                message:
                  "Your token has not been granted the required scopes to execute this query. The 'enterprises' field requires one of the following scopes: ['read:enterprise'], but your token has only been granted the: ['site_admin'] scopes.",
              },
            ],
          });
        // A site admin of GHES is an owner of its one enterprise; another user belongs to none here.
        const nodes = state.enterprise !== null && auth.user?.siteAdmin ? [{ slug: state.enterprise }] : [];
        return json(200, { data: { viewer: { enterprises: { nodes } } } });
      },
    },
  ];
}

export function manageRoutes(state: GhesState): Route[] {
  const guarded = (method: string, path: string, body: () => unknown, unchecked = (): boolean => false): Route => ({
    method,
    path: `/manage/v1${path}`,
    handle: (ctx) => {
      const header = ctx.headers.authorization;
      if (header !== undefined && !/^basic\s+\S+$/i.test(header))
        ctx.report(`Manage API: Authorization is not HTTP Basic: '${header.slice(0, 12)}...'`);
      const decoded = header ? Buffer.from(header.replace(/^basic\s+/i, ""), "base64").toString("utf8") : "";
      if (decoded !== `api_key:${state.managePassword}`) return { status: 401 };
      return { ...json(200, body()), unchecked: unchecked() };
    },
  });
  return [
    guarded("GET", "/version", () =>
      state.manage.nodes.map((n) => ({
        hostname: n.hostname,
        version: { version: state.version, platform: n.platform, build_id: n.build_id, build_date: n.build_date },
      })),
    ),
    guarded(
      "GET",
      "/config/license",
      () => (state.manage.licenseAsArray ? [state.manage.license] : state.manage.license),
      () => state.manage.licenseAsArray, // the spec example is array-wrapped although the schema is an object
    ),
    guarded("GET", "/config/license/check", () => ({ status: state.manage.licenseStatus })),
    guarded("GET", "/config/settings", () => state.manage.settings),
  ];
}
