import type { Config } from "./config.ts";

/** A URL's password, as written in it and decoded: a logged URL may show either form. */
function passwordsOf(url: string | undefined): string[] {
  try {
    const raw = url ? new URL(url).password : "";
    return raw ? [raw, decodeURIComponent(raw)] : [];
  } catch {
    return [];
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
    config.metricsToken,
    ...passwordsOf(config.proxy?.httpsProxy),
    ...passwordsOf(config.database.kind === "postgres" ? config.database.url : undefined),
  ].filter((s): s is string => Boolean(s));
}
