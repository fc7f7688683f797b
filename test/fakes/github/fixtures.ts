// Builders of complete GitHub JSON objects (all fields the OpenAPI schemas require).
import type { FakeUser } from "./accounts.ts";
import type { FakeApp, FakeEnterprise, FakeInstallation, FakeOrg, OrgMembership } from "./cloud-state.ts";

export interface Bases {
  api: string;
  web: string;
}

const STAMP = "2024-01-01T00:00:00Z";
const nodeId = (kind: string, id: number): string => Buffer.from(`${kind}:${id}`).toString("base64");

export function simpleUser(login: string, id: number, type: string, b: Bases, siteAdmin = false): Record<string, unknown> {
  const url = `${b.api}/users/${login}`;
  return {
    login,
    id,
    node_id: nodeId(type, id),
    avatar_url: `${b.web}/avatars/u/${id}`,
    gravatar_id: "",
    url,
    html_url: `${b.web}/${login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type,
    site_admin: siteAdmin,
    user_view_type: "public",
  };
}

/** `public-user`: answer of GET /users/{username}. */
export function publicUser(u: FakeUser, b: Bases): Record<string, unknown> {
  return {
    ...simpleUser(u.login, u.id, "User", b, u.siteAdmin),
    name: u.name,
    company: null,
    blog: "",
    location: null,
    email: u.email,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: STAMP,
    updated_at: STAMP,
  };
}

/** `private-user`: answer of GET /user. */
export function privateUser(u: FakeUser, b: Bases): Record<string, unknown> {
  return {
    ...publicUser(u, b),
    user_view_type: "private",
    private_gists: 0,
    total_private_repos: 0,
    owned_private_repos: 0,
    disk_usage: 0,
    collaborators: 0,
    two_factor_authentication: true,
    ...(u.ldapDn !== undefined ? { ldap_dn: u.ldapDn } : {}),
  };
}

export function orgSimple(o: FakeOrg, b: Bases): Record<string, unknown> {
  const url = `${b.api}/orgs/${o.login}`;
  return {
    login: o.login,
    id: o.id,
    node_id: nodeId("Organization", o.id),
    url,
    repos_url: `${url}/repos`,
    events_url: `${url}/events`,
    hooks_url: `${url}/hooks`,
    issues_url: `${url}/issues`,
    members_url: `${url}/members{/member}`,
    public_members_url: `${url}/public_members{/member}`,
    avatar_url: `${b.web}/avatars/o/${o.id}`,
    description: null,
  };
}

/** `organization-full`: answer of GET /orgs/{org} (public view). */
export function orgFull(o: FakeOrg, b: Bases): Record<string, unknown> {
  return {
    ...orgSimple(o, b),
    name: o.name,
    html_url: `${b.web}/${o.login}`,
    has_organization_projects: true,
    has_repository_projects: true,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    type: "Organization",
    created_at: STAMP,
    updated_at: STAMP,
    archived_at: null,
  };
}

export function orgMembership(o: FakeOrg, m: OrgMembership, u: FakeUser, b: Bases): Record<string, unknown> {
  return {
    url: `${b.api}/orgs/${o.login}/memberships/${u.login}`,
    state: m.state,
    role: m.role,
    organization_url: `${b.api}/orgs/${o.login}`,
    organization: orgSimple(o, b),
    user: simpleUser(u.login, u.id, "User", b),
  };
}

export function enterpriseObject(e: FakeEnterprise, b: Bases): Record<string, unknown> {
  return {
    id: e.id,
    node_id: nodeId("Enterprise", e.id),
    name: e.name,
    slug: e.slug,
    html_url: `${b.web}/enterprises/${e.slug}`,
    website_url: null,
    description: null,
    created_at: STAMP,
    updated_at: STAMP,
    avatar_url: `${b.web}/avatars/b/${e.id}`,
  };
}

/** `integration`: answer of GET /app. */
export function appObject(app: FakeApp, installationsCount: number, b: Bases): Record<string, unknown> {
  return {
    id: app.id,
    slug: app.slug,
    node_id: nodeId("Integration", app.id),
    client_id: app.clientId,
    owner: simpleUser(app.owner.login, app.owner.id, app.owner.type, b),
    name: app.name,
    description: null,
    external_url: `${b.web}/apps/${app.slug}`,
    html_url: `${b.web}/apps/${app.slug}`,
    created_at: STAMP,
    updated_at: STAMP,
    permissions: app.permissions,
    events: app.events,
    installations_count: installationsCount,
  };
}

/** `installation`: answer of GET /orgs/{org}/installation and friends. */
export function installationObject(
  inst: FakeInstallation,
  app: FakeApp,
  account: Record<string, unknown>,
  targetId: number,
  b: Bases,
): Record<string, unknown> {
  const isOrg = inst.targetType === "Organization";
  return {
    id: inst.id,
    account,
    repository_selection: inst.repositorySelection,
    access_tokens_url: `${b.api}/app/installations/${inst.id}/access_tokens`,
    repositories_url: `${b.api}/installation/repositories`,
    html_url: isOrg
      ? `${b.web}/organizations/${inst.account}/settings/installations/${inst.id}`
      : `${b.web}/enterprises/${inst.account}/settings/apps/installations/${inst.id}`,
    app_id: app.id,
    client_id: app.clientId,
    app_slug: app.slug,
    target_id: targetId,
    target_type: inst.targetType,
    permissions: inst.permissions,
    events: app.events,
    created_at: STAMP,
    updated_at: STAMP,
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_by: null,
    suspended_at: inst.suspended ? STAMP : null,
  };
}
