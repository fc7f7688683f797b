import { AppError } from "../../errors.ts";
import { redact } from "../../log/redact.ts";
import { buildOctokit, type FetchLike } from "./build-octokit.ts";
import { mapGithubError } from "./map-github-error.ts";

const ENTERPRISES = `query GhesEnterprises {
  viewer { enterprises(first: 2) { nodes { slug } } }
}`;

/**
 * The enterprise slug of a GHES instance, when GHES_ENTERPRISE is not set: the enterprises the site
 * administrator's token belongs to, asked through GHES's GraphQL API (`User.enterprises`, in GHES's published
 * schema). GHES has one enterprise; anything but exactly one answer is refused rather than guessed: the usual
 * slug, "github", is seen in the wild but documented nowhere (docs/decisions/010-doctor-and-discovery.md).
 */
export async function discoverEnterprise(o: { apiUrl: string; token: string; fetch?: FetchLike }): Promise<string> {
  const octokit = buildOctokit({ baseUrl: o.apiUrl, auth: o.token, fetch: o.fetch });
  // GHES serves GraphQL at /api/graphql, beside the REST root /api/v3.
  const url = `${o.apiUrl.replace(/\/v3$/, "")}/graphql`;
  let slugs: string[];
  try {
    const { data } = await octokit.request(`POST ${url}`, { query: ENTERPRISES, operationName: "GhesEnterprises" });
    const body = data as {
      data?: { viewer?: { enterprises?: { nodes?: Array<{ slug?: string }> } } };
      errors?: Array<{ type?: string; message?: string }>;
    };
    // GraphQL says no with a 200 and a list of errors (a missing scope among them): that is the answer to give.
    const [first] = body.errors ?? [];
    if (first)
      throw new AppError("GITHUB_FORBIDDEN", {
        side: "GHES",
        detail: redact(`GraphQL ${first.type ?? "error"}: ${first.message ?? ""} (GHES_TOKEN needs the admin:enterprise scope)`).slice(
          0,
          300,
        ),
      });
    slugs = (body.data?.viewer?.enterprises?.nodes ?? []).map((n) => n.slug).filter((s): s is string => typeof s === "string");
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw mapGithubError(error, "GHES", "enterpriseAuditLog", { variable: "GHES_TOKEN", enterpriseAuditLog: true });
  }
  const [only] = slugs;
  if (slugs.length !== 1 || only === undefined) throw new AppError("GHES_ENTERPRISE_UNKNOWN", { side: "GHES", found: slugs.length });
  return only;
}
