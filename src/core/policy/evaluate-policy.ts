import { AppError } from "../../errors.ts";
import type { AccountSpec } from "../domain/account.ts";
import type { UserTokens } from "../identity/user-tokens.ts";
import type { AccountRef, AuditLog, CloudUserApi, GithubUserApi, Side, SlackUserRef } from "../ports.ts";

export type GhesReason = "site_admin" | "not_site_admin";
export type CloudReason =
  | "org_owner"
  | "org_not_owner"
  | "org_pending"
  | "org_not_member"
  | "enterprise_owner"
  | "enterprise_not_owner"
  | "enterprise_hidden";
type Judged<S extends Side, R extends string> = {
  side: S;
  status: "allowed" | "denied";
  login: string;
  reason: R;
  params: Record<string, string>;
};

/** Each side's reason names a message (`policy.<side>.<reason>`), so a reason without words is a type error. */
export type SideVerdict =
  | Judged<"GHES", GhesReason>
  | Judged<"CLOUD", CloudReason>
  | { side: Side; status: "not_linked" }
  | { side: Side; status: "error"; error: AppError };

export interface PolicyResult {
  allowed: boolean;
  account: AccountRef;
  ghes: SideVerdict;
  cloud: SideVerdict;
}

export interface PolicyDeps {
  tokens: UserTokens;
  ghes: GithubUserApi;
  cloud: CloudUserApi;
  audit: AuditLog;
}

/** The logins both sides proved, when both were allowed. */
export function provenLogins(result: PolicyResult): { ghes: string; cloud: string } | null {
  const { ghes, cloud } = result;
  return ghes.status === "allowed" && cloud.status === "allowed"
    ? { ghes: ghes.login.toLowerCase(), cloud: cloud.login.toLowerCase() }
    : null;
}

/** A bare slug names an org or an enterprise; ask GitHub which, and refuse to guess when both exist. */
export async function resolveAccount(cloud: CloudUserApi, token: string, spec: AccountSpec): Promise<AccountRef> {
  if (spec.kind) return { kind: spec.kind, slug: spec.slug };
  const [org, enterprise] = await Promise.all([cloud.orgExists(token, spec.slug), cloud.enterpriseExists(token, spec.slug)]);
  if (org && enterprise) throw new AppError("ACCOUNT_AMBIGUOUS", { slug: spec.slug });
  if (org) return { kind: "org", slug: spec.slug };
  if (enterprise) return { kind: "enterprise", slug: spec.slug };
  throw new AppError("ACCOUNT_NOT_FOUND", { slug: spec.slug });
}

async function guard(side: Side, run: () => Promise<SideVerdict>): Promise<SideVerdict> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_LINKED") return { side, status: "not_linked" };
    if (error instanceof AppError) return { side, status: "error", error };
    throw error;
  }
}

async function cloudVerdict(deps: PolicyDeps, token: string, login: string, account: AccountRef): Promise<SideVerdict> {
  const params = { login, slug: account.slug };
  if (account.kind === "org") {
    const membership = await deps.cloud.orgMembership(token, account.slug);
    if (!membership) return { side: "CLOUD", status: "denied", login, reason: "org_not_member", params };
    if (membership.state !== "active") return { side: "CLOUD", status: "denied", login, reason: "org_pending", params };
    if (membership.role !== "admin")
      return { side: "CLOUD", status: "denied", login, reason: "org_not_owner", params: { ...params, role: membership.role } };
    return { side: "CLOUD", status: "allowed", login, reason: "org_owner", params };
  }
  const ownership = await deps.cloud.enterpriseOwnership(token, account.slug, login);
  if (!ownership) return { side: "CLOUD", status: "denied", login, reason: "enterprise_hidden", params };
  if (!ownership.isOwner) return { side: "CLOUD", status: "denied", login, reason: "enterprise_not_owner", params };
  return { side: "CLOUD", status: "allowed", login, reason: "enterprise_owner", params };
}

function summary(v: SideVerdict): string {
  switch (v.status) {
    case "not_linked":
      return `${v.side}=not_linked`;
    case "error":
      return `${v.side}=error:${v.error.code}`;
    default:
      return `${v.side}=${v.reason}(${v.login})`;
  }
}

/**
 * The policy, asked live: allowed only if the user's own GHES token says site_admin AND their own GitHub.com
 * token says owner of the account. Both sides are asked in parallel; each verdict keeps its reason.
 * The decision is recorded before it is returned.
 */
export async function evaluatePolicy(deps: PolicyDeps, ref: SlackUserRef, spec: AccountSpec, requestId: string): Promise<PolicyResult> {
  let account: AccountRef = { kind: spec.kind ?? "org", slug: spec.slug };
  const ghes = guard("GHES", () =>
    deps.tokens.withToken(ref, "GHES", async (token) => {
      const viewer = await deps.ghes.viewer(token);
      return viewer.siteAdmin
        ? { side: "GHES", status: "allowed", login: viewer.login, reason: "site_admin", params: { login: viewer.login } }
        : { side: "GHES", status: "denied", login: viewer.login, reason: "not_site_admin", params: { login: viewer.login } };
    }),
  );
  const cloud = guard("CLOUD", () =>
    deps.tokens.withToken(ref, "CLOUD", async (token, link) => {
      account = await resolveAccount(deps.cloud, token, spec);
      return cloudVerdict(deps, token, link.login, account);
    }),
  );
  const [g, c] = await Promise.all([ghes, cloud]);
  // An unresolvable name is the user's question to fix, not a per-side verdict.
  if (c.status === "error" && (c.error.code === "ACCOUNT_AMBIGUOUS" || c.error.code === "ACCOUNT_NOT_FOUND")) {
    await deps.audit.record({
      actor: ref,
      action: "authz.decision",
      target: `?:${spec.slug}`,
      decision: "denied",
      reason: c.error.code,
      requestId,
    });
    throw c.error;
  }
  const allowed = g.status === "allowed" && c.status === "allowed";
  const anyError = [g, c].some((v) => v.status === "error");
  await deps.audit.record({
    actor: ref,
    action: "authz.decision",
    target: `${account.kind}:${account.slug}`,
    decision: allowed ? "allowed" : anyError ? "error" : "denied",
    reason: `${summary(g)}; ${summary(c)}`,
    requestId,
    detail: { ghes: g.status, cloud: c.status },
  });
  return { allowed, account, ghes: g, cloud: c };
}
