import { randomBytes, timingSafeEqual } from "node:crypto";
import { once } from "node:events";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { App, type Logger as BoltLogger, HTTPReceiver, LogLevel, type RespondFn, SocketModeReceiver } from "@slack/bolt";
import { CANCEL_ACTION, CONFIRM_ACTION, STOP_ACTION } from "../adapters/slack/render-operation-card.ts";
import { SLASH_COMMAND } from "../core/commands/command-specs.ts";
import type { HomeModel } from "../core/commands/home-dashboard.ts";
import type { CommandInput } from "../core/commands/run-command.ts";
import type { Reply } from "../core/domain/reply.ts";
import type { ClickInput } from "../core/operations/run-click.ts";
import type { SlackUserRef } from "../core/ports.ts";
import type { Logger } from "../log/create-logger.ts";
import { currentRequestId, withRequestId } from "../log/request-context.ts";
import { guardDoor } from "./guard-door.ts";
import { guardSocket, type SocketClient } from "./guard-socket.ts";
import { homeView, LINK_ACTION, UNLINK_ACTION } from "./home-view.ts";
import { OPEN_LINK_ACTION, renderReply } from "./render-reply.ts";
import { slackUserRef } from "./slack-user-ref.ts";
import type { WorkQueue } from "./work-queue.ts";

export interface SlackAppOptions {
  botToken: string;
  signingSecret?: string;
  appToken?: string;
  apiUrl?: string;
  port: number;
  logger: Logger;
  isReady: () => boolean;
  /** Whether the bot can do its work now (for a load balancer): each check by name, "ok" or what is wrong. */
  readiness: () => Promise<{ ready: boolean; checks: Record<string, string> }>;
  /** The Prometheus text of `GET /metrics`. */
  metrics: () => Promise<string>;
  /** When set, `/metrics` answers 401 to a request without `Authorization: Bearer <it>`. */
  metricsToken?: string;
  /** Socket Mode: the dispatcher its WebSocket goes through (the HTTPS_PROXY one, when set). */
  socketDispatcher?: { dispatch(options: unknown, handler: unknown): boolean };
  /** Socket Mode: told when the WebSocket to Slack connects and drops. */
  onSocketState?: (connected: boolean) => void;
  /** The core, as seen from Slack: one function per kind of interaction. */
  run: (input: CommandInput, followUp: (reply: Reply) => Promise<void>) => Promise<Reply>;
  click: (input: ClickInput) => Promise<Reply>;
  /** The App Home dashboard; reading it records nothing. */
  home: (ref: SlackUserRef) => Promise<HomeModel>;
  /** Tests turn Slack's long client-side retries off. */
  retries?: number;
  /** Seconds since the epoch, for the signature's time window. */
  nowSeconds?: () => number;
  /**
   * Records Slack's id of an interaction (a command's or click's `trigger_id`, an event's `event_id`, which a
   * replay and a Slack retry keep) across replicas; false when it was handled before. Asked after the ack, so
   * the database never delays one.
   */
  remember: (key: string) => Promise<boolean>;
  /** Where the work after each ack waits its turn (see work-queue.ts). */
  queue: WorkQueue;
  /** What a user reads when the queue is full and their command was not run. */
  busy: Reply;
}

type HomeView = Parameters<App["client"]["views"]["publish"]>[0]["view"];
const newRequestId = () => randomBytes(6).toString("hex");
const LEVELS: Record<string, LogLevel> = { debug: LogLevel.DEBUG, info: LogLevel.INFO, warn: LogLevel.WARN, error: LogLevel.ERROR };

/**
 * Thin edge: verify (Bolt checks signatures), ack at once, then hand the text to the core and render its
 * answer. Nothing here decides anything.
 */
interface SocketStates {
  on(event: "connected" | "disconnected" | "reconnecting", listener: () => void): unknown;
}

/** Compared in constant time: the answer must not tell how much of a guess was right. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/.exec(header ?? "")?.[1] ?? "");
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

export interface SlackApp {
  app: App;
  /** The port `/healthz`, `/readyz` and `/metrics` listen on once started (PORT=0 picks one). */
  boundPort(): Promise<number | null>;
}

export function buildSlackApp(o: SlackAppOptions): SlackApp {
  // Slack's default is ten retries over about thirty minutes; a card edit or an announcement stuck that long
  // would hold up every other operation's expiry and verification, and shutdown.
  const clientOptions = {
    ...(o.apiUrl ? { slackApiUrl: o.apiUrl } : {}),
    retryConfig: { retries: o.retries ?? 2, factor: 2, minTimeout: 1000, maxTimeout: 5000 },
    timeout: 10_000,
  };
  const logger = o.logger as unknown as BoltLogger;
  const logLevel = LEVELS[o.logger.getLevel()] ?? LogLevel.INFO;
  const customRoutes = [
    {
      path: "/healthz",
      method: ["GET"],
      handler: (_req: IncomingMessage, res: ServerResponse) => {
        const ready = o.isReady();
        res.writeHead(ready ? 200 : 503, { "content-type": "text/plain" });
        res.end(ready ? "ok" : "starting");
      },
    },
    {
      path: "/readyz",
      method: ["GET"],
      handler: (_req: IncomingMessage, res: ServerResponse) => {
        void o.readiness().then(
          ({ ready, checks }) => {
            res.writeHead(ready ? 200 : 503, { "content-type": "application/json" });
            res.end(JSON.stringify({ ready, checks }));
          },
          () => {
            res.writeHead(503, { "content-type": "application/json" });
            res.end(JSON.stringify({ ready: false, checks: {} }));
          },
        );
      },
    },
    {
      path: "/metrics",
      method: ["GET"],
      handler: (req: IncomingMessage, res: ServerResponse) => {
        if (o.metricsToken && !bearerMatches(req.headers.authorization, o.metricsToken)) {
          res.writeHead(401, { "content-type": "text/plain", "www-authenticate": "Bearer" });
          res.end("metrics need the METRICS_TOKEN bearer token\n");
          return;
        }
        void o.metrics().then(
          (text) => {
            res.writeHead(200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" });
            res.end(text);
          },
          () => {
            res.writeHead(500, { "content-type": "text/plain" });
            res.end("metrics unavailable\n");
          },
        );
      },
    },
  ];
  const receiver = o.appToken
    ? undefined
    : new HTTPReceiver({ signingSecret: o.signingSecret as string, port: o.port, logger, logLevel, customRoutes });
  // Socket Mode's WebSocket has its own dispatcher, not the process's: it goes through HTTPS_PROXY only if given one.
  const socketReceiver = o.appToken
    ? new SocketModeReceiver({
        appToken: o.appToken,
        logger,
        logLevel,
        customRoutes,
        // In Socket Mode the receiver builds its own Web API client (for apps.connections.open) and its own HTTP
        // server for the custom routes; both take their settings from here.
        installerOptions: { clientOptions, port: o.port },
        ...(o.socketDispatcher ? { dispatcher: o.socketDispatcher } : {}),
      })
    : undefined;
  const listened = {
    knownAction: (id: string) =>
      id === CONFIRM_ACTION ||
      id === CANCEL_ACTION ||
      id === STOP_ACTION ||
      id === OPEN_LINK_ACTION ||
      LINK_ACTION.test(id) ||
      UNLINK_ACTION.test(id),
    commands: [SLASH_COMMAND],
    events: ["app_home_opened"],
    log: (message: string) => o.logger.warn(message),
  };
  if (receiver) {
    receiver.requestListener = guardDoor(receiver.requestListener, {
      ...listened,
      signingSecret: o.signingSecret as string,
      nowSeconds: o.nowSeconds ?? (() => Math.floor(Date.now() / 1000)),
    });
  }
  const app = new App({
    token: o.botToken,
    receiver: receiver ?? socketReceiver,
    logger,
    logLevel,
    deferInitialization: true,
    clientOptions,
  });

  if (!receiver) {
    const client = (app as unknown as { receiver: { client: SocketClient & SocketStates } }).receiver.client;
    guardSocket(client, listened);
    // @slack/socket-mode's state events: "connected" once Slack said hello, then "disconnected" or "reconnecting".
    client.on("connected", () => o.onSocketState?.(true));
    for (const lost of ["disconnected", "reconnecting"] as const) client.on(lost, () => o.onSocketState?.(false));
  }

  // A repeat is acknowledged again and does nothing again; should the record be unreachable, the work goes on.
  const firstTime = async (key: string | undefined) => {
    if (!key) return true;
    const fresh = await o.remember(key).catch(() => true);
    if (!fresh) o.logger.warn(`repeat of a handled request (${key.split(":")[0]}), nothing done`);
    return fresh;
  };

  // Nothing after an ack is awaited by the listener: Bolt's next request must not wait behind this one's work.
  // Each job runs under a fresh request id: its log lines and outbound calls carry it (log/request-context.ts).
  const later = (job: (requestId: string) => Promise<void>, onDrop: () => Promise<unknown>) => {
    const requestId = newRequestId();
    o.queue.push(
      () => withRequestId(requestId, () => job(requestId)),
      () => {
        o.logger.warn("busy: a request was acked but not run (work queue full)");
        void onDrop().catch(() => {});
      },
    );
  };

  // An answer to the one user who asked; a failed post is logged, never thrown at the queue.
  const ephemeral =
    (respond: RespondFn) =>
    async (reply: Reply): Promise<void> => {
      await respond({ response_type: "ephemeral", replace_original: false, ...renderReply(reply) }).catch((error: unknown) =>
        o.logger.warn("respond failed", error),
      );
    };

  app.command(SLASH_COMMAND, async ({ ack, command, respond }) => {
    await ack();
    const say = ephemeral(respond);
    later(
      async (requestId) => {
        if (!(await firstTime(command.trigger_id ? `trigger:${command.trigger_id}` : undefined))) return;
        const ref = slackUserRef(command);
        await say(await o.run({ ref, text: command.text ?? "", requestId, channel: command.channel_id }, say));
      },
      () => say(o.busy),
    );
  });

  const publishHome = async (
    client: App["client"],
    userId: string,
    teamRef: { enterprise_id?: string | null; team_id?: string | null },
    text: string | null,
    notice: Reply | null,
  ) => {
    const ref = slackUserRef({ ...teamRef, user_id: userId });
    const requestId = currentRequestId() ?? newRequestId();
    const publish = async (n: Reply | null) => {
      await client.views.publish({ user_id: userId, view: homeView(await o.home(ref), n) as unknown as HomeView });
    };
    const first = text
      ? await o.run({ ref, text, requestId, channel: userId }, (later) =>
          publish(later).catch((e: unknown) => o.logger.warn("home update failed", e)),
        )
      : notice;
    await publish(first);
  };

  app.event("app_home_opened", async ({ event, body, client }) => {
    if (event.tab !== "home") return;
    // A dropped view refresh is harmless: the next visit publishes it.
    later(
      async () => {
        if (!(await firstTime(body.event_id ? `event:${body.event_id}` : undefined))) return;
        await publishHome(client, event.user, { enterprise_id: body.enterprise_id, team_id: body.team_id }, null, null);
      },
      async () => {},
    );
  });

  for (const [pattern, verb] of [
    [LINK_ACTION, "link"],
    [UNLINK_ACTION, "unlink"],
  ] as const) {
    app.action(pattern, async ({ ack, body, client, context }) => {
      await ack();
      const side = context.actionIdMatches?.[1];
      const team = { enterprise_id: body.enterprise?.id ?? null, team_id: body.user.team_id ?? body.team?.id ?? null };
      later(
        async () => {
          if (!(await firstTime("trigger_id" in body && body.trigger_id ? `trigger:${body.trigger_id}` : undefined))) return;
          await publishHome(client, body.user.id, team, `${verb} ${side}`, null);
        },
        () => publishHome(client, body.user.id, team, null, o.busy),
      );
    });
  }

  for (const [actionId, action] of [
    [CONFIRM_ACTION, "confirm"],
    [CANCEL_ACTION, "cancel"],
    [STOP_ACTION, "stop"],
  ] as const) {
    app.action(actionId, async ({ ack, body, respond }) => {
      await ack();
      if (body.type !== "block_actions") return;
      const answer = ephemeral(respond);
      later(
        async (requestId) => {
          if (!(await firstTime(body.trigger_id ? `trigger:${body.trigger_id}` : undefined))) return;
          const button = body.actions[0];
          const value = button && "value" in button ? String(button.value ?? "") : "";
          const ref = slackUserRef({
            enterprise_id: body.enterprise?.id ?? null,
            team_id: body.user.team_id ?? body.team?.id ?? null,
            user_id: body.user.id,
          });
          const container = body.container as { channel_id?: string; message_ts?: string } | undefined;
          const channel = container?.channel_id ?? body.channel?.id;
          const ts = container?.message_ts ?? body.message?.ts;
          const card = channel && ts ? { channel, ts } : null;
          await answer(await o.click({ ref, action, operationId: value, card, requestId }));
        },
        () => answer(o.busy),
      );
    });
  }

  // Slack tells the app about a click on a button that opens a page; there is nothing to do but acknowledge it.
  app.action(OPEN_LINK_ACTION, async ({ ack }) => {
    await ack();
  });

  app.error(async (error) => {
    o.logger.error("Slack listener failed", error);
  });
  // Socket Mode's receiver keeps its HTTP server (the custom routes) to itself, and starts it without waiting.
  const server = (): Server | undefined => (socketReceiver as unknown as { httpServer?: Server } | undefined)?.httpServer;
  return {
    app,
    async boundPort() {
      const http = server();
      if (!http) return null;
      if (!http.listening) await once(http, "listening");
      const address = http.address();
      return typeof address === "object" && address ? address.port : null;
    },
  };
}
