// POST /graphql of the fake GHEC API. The bot names its queries; the fake answers by operationName
// (EnterpriseOwnership, EnterpriseExists, ConnectedServers) with fixed shapes, github-facts §2, §5, §9.
import type { TokenRecord } from "./accounts.ts";
import type { CloudState, FakeEnterprise } from "./cloud-state.ts";
import { json } from "./http-util.ts";
import { type Ctx, isObject, type Reply, type Route } from "./types.ts";

interface GqlError {
  type: string;
  path: string[];
  message: string;
  locations: Array<{ line: number; column: number }>;
}

const OPERATIONS: Record<string, string[]> = {
  EnterpriseOwnership: ["slug", "login"],
  EnterpriseExists: ["slug"],
  ConnectedServers: ["slug"],
  ServerInstallations: ["slug"],
};
const LOC = [{ line: 2, column: 3 }];

export function cloudGraphqlRoute(state: CloudState): Route {
  return { method: "POST", path: "/graphql", handle: (ctx) => handle(state, ctx) };
}

function handle(state: CloudState, ctx: Ctx): Reply {
  const auth = state.authenticate(ctx);
  if (!auth.ok) return json(401, { message: "Bad credentials", documentation_url: "https://docs.github.com/graphql" });
  const body = isObject(ctx.body) ? ctx.body : {};
  if (typeof body.query !== "string") {
    ctx.report("GraphQL: body has no string 'query'");
    return json(400, { message: "A query attribute must be specified and must be a string." });
  }
  const name = typeof body.operationName === "string" ? body.operationName : "";
  const required = OPERATIONS[name];
  if (!required) {
    ctx.report(`GraphQL: unknown operationName '${name}' (known: ${Object.keys(OPERATIONS).join(", ")})`);
    return json(400, { message: `fake: unknown GraphQL operation '${name}'` });
  }
  if (!new RegExp(`\\bquery\\s+${name}\\b`).test(body.query))
    ctx.report(`GraphQL: operationName '${name}' is not declared in the query text`);
  const vars = isObject(body.variables) ? body.variables : {};
  const missing = required.filter((v) => typeof vars[v] !== "string");
  if (missing.length > 0) ctx.report(`GraphQL ${name}: missing string variables ${missing.join(", ")}`);
  const slug = String(vars.slug ?? "");
  const viewer = auth.user?.login.toLowerCase();
  const e = state.enterprise(slug);
  const affiliated = (x: FakeEnterprise): boolean =>
    viewer !== undefined && (x.owners.has(viewer) || x.billingManagers.has(viewer) || x.members.has(viewer));
  if (!e || (e.hidden && !affiliated(e))) {
    const error: GqlError = {
      type: "NOT_FOUND",
      path: ["enterprise"],
      locations: LOC,
      message: `Could not resolve to an Enterprise with the slug of '${slug}'.`,
    };
    return json(200, { data: { enterprise: null }, errors: [error] });
  }
  if (name === "EnterpriseExists") return json(200, { data: { enterprise: { slug: e.slug } } });

  const denied = ownerInfoDenied(e, viewer, auth.record);
  const errors = denied ? [denied] : [];
  if (name === "EnterpriseOwnership") {
    const filter = String(vars.login ?? "").toLowerCase();
    const edges = [...e.owners]
      .filter((o) => o.includes(filter))
      .map((o) => ({ role: "OWNER", node: { login: state.user(o)?.login ?? o } }));
    const viewerIsAdmin = viewer !== undefined && (e.owners.has(viewer) || e.billingManagers.has(viewer));
    const enterprise = { slug: e.slug, name: e.name, viewerIsAdmin, ownerInfo: denied ? null : { admins: { edges } } };
    return json(200, errors.length ? { data: { enterprise }, errors } : { data: { enterprise } });
  }
  if (name === "ServerInstallations") {
    const nodes = e.serverInstallations.map(({ uploads, ...s }) => ({ ...s, userAccountsUploads: { nodes: uploads.slice(-1) } }));
    const installations = { totalCount: nodes.length, pageInfo: { hasNextPage: false, endCursor: null }, nodes };
    const enterprise = { slug: e.slug, ownerInfo: denied ? null : { enterpriseServerInstallations: installations } };
    return json(200, errors.length ? { data: { enterprise }, errors } : { data: { enterprise } });
  }
  const nodes = e.serverInstallations.filter((s) => s.isConnected).map(({ uploads: _uploads, ...s }) => s);
  const installations = { totalCount: nodes.length, pageInfo: { hasNextPage: false, endCursor: null }, nodes };
  const enterprise = { slug: e.slug, ownerInfo: denied ? null : { enterpriseServerInstallations: installations } };
  return json(200, errors.length ? { data: { enterprise }, errors } : { data: { enterprise } });
}

/** ownerInfo is visible to enterprise owners only; classic tokens also need read:enterprise or admin:enterprise. */
function ownerInfoDenied(e: FakeEnterprise, viewer: string | undefined, token: TokenRecord): GqlError | undefined {
  const path = ["enterprise", "ownerInfo"];
  if (viewer === undefined || !e.owners.has(viewer)) {
    return {
      type: "FORBIDDEN",
      path,
      locations: LOC,
      message: `${viewer ?? "This integration"} does not have permission to view the owner information of the enterprise '${e.slug}'.`,
    };
  }
  if (token.scopes && !token.scopes.some((s) => s === "read:enterprise" || s === "admin:enterprise")) {
    return {
      type: "INSUFFICIENT_SCOPES",
      path,
      locations: LOC,
      message: `Your token has not been granted the required scopes to execute this query. The 'ownerInfo' field requires one of the following scopes: ['read:enterprise'], but your token has only been granted the: [${token.scopes.map((s) => `'${s}'`).join(", ")}] scopes. Please modify your token's scopes at: https://github.com/settings/tokens.`,
    };
  }
  return undefined;
}
