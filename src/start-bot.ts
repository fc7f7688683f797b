import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { hostname } from "node:os";
import type { App } from "@slack/bolt";
import { createTokenCipher } from "./adapters/crypto/token-cipher.ts";
import { configProbes } from "./adapters/doctor/config-probes.ts";
import { timedFetch } from "./adapters/github/build-octokit.ts";
import { cloudConnectSource } from "./adapters/github/cloud-connect-source.ts";
import { cloudInstance } from "./adapters/github/cloud-instance.ts";
import { cloudUserApi } from "./adapters/github/cloud-user-api.ts";
import { observeCredentials } from "./adapters/github/credential-observer.ts";
import { deviceFlowClient } from "./adapters/github/device-flow-client.ts";
import { discoverEnterprise } from "./adapters/github/discover-enterprise.ts";
import { ghesConnectEvents } from "./adapters/github/ghes-connect-events.ts";
import { ghesInstance, licenseFingerprint } from "./adapters/github/ghes-instance.ts";
import { githubUserApi } from "./adapters/github/github-user-api.ts";
import { reachability } from "./adapters/github/reachability.ts";
import { installProxy } from "./adapters/install-proxy.ts";
import { botMetrics, countedAuditLog } from "./adapters/metrics/bot-metrics.ts";
import { slackDirectory } from "./adapters/slack/slack-directory.ts";
import { slackNoticeChannel } from "./adapters/slack/slack-notice-channel.ts";
import { slackOperationCards } from "./adapters/slack/slack-operation-cards.ts";
import { slackWebClient } from "./adapters/slack/slack-web-client.ts";
import type { DatabaseTarget } from "./adapters/store/open-sql-driver.ts";
import { MIGRATIONS_DIR, openStore, type Store } from "./adapters/store/open-store.ts";
import { prismaAuditLog } from "./adapters/store/prisma-audit-log.ts";
import { prismaConnectionStore } from "./adapters/store/prisma-connection-store.ts";
import { prismaLinkStore } from "./adapters/store/prisma-link-store.ts";
import { prismaOperationStore } from "./adapters/store/prisma-operation-store.ts";
import { prismaOutboxQueue } from "./adapters/store/prisma-outbox.ts";
import { prismaClaims, prismaSeenRequests } from "./adapters/store/prisma-seen-requests.ts";
import { prismaWatchStore } from "./adapters/store/prisma-watch-store.ts";
import { migrationStatus } from "./adapters/store/run-migrations.ts";
import { systemClock } from "./adapters/system-clock.ts";
import type { Config } from "./config.ts";
import type { CommandDeps } from "./core/commands/command-context.ts";
import { homeDashboard } from "./core/commands/home-dashboard.ts";
import { runCommand } from "./core/commands/run-command.ts";
import { runDoctor } from "./core/doctor/run-doctor.ts";
import type { Operation } from "./core/domain/operation.ts";
import { reply, text } from "./core/domain/reply.ts";
import { createLinker } from "./core/identity/link-identity.ts";
import { createUserTokens } from "./core/identity/user-tokens.ts";
import { translator } from "./core/messages/translate.ts";
import { runOutboxSender } from "./core/notices/run-outbox-sender.ts";
import { guidedExecutor } from "./core/operations/guided-executor.ts";
import type { OperationDeps } from "./core/operations/operation-deps.ts";
import { runOperationWorker } from "./core/operations/operation-worker.ts";
import { refreshCard } from "./core/operations/refresh-card.ts";
import { runClick } from "./core/operations/run-click.ts";
import type { Clock } from "./core/ports.ts";
import { runWatcher } from "./core/watch/run-watcher.ts";
import { createLogger, type Logger } from "./log/create-logger.ts";
import { proxyShown } from "./log/proxy-shown.ts";
import { secretRedactor } from "./log/redact.ts";
import { secretsOf } from "./secrets-of.ts";
import { buildSlackApp } from "./slack/build-slack-app.ts";
import { workQueue } from "./slack/work-queue.ts";

export interface RunningBot {
  app: App;
  store: Store;
  /** This process's name in leases and claims. */
  holder: string;
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
  /** The work queue after acks (default 8 at work, 2000 waiting); a test of a full queue makes it small. */
  workQueue?: { concurrency: number; maxWaiting: number };
}

/** The composition root: every adapter is built here from the config and handed to the core. */
export async function startBot(config: Config, options: StartOptions = {}): Promise<RunningBot> {
  const scrub = secretRedactor(secretsOf(config));
  const logger = options.logger ?? createLogger(config.logLevel, undefined, scrub, config.logFormat);
  const proxy = await installProxy(config.proxy);

  const store = await openStore(
    options.database ?? (config.database.kind === "postgres" ? config.database : { kind: "pglite", dataDir: config.database.dataDir }),
    (line) => logger.info(line),
  );
  const clock = options.clock ?? systemClock;
  const notifyChannel = config.slack.notifyChannel;
  const outbox = prismaOutboxQueue(store.prisma);
  const watchStore = prismaWatchStore(store.prisma, scrub, notifyChannel);
  const send = timedFetch(fetch, options.githubTimeoutSeconds);
  // The bot's own tokens: every answer GitHub gives to them says when they expire, or that they were refused.
  const observed = observeCredentials(send, { GHES_TOKEN: config.ghes.token, GITHUB_MONITOR_TOKEN: config.cloud.monitorToken }, () =>
    clock.now(),
  );
  const metrics = botMetrics(
    {
      operationsByState: async () =>
        (
          await store.sql.query<{ state: string; count: number }>("SELECT state, count(*)::int AS count FROM operations GROUP BY state")
        ).map((r) => ({ state: r.state, count: Number(r.count) })),
      outbox: () => outbox.backlog(),
      lastWatchPass: async () => (await watchStore.load()).passAt,
      credentials: () => observed.observer.snapshot(),
      now: () => clock.now(),
    },
    (call) => logger.debug(`http ${call.method} ${call.host}${call.path} ${call.status} in ${call.ms} ms`),
  );
  const audit = countedAuditLog(prismaAuditLog(store.prisma, scrub, { channel: notifyChannel, clock }), metrics);
  const links = prismaLinkStore(store.prisma, createTokenCipher(config.encryptionKey));
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
  const cloud = cloudUserApi(config.cloud.apiUrl, send, config.cloud.webUrl);
  const tokens = createUserTokens({ links, deviceFlow, clock, audit });
  const linker = createLinker({
    links,
    deviceFlow,
    apis: { GHES: ghes, CLOUD: cloud },
    clientIds: { GHES: config.ghes.oauthClientId, CLOUD: cloudClientId },
    clock,
    audit,
    claims: prismaClaims(store.prisma, () => clock.now()),
  });
  const shutdown = new AbortController();
  const policy = { tokens, ghes, cloud, audit };
  // Without GHES_ENTERPRISE the audit log has no path: GHES is asked once, at start. A GHES that cannot say leaves
  // the bot working without its audit log, as when the slug is unset, and says so (the doctor says what to do).
  const enterprise =
    config.ghes.enterprise ??
    (await discoverEnterprise({ apiUrl: config.ghes.apiUrl, token: config.ghes.token, fetch: observed.fetch }).then(
      (slug) => {
        logger.info(`GHES enterprise discovered: ${slug} (set GHES_ENTERPRISE=${slug} to skip the discovery)`);
        return slug;
      },
      (error: unknown) => {
        logger.warn("GHES enterprise not discovered: the GHES audit log is not read until GHES_ENTERPRISE is set", error);
        return undefined;
      },
    ));
  const ghesBot = ghesInstance({
    url: config.ghes.url,
    apiUrl: config.ghes.apiUrl,
    token: config.ghes.token,
    enterprise,
    manage: config.ghes.manage,
    fetch: observed.fetch,
  });
  const cloudBot = cloudInstance({
    apiUrl: config.cloud.apiUrl,
    webUrl: config.cloud.webUrl,
    appId: config.cloud.appId,
    privateKey: config.cloud.appPrivateKey,
    monitorToken: config.cloud.monitorToken,
    fetch: observed.fetch,
  });
  const connections = prismaConnectionStore(store.prisma);
  const warn = (message: string, error: unknown) => logger.warn(message, error);
  const logError = (error: unknown, requestId: string) => logger.error(`request ${requestId} failed`, error);
  const slack = slackWebClient({ token: config.slack.botToken, apiUrl: config.slack.apiUrl, retries: options.slackRetries ?? 2, logger });
  const directory = slackDirectory(slack);

  const operations = prismaOperationStore(store.prisma, scrub, notifyChannel);
  const ops: OperationDeps = {
    operations,
    connections,
    ghes: ghesBot,
    cloud: cloudBot,
    fingerprint: licenseFingerprint,
    reach: reachability([`${config.cloud.webUrl}/`, `${config.cloud.apiUrl}/meta`, `${config.cloud.uploadsUrl}/`], send),
    policy,
    cards: slackOperationCards(slack, config.operations.requireSecondApprover, config.slack.notifyLanguage),
    directory,
    audit,
    clock,
    settings: config.operations,
    warn,
  };
  const executor = guidedExecutor(ops);

  const holder = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  const watch = {
    store: watchStore,
    events: ghesConnectEvents({
      apiUrl: config.ghes.apiUrl,
      token: config.ghes.token,
      enterprise,
      fetch: observed.fetch,
    }),
    cloud: cloudConnectSource({ apiUrl: config.cloud.apiUrl, monitorToken: config.cloud.monitorToken, fetch: observed.fetch }),
    app: cloudBot,
    credentials: observed.observer,
    operations,
    connections,
    refreshCard: (op: Operation) => refreshCard(ops, op),
    hostname: ghesBot.hostname,
    clock,
    // Blindness is told only when it lasts: a few missed passes after a GitHub blip are not news.
    settings: { ...config.watch, blindMs: Math.max(3 * config.watch.intervalMs, 15 * 60_000) },
    warn,
  };
  const commands: CommandDeps = {
    ...ops,
    links,
    linker,
    shutdown: shutdown.signal,
    watch: {
      available: Boolean(enterprise),
      intervalMs: config.watch.intervalMs,
      load: () => watch.store.load(),
      backlog: () => outbox.backlog(),
    },
    doctor: () =>
      runDoctor(
        configProbes(config, {
          fetch: send,
          slack,
          slackApp: config.slack.appToken
            ? slackWebClient({ token: config.slack.appToken, apiUrl: config.slack.apiUrl, retries: 0, logger })
            : null,
          running: { enterprise },
          database: async () => {
            const status = await migrationStatus(store.sql, MIGRATIONS_DIR);
            return store.sql.kind === "postgres"
              ? { kind: "postgres", ...status }
              : {
                  kind: "pglite",
                  dataDir: config.database.kind === "pglite" ? config.database.dataDir : "(memory)",
                  exists: true,
                  ...status,
                };
          },
        }),
        {
          now: clock.now(),
          notifyChannel,
          ghesUrl: config.ghes.url,
          proxy: config.proxy ? proxyShown(config.proxy.httpsProxy) : null,
        },
      ),
    // A text the redactor would change holds a token shape or a configured secret.
    isSecret: (text: string) => scrub(text) !== text,
  };

  // Eight commands at work at once keep PostgreSQL's pool and PGlite's one connection busy without letting a
  // burst's half-done work delay the next ack; two thousand waiting is minutes of work, not a normal backlog.
  const queue = workQueue(options.workQueue?.concurrency ?? 8, options.workQueue?.maxWaiting ?? 2000, (error) =>
    logger.error("work after ack failed", error),
  );
  let ready = false;
  let socketConnected = false;
  const { app, boundPort } = buildSlackApp({
    queue,
    busy: reply(text(translator("en")("error.BUSY"))),
    botToken: config.slack.botToken,
    signingSecret: config.slack.signingSecret,
    appToken: config.slack.appToken,
    apiUrl: config.slack.apiUrl,
    port: config.port,
    logger,
    isReady: () => ready,
    ...(proxy ? { socketDispatcher: proxy.dispatcher } : {}),
    metrics: () => metrics.render(),
    ...(config.metricsToken ? { metricsToken: config.metricsToken } : {}),
    readiness: async () => {
      const database = await Promise.race([
        store.sql.query("SELECT 1").then(() => "ok"),
        new Promise<string>((resolve) => setTimeout(() => resolve("no answer within 2 s"), 2000).unref()),
      ]).catch((error: unknown) => `failing (${(error as { code?: string })?.code ?? "error"})`);
      const checks = {
        serving: shutdown.signal.aborted ? "stopping" : ready ? "ok" : "starting",
        database,
        slack: config.slack.mode === "socket" ? (socketConnected ? "ok" : "not connected to Slack") : "ok",
      };
      return { ready: Object.values(checks).every((c) => c === "ok"), checks };
    },
    onSocketState: (connected) => {
      socketConnected = connected;
    },
    retries: options.slackRetries,
    run: (input, followUp) => runCommand(input, commands, followUp, logError),
    click: (input) => runClick({ ...ops, executor }, input, logError),
    remember: prismaSeenRequests(store.prisma, () => clock.now()),
    home: (ref) => homeDashboard(commands, ref),
  });
  try {
    await app.init();
    const started = (await app.start(config.port)) as { address?: () => AddressInfo | string | null } | undefined;
    const address = started?.address?.();
    // Resumes what a previous process left in flight and expires what ran out meanwhile, then keeps watching.
    const worker = runOperationWorker(ops, executor, shutdown.signal);
    // Its own client: the outbox retries, so the client must not (a retried post Slack had accepted is a duplicate),
    // and a rate limit comes back as an error with its wait instead of a sleep that could outlast the claim.
    const noticeClient = slackWebClient({ token: config.slack.botToken, apiUrl: config.slack.apiUrl, retries: 0, logger });
    const sender = runOutboxSender(
      { queue: outbox, channel: slackNoticeChannel(noticeClient, config.slack.notifyLanguage), clock, holder, warn, pollMs: 1000 },
      shutdown.signal,
    );
    const watcher = runWatcher(watch, holder, shutdown.signal);
    ready = true;
    const port = typeof address === "object" && address ? address.port : ((await boundPort()) ?? config.port);
    logger.info(`ghconnect ready (${config.slack.mode} mode, health on :${port}/healthz, database ${store.sql.kind})`);
    return {
      app,
      store,
      holder,
      port,
      async stop() {
        ready = false;
        shutdown.abort(new Error("shutting down"));
        // A pass in the middle of a slow call is not waited for long: its transitions are atomic either way.
        await Promise.race([Promise.all([worker, queue.idle()]), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
        // The watcher and the sender commit atomically (fenced, claimed): a pass cut short is simply redone.
        await Promise.race([Promise.all([watcher, sender]), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
        await app.stop().catch(() => {});
        await store.close();
        metrics.close();
        proxy?.restore();
      },
    };
  } catch (error) {
    shutdown.abort(error);
    await store.close();
    metrics.close();
    proxy?.restore();
    throw error;
  }
}
