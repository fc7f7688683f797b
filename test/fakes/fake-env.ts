import type { FakeGithub } from "./github/index.ts";
import type { FakeSlack } from "./slack/fake-slack.ts";

/** The bot's environment pointed at the fakes (scripts that run a real bot: bench, fuzz). */
export function fakeEnv(o: {
  github: FakeGithub;
  slack: FakeSlack;
  signingSecret: string;
  appPrivateKeyPem: string;
  name: string;
}): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: `xoxb-${o.name}`,
    SLACK_SIGNING_SECRET: o.signingSecret,
    SLACK_API_URL: o.slack.apiUrl,
    NOTIFY_CHANNEL: "C0NOTIFY",
    GHES_URL: o.github.ghesUrl,
    GHES_TOKEN: `ghp_${o.name}${"0".repeat(16)}`,
    GHES_OAUTH_CLIENT_ID: "Iv1.ghes",
    GITHUB_API_URL: o.github.cloudApiUrl,
    GITHUB_URL: o.github.cloudWebUrl,
    GITHUB_APP_ID: "42",
    GITHUB_APP_PRIVATE_KEY: o.appPrivateKeyPem,
    GITHUB_APP_CLIENT_ID: "Iv1.cloud",
    ENCRYPTION_KEY: Buffer.alloc(32, 5).toString("base64"),
    PORT: "0",
  };
}
