import type { GithubUserApi, GithubViewer, Side } from "../../core/ports.ts";
import { buildOctokit, type FetchLike } from "./build-octokit.ts";
import { mapGithubError } from "./map-github-error.ts";

export function viewerOf(data: { login: string; id: number; site_admin?: boolean }): GithubViewer {
  return { login: data.login, id: data.id, siteAdmin: data.site_admin === true };
}

/** GET /user with the user's own token. On GHES, site_admin is the site-administrator flag. */
export function githubUserApi(side: Side, apiUrl: string, fetchImpl?: FetchLike): GithubUserApi {
  return {
    async viewer(token) {
      try {
        const { data } = await buildOctokit({ baseUrl: apiUrl, auth: token, fetch: fetchImpl }).rest.users.getAuthenticated();
        return viewerOf(data);
      } catch (error) {
        throw mapGithubError(error, side, "user");
      }
    },
  };
}
