import type { CloudUserApi } from "../../core/ports.ts";
import { buildOctokit, type FetchLike } from "./build-octokit.ts";
import { githubUserApi } from "./github-user-api.ts";
import { mapGithubError, statusOf } from "./map-github-error.ts";

const OWNERSHIP = `query EnterpriseOwnership($slug: String!, $login: String!) {
  enterprise(slug: $slug) {
    slug
    viewerIsAdmin
    ownerInfo { admins(query: $login, role: OWNER, first: 10) { edges { role node { login } } } }
  }
}`;

const EXISTS = `query EnterpriseExists($slug: String!) { enterprise(slug: $slug) { slug } }`;

interface OwnershipData {
  enterprise: null | {
    slug: string;
    viewerIsAdmin: boolean;
    ownerInfo: null | { admins: { edges: Array<{ role: string; node: { login: string } | null }> } };
  };
}

/**
 * GraphQL answers partial data with errors (e.g. ownerInfo hidden from non-owners); Octokit throws then,
 * carrying the partial data. Those are answers, not failures.
 */
function partialData<T>(error: unknown): T | undefined {
  const e = error as { name?: string; data?: T };
  return e?.name === "GraphqlResponseError" ? e.data : undefined;
}

/** `webUrl`: where a user starts a SAML session for an account when GitHub's answer names no page. */
export function cloudUserApi(apiUrl: string, fetchImpl?: FetchLike, webUrl = "https://github.com"): CloudUserApi {
  const client = (token: string) => buildOctokit({ baseUrl: apiUrl, auth: token, fetch: fetchImpl });
  async function graphql<T>(token: string, query: string, operationName: string, variables: Record<string, string>): Promise<T> {
    try {
      return await client(token).graphql<T>({ query, operationName, ...variables });
    } catch (error) {
      const data = partialData<T>(error);
      if (data) return data;
      throw mapGithubError(error, "CLOUD", "enterprise", { slug: variables.slug, sso: `${webUrl}/enterprises/${variables.slug}/sso` });
    }
  }
  return {
    ...githubUserApi("CLOUD", apiUrl, fetchImpl),
    async orgMembership(token, org) {
      try {
        const { data } = await client(token).rest.orgs.getMembershipForAuthenticatedUser({ org });
        return { state: data.state as "active" | "pending", role: data.role };
      } catch (error) {
        if (statusOf(error) === 404) return null;
        throw mapGithubError(error, "CLOUD", "membership", { slug: org, sso: `${webUrl}/orgs/${org}/sso` });
      }
    },
    async orgExists(token, org) {
      try {
        await client(token).rest.orgs.get({ org });
        return true;
      } catch (error) {
        if (statusOf(error) === 404) return false;
        throw mapGithubError(error, "CLOUD", "org", { slug: org, sso: `${webUrl}/orgs/${org}/sso` });
      }
    },
    async enterpriseExists(token, slug) {
      const data = await graphql<{ enterprise: { slug: string } | null }>(token, EXISTS, "EnterpriseExists", { slug });
      return Boolean(data?.enterprise);
    },
    async enterpriseOwnership(token, slug, login) {
      const data = await graphql<OwnershipData>(token, OWNERSHIP, "EnterpriseOwnership", { slug, login });
      const enterprise = data?.enterprise;
      if (!enterprise) return null;
      // viewerIsAdmin also covers billing managers; only an OWNER edge for this login counts.
      const edges = enterprise.ownerInfo?.admins.edges ?? [];
      const isOwner = edges.some((e) => e.role === "OWNER" && e.node?.login.toLowerCase() === login.toLowerCase());
      return { isOwner };
    },
  };
}
