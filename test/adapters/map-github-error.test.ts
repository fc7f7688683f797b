import { describe, expect, it } from "vitest";
import { mapGithubError } from "../../src/adapters/github/map-github-error.ts";
import { describeError } from "../../src/core/messages/describe-error.ts";
import { translator } from "../../src/core/messages/translate.ts";

/** What Octokit throws for an HTTP failure: the status and the response's headers. */
const httpFailure = (status: number, headers: Record<string, string> = {}) =>
  Object.assign(new Error(`HTTP ${status}`), { status, response: { status, headers } });

const en = translator("en");
const ja = translator("ja");

describe("GitHub's failures, in words that name the fix", () => {
  it("SAML SSO: the page GitHub names; else the account's own SSO page; else how to get there", () => {
    const named = mapGithubError(
      httpFailure(403, { "x-github-sso": "required; url=https://github.com/orgs/acme/sso?authorization_request=abc" }),
      "CLOUD",
      "membership",
      {
        slug: "acme",
        sso: "https://github.com/orgs/acme/sso",
      },
    );
    expect(describeError(en, named, "r1")[0]).toContain(
      "Authorize your session at https://github.com/orgs/acme/sso?authorization_request=abc",
    );
    const unnamed = mapGithubError(httpFailure(403, { "x-github-sso": "required" }), "CLOUD", "membership", {
      slug: "acme",
      sso: "https://github.com/orgs/acme/sso",
    });
    expect(describeError(en, unnamed, "r1")[0]).toContain("at https://github.com/orgs/acme/sso and try again");
    const bare = mapGithubError(httpFailure(403, { "x-github-sso": "required" }), "CLOUD");
    expect(describeError(en, bare, "r1")[0]).toContain("Sign in through your identity provider");
    expect(describeError(ja, bare, "r1")[0]).toContain("ID プロバイダーでサインインしてから");
  });

  it("a 404 names what was asked for in the reader's language, with the account", () => {
    const missing = mapGithubError(httpFailure(404), "CLOUD", "org", { slug: "acme" });
    expect(describeError(en, missing, "r1")[0]).toBe(
      "GitHub Enterprise Cloud says the organization *acme* does not exist or is not visible to you.",
    );
    expect(describeError(ja, missing, "r1")[0]).toContain("Organization *acme* は存在しないか");
    expect(describeError(ja, mapGithubError(httpFailure(404), "GHES", "meta"), "r1")[0]).toContain("インスタンスの `/meta`");
  });
});
