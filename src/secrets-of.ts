import type { Config } from "./config.ts";

function proxyPassword(url: string | undefined): string | undefined {
  try {
    return url ? decodeURIComponent(new URL(url).password) || undefined : undefined;
  } catch {
    return undefined;
  }
}

/** Every configured secret, for exact-match redaction wherever text leaves the process. */
export function secretsOf(config: Config): string[] {
  return [
    config.slack.botToken,
    config.slack.signingSecret,
    config.slack.appToken,
    config.ghes.token,
    config.ghes.manage?.password,
    config.cloud.monitorToken,
    config.encryptionKey.toString("base64"),
    proxyPassword(config.proxy?.httpsProxy),
  ].filter((s): s is string => Boolean(s));
}
