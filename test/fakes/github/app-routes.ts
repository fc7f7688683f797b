// GitHub App routes of the fake GHEC API: app JWT, installation tokens, manifest conversion (github-facts §4, §9).
import { bearerToken } from "./accounts.ts";
import { verifyAppJwt } from "./app-jwt.ts";
import type { CloudState, FakeApp, FakeInstallation } from "./cloud-state.ts";
import { appObject, type Bases, enterpriseObject, installationObject, simpleUser } from "./fixtures.ts";
import { badCredentials, error, isoSeconds, json, noContent, notFound, randomToken } from "./http-util.ts";
import { type Ctx, isObject, type Reply, type Route } from "./types.ts";

export function appRoutes(state: CloudState): Route[] {
  const bases = (): Bases => ({ api: state.apiUrl, web: state.webUrl });

  const withJwt = (ctx: Ctx, then: (app: FakeApp) => Reply): Reply => {
    const token = bearerToken(ctx);
    const check =
      token === undefined
        ? { ok: false as const, message: "A JSON web token could not be decoded" }
        : verifyAppJwt(token, state.apps.values(), Math.floor(state.now() / 1000));
    if (!check.ok) return error(401, check.message);
    return then(check.app);
  };

  const installationJson = (inst: FakeInstallation, app: FakeApp): Record<string, unknown> => {
    if (inst.targetType === "Enterprise") {
      const e = state.enterprise(inst.account);
      const account = e ? enterpriseObject(e, bases()) : null;
      return installationObject(inst, app, account ?? {}, e?.id ?? 0, bases());
    }
    const org = state.org(inst.account);
    const account = org ? simpleUser(org.login, org.id, "Organization", bases()) : {};
    return installationObject(inst, app, account, org?.id ?? 0, bases());
  };

  const findInstallation = (app: FakeApp, type: FakeInstallation["targetType"], account: string): FakeInstallation | undefined =>
    [...state.installations.values()].find(
      (i) => i.appId === app.id && i.targetType === type && i.account.toLowerCase() === account.toLowerCase(),
    );

  const ownInstallation = (app: FakeApp, id: string | undefined): FakeInstallation | undefined => {
    const inst = state.installations.get(Number(id));
    return inst && inst.appId === app.id ? inst : undefined;
  };

  return [
    {
      method: "GET",
      path: "/app",
      handle: (ctx) =>
        withJwt(ctx, (app) => {
          const count = [...state.installations.values()].filter((i) => i.appId === app.id).length;
          return json(200, appObject(app, count, bases()));
        }),
    },
    {
      method: "GET",
      path: "/orgs/{org}/installation",
      handle: (ctx, p) =>
        withJwt(ctx, (app) => {
          const inst = findInstallation(app, "Organization", p.org ?? "");
          return inst ? json(200, installationJson(inst, app)) : notFound();
        }),
    },
    {
      method: "GET",
      path: "/enterprises/{enterprise}/installation",
      handle: (ctx, p) =>
        withJwt(ctx, (app) => {
          const inst = findInstallation(app, "Enterprise", p.enterprise ?? "");
          return inst ? json(200, installationJson(inst, app)) : notFound();
        }),
    },
    {
      method: "GET",
      path: "/app/installations",
      handle: (ctx) =>
        withJwt(ctx, (app) => {
          const own = [...state.installations.values()].filter((i) => i.appId === app.id);
          const perPage = Math.min(Number(ctx.query.per_page ?? 30) || 30, 100);
          // The ghec description types this list's `account` as allOf [simple-user, enterprise] (no answer can
          // be both; the single-installation routes say anyOf): the same objects are answered, unchecked.
          return {
            ...json(
              200,
              own.slice(0, perPage).map((i) => installationJson(i, app)),
            ),
            unchecked: true,
          };
        }),
    },
    {
      method: "GET",
      path: "/app/installations/{installation_id}",
      handle: (ctx, p) =>
        withJwt(ctx, (app) => {
          const inst = ownInstallation(app, p.installation_id);
          return inst ? json(200, installationJson(inst, app)) : notFound();
        }),
    },
    {
      method: "POST",
      path: "/app/installations/{installation_id}/access_tokens",
      handle: (ctx, p) =>
        withJwt(ctx, (app) => {
          const inst = ownInstallation(app, p.installation_id);
          if (!inst) return notFound();
          if (inst.suspended) return error(403, "This installation has been suspended");
          const requested = isObject(ctx.body) && isObject(ctx.body.permissions) ? ctx.body.permissions : undefined;
          let permissions = inst.permissions;
          if (requested) {
            if (inst.targetType === "Enterprise") return error(422, "Enterprise installation tokens cannot be narrowed with permissions.");
            const rank = (v: unknown): number => (v === "write" || v === "admin" ? 2 : v === "read" ? 1 : 0);
            const tooMuch = Object.entries(requested).some(([k, v]) => rank(v) > rank(inst.permissions[k]));
            if (tooMuch) return error(422, "The permissions requested are not granted to this installation.");
            permissions = Object.fromEntries(Object.entries(requested).map(([k, v]) => [k, String(v)]));
          }
          const { token, expiresAt } = state.issueInstallationToken(inst.id);
          return json(201, { token, expires_at: isoSeconds(expiresAt), permissions, repository_selection: inst.repositorySelection });
        }),
    },
    {
      method: "DELETE",
      path: "/app/installations/{installation_id}",
      handle: (ctx, p) =>
        withJwt(ctx, (app) => {
          const inst = ownInstallation(app, p.installation_id);
          if (!inst) return notFound();
          state.uninstall(inst.id);
          return noContent((ctx.headers["x-github-api-version"] ?? "") >= "2026-03-10" ? 202 : 204);
        }),
    },
    {
      method: "DELETE",
      path: "/installation/token",
      handle: (ctx) => {
        const auth = state.authenticate(ctx);
        if (!auth.ok) return auth.reply;
        if (auth.record.kind !== "installation") return badCredentials();
        auth.record.revoked = true;
        return noContent();
      },
    },
    {
      method: "POST",
      path: "/app-manifests/{code}/conversions",
      handle: (_ctx, p) => {
        const entry = state.manifestCodes.get(p.code ?? "");
        if (!entry || entry.used || state.now() - entry.createdAt > 3600_000) return notFound();
        entry.used = true;
        const app = state.addApp(entry.app);
        return json(201, {
          ...appObject(app, 0, bases()),
          client_id: app.clientId,
          client_secret: randomToken("", 40).toLowerCase(),
          webhook_secret: null,
          pem: entry.privateKeyPem,
        });
      },
    },
  ];
}
