// REST routes of the fake GHEC API about users, orgs and enterprises (github-facts §2, §5, §9).
import type { FakeUser, TokenRecord } from "./accounts.ts";
import { searchAuditLog } from "./audit-log-search.ts";
import type { CloudState, FakeEnterprise, FakeOrg } from "./cloud-state.ts";
import { type Bases, orgFull, orgMembership, privateUser } from "./fixtures.ts";
import { error, json, notFound } from "./http-util.ts";
import type { Ctx, Reply, Route } from "./types.ts";

const NOT_INTEGRATION = "Resource not accessible by integration";

export function cloudRoutes(state: CloudState): Route[] {
  const bases = (): Bases => ({ api: state.apiUrl, web: state.webUrl });

  /** A user token (installation tokens get 403, bad tokens 401). */
  const asUser = (ctx: Ctx, then: (user: FakeUser) => Reply): Reply => {
    const auth = state.authenticate(ctx);
    if (!auth.ok) return auth.reply;
    if (!auth.user) return error(403, NOT_INTEGRATION);
    return then(auth.user);
  };

  /** 403 answers an org gives to user tokens: OAuth/App access restriction, SAML SSO enforcement. */
  const orgGate = (org: FakeOrg): Reply | undefined => {
    if (org.appBlocked) {
      return error(
        403,
        `Although you appear to have the correct authorization credentials, the \`${org.login}\` organization has enabled OAuth App access restrictions, meaning that data access to third-parties is limited. For more information on these restrictions, including how to enable this app, visit https://docs.github.com/articles/restricting-access-to-your-organization-s-data/`,
      );
    }
    if (org.ssoRequired) {
      return error(
        403,
        "Resource protected by organization SAML enforcement. You must grant your Personal Access token access to this organization.",
        {
          "x-github-sso": `required; url=${state.webUrl}/orgs/${org.login}/sso?authorization_request=x`,
        },
      );
    }
    return undefined;
  };

  const enterpriseAdmin = (ctx: Ctx, slug: string, then: (e: FakeEnterprise) => Reply): Reply =>
    asUser(ctx, (user) => {
      const e = state.enterprise(slug);
      const login = user.login.toLowerCase();
      if (!e) return notFound();
      if (e.owners.has(login)) return then(e);
      if (e.billingManagers.has(login) || e.members.has(login)) return error(403, "Must be an enterprise owner.");
      return notFound();
    });

  const installationOn = (record: TokenRecord, org: FakeOrg): boolean => {
    const inst = record.installationId === undefined ? undefined : state.installations.get(record.installationId);
    return (
      !!inst && inst.targetType === "Organization" && inst.account.toLowerCase() === org.login.toLowerCase() && !!inst.permissions.members
    );
  };

  return [
    // Unauthenticated; the bot asks it to see whether api.github.com is reachable (through the proxy).
    {
      method: "GET",
      path: "/meta",
      handle: () => json(200, { verifiable_password_authentication: false, domains: { website: ["*.github.com"] } }),
    },
    { method: "GET", path: "/user", handle: (ctx) => asUser(ctx, (user) => json(200, privateUser(user, bases()))) },
    {
      method: "GET",
      path: "/user/memberships/orgs/{org}",
      handle: (ctx, p) =>
        asUser(ctx, (user) => {
          const org = state.org(p.org ?? "");
          if (!org) return notFound();
          if (org.appBlocked) return orgGate(org) ?? notFound();
          const m = org.members.get(user.login.toLowerCase());
          if (!m) return notFound();
          return orgGate(org) ?? json(200, orgMembership(org, m, user, bases()));
        }),
    },
    {
      method: "GET",
      path: "/orgs/{org}",
      handle: (ctx, p) => {
        if (ctx.headers.authorization !== undefined) {
          const auth = state.authenticate(ctx);
          if (!auth.ok) return auth.reply;
        }
        const org = state.org(p.org ?? "");
        return org ? json(200, orgFull(org, bases())) : notFound();
      },
    },
    {
      method: "GET",
      path: "/orgs/{org}/memberships/{username}",
      handle: (ctx, p) => {
        const auth = state.authenticate(ctx);
        if (!auth.ok) return auth.reply;
        const org = state.org(p.org ?? "");
        if (!org) return notFound();
        if (auth.user) {
          if (!org.members.has(auth.user.login.toLowerCase())) {
            return error(403, `You must be a member of ${org.login} to see membership information for ${p.username ?? ""}.`);
          }
          const gate = orgGate(org);
          if (gate) return gate;
        } else if (!installationOn(auth.record, org)) {
          return error(403, NOT_INTEGRATION);
        }
        const target = state.user(p.username ?? "");
        const m = target ? org.members.get(target.login.toLowerCase()) : undefined;
        return target && m ? json(200, orgMembership(org, m, target, bases())) : notFound();
      },
    },
    {
      method: "GET",
      path: "/enterprises/{enterprise}/audit-log",
      handle: (ctx, p) => enterpriseAdmin(ctx, p.enterprise ?? "", (e) => searchAuditLog(e.auditLog, ctx, state.apiUrl)),
    },
    {
      method: "GET",
      path: "/enterprises/{enterprise}/license-sync-status",
      handle: (ctx, p) => enterpriseAdmin(ctx, p.enterprise ?? "", (e) => json(200, { server_instances: e.licenseSync })),
    },
    {
      method: "GET",
      path: "/enterprise-installation/{enterprise_or_org}/server-statistics",
      handle: (ctx, p) => {
        const name = p.enterprise_or_org ?? "";
        const org = state.enterprise(name) ? undefined : state.org(name);
        if (!org) return enterpriseAdmin(ctx, name, (e) => json(200, e.serverStatistics));
        return asUser(ctx, (user) => {
          const m = org.members.get(user.login.toLowerCase());
          if (!m) return notFound();
          if (m.role !== "admin" || m.state !== "active") return error(403, "Must be an organization owner.");
          return json(200, org.serverStatistics);
        });
      },
    },
  ];
}
