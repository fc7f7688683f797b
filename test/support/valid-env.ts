import { generateKeyPairSync } from "node:crypto";

/** A complete, valid environment (keys made at test time). */
export const pem = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();
export const noFiles = (path: string): string => {
  throw Object.assign(new Error(`no ${path}`), { code: "ENOENT" });
};

export const validEnv = (): Record<string, string> => ({
  SLACK_BOT_TOKEN: "xoxb-1-2-abc",
  SLACK_SIGNING_SECRET: "signing-secret-value",
  NOTIFY_CHANNEL: "C0123ABCD",
  GHES_URL: "https://ghe.example.com/",
  GHES_TOKEN: "ghp_ghesadmintoken000",
  GHES_OAUTH_CLIENT_ID: "Iv1.ghes",
  GITHUB_APP_ID: "42",
  GITHUB_APP_PRIVATE_KEY: pem,
  GITHUB_APP_CLIENT_ID: "Iv1.cloud",
  ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
});
