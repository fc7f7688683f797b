import { type FakeGithub, startFakeGithub } from "./github/index.ts";
import { generateAppKeyPair } from "./github/sign-app-jwt.ts";
import { type FakeSlack, startFakeSlack } from "./slack/fake-slack.ts";

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
    GITHUB_UPLOADS_URL: o.github.cloudWebUrl,
    GITHUB_APP_ID: "42",
    GITHUB_APP_PRIVATE_KEY: o.appPrivateKeyPem,
    GITHUB_APP_CLIENT_ID: "Iv1.cloud",
    ENCRYPTION_KEY: Buffer.alloc(32, 5).toString("base64"),
    PORT: "0",
  };
}

/**
 * The fakes a script runs a real bot against (bench, fuzz): Slack, GitHub with the bot's GitHub App (id 42, its
 * key pair fresh) registered under `slug` and its GHES token issued to a site admin, and the bot's environment
 * pointed at both.
 */
export async function startScriptFakes(o: { name: string; signingSecret: string; slug?: string }) {
  const [slack, github] = await Promise.all([startFakeSlack(), startFakeGithub()]);
  const { publicKey, privateKeyPem } = generateAppKeyPair();
  github.state.cloud.addApp({ id: 42, slug: o.slug ?? o.name, publicKey, clientId: "Iv1.cloud" });
  const env = fakeEnv({ github, slack, signingSecret: o.signingSecret, appPrivateKeyPem: privateKeyPem, name: o.name });
  // GHES accepts the bot's own token, as a configured GHES does: a rejected one would make every run about the alert.
  github.state.ghes.addSiteAdmin("ghconnect-bot");
  github.state.ghes.issueToken("ghconnect-bot", { token: env.GHES_TOKEN as string, scopes: ["site_admin", "admin:enterprise"] });
  return { slack, github, env };
}
