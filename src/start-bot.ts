import type { App } from "@slack/bolt";
import type { AddressInfo } from "node:net";
import { EnvHttpProxyAgent, setGlobalDispatcher } from "undici";
import type { Config } from "./config.ts";
import { createTokenCipher } from "./adapters/crypto/token-cipher.ts";
import { cloudUserApi } from "./adapters/github/cloud-user-api.ts";
import { timedFetch } from "./adapters/github/build-octokit.ts";
import { deviceFlowClient } from "./adapters/github/device-flow-client.ts";
import { githubUserApi } from "./adapters/github/github-user-api.ts";
import { slackDirectory } from "./adapters/slack/slack-directory.ts";
import type { DatabaseTarget } from "./adapters/store/open-sql-driver.ts";
import { type Store, openStore } from "./adapters/store/open-store.ts";
import { prismaAuditLog } from "./adapters/store/prisma-audit-log.ts";
import { prismaLinkStore } from "./adapters/store/prisma-link-store.ts";
import { systemClock } from "./adapters/system-clock.ts";
import { runCommand } from "./core/commands/run-command.ts";
import { createLinker } from "./core/identity/link-identity.ts";
import { createUserTokens } from "./core/identity/user-tokens.ts";
import type { Clock } from "./core/ports.ts";
import { type Logger, createLogger } from "./log/create-logger.ts";
import { secretRedactor } from "./log/redact.ts";
import { buildSlackApp } from "./slack/build-slack-app.ts";

export interface RunningBot {
  app: App;
  store: Store;
  /** The HTTP port (the events endpoint in HTTP mode, /healthz in both). */
  port: number;
  stop(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  clock?: Clock;
  /** Tests use a fresh database per suite instead of DATA_DIR. */
  database?: DatabaseTarget;
  slackRetries?: number;
  /** How long any GitHub call may take (default 15 s); tests shorten it to exercise timeouts. */
  githubTimeoutSeconds?: number;
}

export function secretsOf(config: Config): string[] {
  return [config.slack.botToken, config.slack.signingSecret, config.slack.appToken, config.ghes.token, config.ghes.manage?.password, config.cloud.monitorToken, config.encryptionKey.toString("base64")].filter(
    (s): s is string => Boolean(s),
  );
}

/** The composition root: every adapter is built here from the config and handed to the core. */
export async function startBot(config: Config, options: StartOptions = {}): Promise<RunningBot> {
  const scrub = secretRedactor(secretsOf(config));
  const logger = options.logger ?? createLogger(config.logLevel, undefined, scrub);
  // Node's fetch ignores HTTPS_PROXY by itself; this dispatcher makes every outbound call honour it.
  if (config.proxy) setGlobalDispatcher(new EnvHttpProxyAgent({ httpsProxy: config.proxy.httpsProxy, httpProxy: config.proxy.httpsProxy, noProxy: config.proxy.noProxy ?? "" }));

  const store = await openStore(options.database ?? (config.database.kind === "postgres" ? config.database : { kind: "pglite", dataDir: config.database.dataDir }), (line) => logger.info(line));
  const clock = options.clock ?? systemClock;
  const audit = prismaAuditLog(store.prisma, scrub);
  const links = prismaLinkStore(store.prisma, createTokenCipher(config.encryptionKey));
  const send = timedFetch(fetch, options.githubTimeoutSeconds);
  const cloudClientId = config.cloud.oauthClientId ?? config.cloud.appClientId;
  const deviceFlow = {
    GHES: deviceFlowClient({ side: "GHES", webUrl: config.ghes.url, clientIdVariable: "GHES_OAUTH_CLIENT_ID", fetch: send }),
    CLOUD: deviceFlowClient({
      side: "CLOUD",
      webUrl: config.cloud.webUrl,
      clientIdVariable: config.cloud.oauthClientId ? "GITHUB_OAUTH_CLIENT_ID" : "GITHUB_APP_CLIENT_ID",
      fetch: send,
      // Scopes only mean something to a classic OAuth app; GitHub App user tokens carry the app's permissions.
      ...(config.cloud.oauthClientId ? { scope: "read:org read:enterprise" } : {}),
    }),
  } as const;
  const ghes = githubUserApi("GHES", config.ghes.apiUrl, send);
  const cloud = cloudUserApi(config.cloud.apiUrl, send);
  const tokens = createUserTokens({ links, deviceFlow, clock, audit });
  const linker = createLinker({ links, deviceFlow, apis: { GHES: ghes, CLOUD: cloud }, clientIds: { GHES: config.ghes.oauthClientId, CLOUD: cloudClientId }, clock, audit });
  const shutdown = new AbortController();
  let ready = false;

  const app = buildSlackApp({
    botToken: config.slack.botToken,
    signingSecret: config.slack.signingSecret,
    appToken: config.slack.appToken,
    apiUrl: config.slack.apiUrl,
    port: config.port,
    logger,
    isReady: () => ready,
    retries: options.slackRetries,
    run: (input, followUp) =>
      runCommand(input, { links, linker, audit, directory, shutdown: shutdown.signal, policy: { tokens, ghes, cloud, audit } }, followUp, (error, requestId) =>
        logger.error(`request ${requestId} failed`, error),
      ),
  });
  const directory = slackDirectory(app.client);
  try {
    await app.init();
    const started = (await app.start(config.port)) as { address?: () => AddressInfo | string | null } | undefined;
    const address = started?.address?.();
    ready = true;
    const port = typeof address === "object" && address ? address.port : config.port;
    logger.info(`ghconnect ready (${config.slack.mode} mode, health on :${port}/healthz, database ${store.sql.kind})`);
    return {
      app,
      store,
      port,
      async stop() {
        ready = false;
        shutdown.abort(new Error("shutting down"));
        await app.stop().catch(() => {});
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
