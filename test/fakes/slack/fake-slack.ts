// A local fake of the Slack Web API and of response_url endpoints (slack-facts A2), on a real
// node:http server bound to 127.0.0.1:0. Point a Bolt App at it with
// `clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } }`.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type BlockKitReport, checkMessage, checkView } from "./block-kit.ts";
import { type Json, parseArgs, readBody, send, str } from "./http-util.ts";

export interface SlackUserFixture {
  id: string;
  team_id: string;
  name?: string;
  locale?: string;
  tz?: string;
  is_admin?: boolean;
  is_owner?: boolean;
  is_restricted?: boolean;
  is_ultra_restricted?: boolean;
  is_bot?: boolean;
  deleted?: boolean;
}

export interface ChannelFixture {
  exists?: boolean;
  isPrivate?: boolean;
  member?: boolean;
  archived?: boolean;
  name?: string;
}

export const DEFAULT_BOT_SCOPES = ["commands", "chat:write", "users:read", "channels:read", "groups:read"];

export interface SlackApiCall {
  method: string;
  /** Form fields or JSON body; blocks/attachments/view parsed back to objects, "true"/"false" kept as strings. */
  args: Record<string, unknown>;
  token?: string;
  /** The message ts Slack answered with (chat.postMessage), once it answered: where a user would click. */
  ts?: string;
  /** Answered with a queued failure (fail()): Slack did nothing. */
  failed?: true;
}

export interface ResponseUrlPost {
  id: string;
  // biome-ignore lint/suspicious/noExplicitAny: whatever JSON the app posted (respond() body); tests read into it freely
  body: any;
}

export type FailAnswer = ({ error: string } | { status: number; retryAfter?: number }) & {
  /** Only calls whose arguments match (e.g. `{ channel: "C0WORK" }`) fail; others pass untouched. */
  where?: Record<string, string>;
};

export interface FakeSlack {
  apiUrl: string;
  calls: SlackApiCall[];
  responses: ResponseUrlPost[];
  newResponseUrl(): string;
  addUser(user: SlackUserFixture): void;
  /**
   * Make the next `times` (default 1) calls of `method` fail (with `where`, only matching calls). Use method
   * "response_url" for response_url posts.
   */
  fail(method: string, answer: FailAnswer, times?: number): void;
  /** Holds every call of `method` until the returned release() is called (ordering tests: "ack came first"). */
  hold(method: string): () => void;
  /** The bot token's scopes, sent in `x-oauth-scopes` as Slack does (default: every scope manifest.yml asks for). */
  setScopes(scopes: string[]): void;
  /** How conversations.info sees a channel (default: it exists, is public, the bot is a member, not archived). */
  setChannel(id: string, channel: ChannelFixture): void;
  /** The WebSocket URL apps.connections.open hands out (see fake-socket-mode.ts). */
  setSocketUrl(url: string): void;
  waitFor<T>(pick: () => T | undefined, timeoutMs?: number): Promise<T>;
  unexpected: string[];
  assertClean(): void;
  close(): Promise<void>;
}

/** What auth.test answers; Bolt caches it as context.botUserId / botId. */
export const FAKE_AUTH = {
  url: "https://fake-team.slack.com/",
  team: "Fake Team",
  user: "opsbot",
  team_id: "T0FAKE",
  user_id: "U0FAKEBOT",
  bot_id: "B0FAKEBOT",
  is_enterprise_install: false,
} as const;

const RESPONSE_URL_MAX_USES = 5; // slack-facts A1

interface StoredMessage {
  token: string | undefined;
  text: unknown;
  blocks: unknown;
  attachments: unknown;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: SlackApiCall[] = [];
  const responses: ResponseUrlPost[] = [];
  const unexpected: string[] = [];
  const users = new Map<string, SlackUserFixture>();
  const failures = new Map<string, FailAnswer[]>();
  const messages = new Map<string, StoredMessage>(); // key `${channel}/${ts}`
  const responseUses = new Map<string, number>();
  let seq = 0;
  let responseSeq = 0;
  let apiUrl = "";
  const holds = new Map<string, Promise<void>>();
  let socketUrl: string | undefined;
  let scopes = [...DEFAULT_BOT_SCOPES];
  const channels = new Map<string, ChannelFixture>();

  const nextTs = (): string => {
    const micros = ++seq * 100;
    return `${1_700_000_000 + Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, "0")}`;
  };

  const record = (where: string, report: BlockKitReport): void => {
    for (const p of [...report.errors, ...report.warnings]) unexpected.push(`${where}: ${p}`);
  };

  /** Checks a message body; returns an error answer when Slack would reject it. */
  const messageProblems = (method: string, args: Json): Json | undefined => {
    const report = checkMessage(args);
    record(method, report);
    if (args.text === undefined && args.blocks === undefined && args.attachments === undefined) {
      unexpected.push(`${method}: no text, blocks or attachments`);
      return { ok: false, error: "no_text" };
    }
    return report.errors.length > 0 ? { ok: false, error: "invalid_blocks", errors: report.errors } : undefined;
  };

  const viewProblems = (method: string, view: unknown): Json | undefined => {
    const report = checkView(view);
    record(method, report);
    if (report.errors.length === 0) return undefined;
    return { ok: false, error: "invalid_arguments", response_metadata: { messages: report.errors } };
  };

  const handlers: Record<string, (args: Json, token: string | undefined) => Json> = {
    "auth.test": () => ({ ok: true, ...FAKE_AUTH }),
    "chat.postMessage": (args, token) => {
      const channel = str(args.channel);
      if (channel === undefined) return { ok: false, error: "channel_not_found" };
      const bad = messageProblems("chat.postMessage", args);
      if (bad) return bad;
      const ts = nextTs();
      messages.set(`${channel}/${ts}`, { token, text: args.text, blocks: args.blocks, attachments: args.attachments });
      const message = {
        type: "message",
        text: args.text ?? "",
        blocks: args.blocks,
        ts,
        user: FAKE_AUTH.user_id,
        bot_id: FAKE_AUTH.bot_id,
      };
      return { ok: true, channel, ts, message };
    },
    "chat.update": (args, token) => {
      const channel = str(args.channel);
      const ts = str(args.ts);
      const stored = channel && ts ? messages.get(`${channel}/${ts}`) : undefined;
      if (channel === undefined || ts === undefined || stored === undefined) return { ok: false, error: "message_not_found" };
      if (stored.token !== token) return { ok: false, error: "cant_update_message" };
      const bad = messageProblems("chat.update", args);
      if (bad) return bad;
      stored.text = args.text ?? stored.text;
      stored.blocks = args.blocks ?? stored.blocks;
      stored.attachments = args.attachments ?? stored.attachments;
      return {
        ok: true,
        channel,
        ts,
        text: stored.text ?? "",
        message: { text: stored.text ?? "", blocks: stored.blocks, attachments: stored.attachments },
      };
    },
    // Slack's answer for a message it holds: a permalink on the workspace's domain (thread replies add a query).
    "chat.getPermalink": (args) => {
      const channel = str(args.channel);
      const ts = str(args.message_ts);
      if (channel === undefined || ts === undefined) return { ok: false, error: "channel_not_found" };
      if (!messages.has(`${channel}/${ts}`)) return { ok: false, error: "message_not_found" };
      return { ok: true, channel, permalink: `https://fake-workspace.slack.com/archives/${channel}/p${ts.replace(".", "")}` };
    },
    "chat.postEphemeral": (args) => {
      if (str(args.channel) === undefined) return { ok: false, error: "channel_not_found" };
      if (str(args.user) === undefined) return { ok: false, error: "user_not_in_channel" };
      return messageProblems("chat.postEphemeral", args) ?? { ok: true, message_ts: nextTs() };
    },
    "views.publish": (args) => {
      if (str(args.user_id) === undefined) return { ok: false, error: "invalid_arguments" };
      return (
        viewProblems("views.publish", args.view) ?? {
          ok: true,
          view: { id: `V${++seq}`, team_id: FAKE_AUTH.team_id, ...(args.view as Json) },
        }
      );
    },
    "views.open": (args) => {
      if (str(args.trigger_id) === undefined) return { ok: false, error: "invalid_trigger_id" };
      return (
        viewProblems("views.open", args.view) ?? { ok: true, view: { id: `V${++seq}`, team_id: FAKE_AUTH.team_id, ...(args.view as Json) } }
      );
    },
    "users.info": (args) => {
      const fixture = users.get(String(args.user));
      if (fixture === undefined) return { ok: false, error: "user_not_found" };
      const { locale, ...rest } = fixture;
      const user: Json = {
        name: fixture.id.toLowerCase(),
        tz: "America/Los_Angeles",
        is_admin: false,
        is_owner: false,
        is_primary_owner: false,
        is_restricted: false,
        is_ultra_restricted: false,
        is_bot: false,
        is_app_user: false,
        deleted: false,
        ...rest,
      };
      if (args.include_locale === "true" || args.include_locale === true) user.locale = locale ?? "en-US";
      return { ok: true, user };
    },
    "apps.connections.open": () => (socketUrl ? { ok: true, url: socketUrl } : { ok: false, error: "socket_mode_not_enabled" }),
    "conversations.info": (args) => {
      const id = str(args.channel);
      const fixture = (id && channels.get(id)) || {};
      // Slack hides a private channel from a bot outside it: the same answer as for no channel at all.
      if (id === undefined || fixture.exists === false || (fixture.isPrivate && fixture.member === false))
        return { ok: false, error: "channel_not_found" };
      const needed = fixture.isPrivate ? "groups:read" : "channels:read";
      if (!scopes.includes(needed)) return { ok: false, error: "missing_scope", needed, provided: scopes.join(",") };
      const channel = {
        id,
        name: fixture.name ?? `fake-${id.toLowerCase()}`,
        is_channel: /^C/.test(id),
        is_im: /^D/.test(id),
        is_private: fixture.isPrivate === true,
        is_archived: fixture.archived === true,
        is_member: fixture.member !== false,
      };
      return { ok: true, channel };
    },
  };

  /** Returns true when a queued failure was sent. */
  const sendFailure = (key: string, res: ServerResponse, args: Json = {}): boolean => {
    const queue = failures.get(key) ?? [];
    const index = queue.findIndex((a) => !a.where || Object.entries(a.where).every(([k, v]) => str(args[k]) === v));
    if (index < 0) return false;
    const [answer] = queue.splice(index, 1);
    if (answer === undefined) return false;
    if ("error" in answer) send(res, key === "response_url" ? 404 : 200, { ok: false, error: answer.error });
    else {
      const headers: Record<string, string> = answer.retryAfter === undefined ? {} : { "retry-after": String(answer.retryAfter) };
      send(res, answer.status, { ok: false, error: answer.status === 429 ? "ratelimited" : "fake_http_error" }, headers);
    }
    return true;
  };

  const handleResponseUrl = (id: string, raw: string, res: ServerResponse): void => {
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      unexpected.push(`response_url ${id}: body is not JSON: ${raw.slice(0, 100)}`);
      send(res, 400, { ok: false, error: "invalid_payload" });
      return;
    }
    responses.push({ id, body });
    const uses = (responseUses.get(id) ?? 0) + 1;
    responseUses.set(id, uses);
    if (uses > RESPONSE_URL_MAX_USES) {
      unexpected.push(`response_url ${id}: used ${uses} times (limit ${RESPONSE_URL_MAX_USES})`);
      send(res, 404, { ok: false, error: "used_url" });
      return;
    }
    if (sendFailure("response_url", res)) return;
    if (typeof body === "object" && body !== null && !("delete_original" in body)) record(`response_url ${id}`, checkMessage(body as Json));
    send(res, 200, { ok: true });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? "/", "http://fake").pathname;
    const raw = await readBody(req);
    const responseMatch = /^\/api\/response\/([^/]+)$/.exec(path);
    if (req.method === "POST" && responseMatch?.[1] !== undefined) return handleResponseUrl(responseMatch[1], raw, res);
    const method = /^\/api\/([a-zA-Z.]+)$/.exec(path)?.[1];
    if (req.method !== "POST" || method === undefined) {
      unexpected.push(`${req.method ?? "?"} ${path}: not a Web API call`);
      return send(res, 404, { ok: false, error: "not_found" });
    }
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "")?.[1];
    let args: Json;
    try {
      args = parseArgs(req.headers["content-type"] ?? "", raw);
    } catch (err) {
      unexpected.push(`${method}: unparsable body (${String(err)})`);
      return send(res, 200, { ok: false, error: "invalid_form_data" });
    }
    const call: SlackApiCall = token === undefined ? { method, args } : { method, args, token };
    calls.push(call);
    // Socket Mode opens its connection with the app-level token; everything else needs the bot token.
    const expected = method === "apps.connections.open" ? "xapp-" : "xoxb-";
    if (token === undefined || !token.startsWith(expected)) {
      unexpected.push(`${method}: missing or non-bot Authorization bearer token`);
      return send(res, 200, { ok: false, error: "not_authed" });
    }
    const held = holds.get(method);
    if (held !== undefined) await held;
    if (sendFailure(method, res, args)) {
      call.failed = true;
      return;
    }
    const handler = handlers[method];
    if (handler === undefined) {
      unexpected.push(`${method}: unknown method in fake Slack`);
      return send(res, 200, { ok: false, error: "unknown_method" });
    }
    const answer = handler(args, token);
    if (answer.ok === true && typeof answer.ts === "string") call.ts = answer.ts;
    send(res, 200, answer, token.startsWith("xoxb-") ? { "x-oauth-scopes": scopes.join(",") } : {});
  };

  const serve = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((err: unknown) => {
      unexpected.push(`fake Slack crashed on ${req.url ?? "?"}: ${String(err)}`);
      if (!res.headersSent) send(res, 500, { ok: false, error: "fake_crashed" });
    });
  };
  // response_url posts go to their own port, as Slack's go to hooks.slack.com and not slack.com/api: a test of
  // where a call went (the proxy test) can tell the two apart.
  const server = createServer(serve);
  const responseServer = createServer(serve);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  await new Promise<void>((resolve) => responseServer.listen(0, "127.0.0.1", resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
  const responseBase = `http://127.0.0.1:${(responseServer.address() as AddressInfo).port}/api/`;

  return {
    apiUrl,
    calls,
    responses,
    unexpected,
    newResponseUrl: () => `${responseBase}response/${++responseSeq}`,
    addUser: (user) => void users.set(user.id, user),
    fail: (method, answer, times = 1) => {
      const queue = failures.get(method) ?? [];
      for (let i = 0; i < times; i++) queue.push(answer);
      failures.set(method, queue);
    },
    setScopes: (list) => {
      scopes = [...list];
    },
    setChannel: (id, channel) => void channels.set(id, channel),
    setSocketUrl: (url) => {
      socketUrl = url;
    },
    hold: (method) => {
      let release = () => {};
      holds.set(method, new Promise<void>((resolve) => (release = resolve)));
      return () => {
        holds.delete(method);
        release();
      };
    },
    waitFor: async <T>(pick: () => T | undefined, timeoutMs = 15_000): Promise<T> => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = pick();
        if (value !== undefined) return value;
        if (Date.now() > deadline) {
          const seen = calls.map((c) => c.method).join(", ") || "none";
          throw new Error(
            `fake Slack waitFor timed out after ${timeoutMs} ms; calls: [${seen}]; responses: ${responses.length}; unexpected: ${JSON.stringify(unexpected)}`,
          );
        }
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    assertClean: () => {
      if (unexpected.length > 0) throw new Error(`fake Slack saw unexpected traffic:\n- ${unexpected.join("\n- ")}`);
    },
    close: async () => {
      for (const s of [server, responseServer]) {
        await new Promise<void>((resolve, reject) => {
          s.close((err) => (err ? reject(err) : resolve()));
          s.closeAllConnections();
        });
      }
    },
  };
}
