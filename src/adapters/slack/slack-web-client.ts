import { WebClient, type WebClientOptions } from "@slack/web-api";
import type { Logger } from "../../log/create-logger.ts";

/**
 * A Web API client for the bot's own calls (cards, the directory, notices), apart from Bolt's. Slack's default
 * is ten retries over about thirty minutes; a card edit stuck that long would hold up every other operation's
 * expiry and verification, and shutdown. With `retries: 0` a rate limit comes back as an error with its wait.
 */
export function slackWebClient(o: { token: string; apiUrl: string | undefined; retries: number; logger: Logger }): WebClient {
  return new WebClient(o.token, {
    ...(o.apiUrl ? { slackApiUrl: o.apiUrl } : {}),
    retryConfig: { retries: o.retries, factor: 2, minTimeout: 1000, maxTimeout: 5000 },
    ...(o.retries === 0 ? { rejectRateLimitedCalls: true } : {}),
    timeout: 10_000,
    logger: o.logger as unknown as WebClientOptions["logger"],
  });
}
