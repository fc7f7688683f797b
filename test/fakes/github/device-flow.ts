// OAuth device flow of one GitHub web host (github.com or a GHES host), github-facts §4 and §9.
// Choice: an unknown client_id at POST /login/device/code gets HTTP 404 with {"error":"Not Found"}.
import type { Accounts } from "./accounts.ts";
import { randomHex, randomToken } from "./http-util.ts";
import { type Ctx, isObject, type Reply, type Route } from "./types.ts";

export interface DeviceClient {
  clientId: string;
  /** Device flow switched on in the app settings (default true); off -> polls answer device_flow_disabled. */
  deviceFlowEnabled: boolean;
  /** GitHub App with expiring user tokens (default true); false = classic OAuth app answer without expiry fields. */
  expiringTokens: boolean;
  expiresIn: number;
  interval: number;
}

export type DeviceCodeStatus = "pending" | "approved" | "denied" | "expired" | "used";

export interface DeviceCode {
  deviceCode: string;
  userCode: string;
  clientId: string;
  status: DeviceCodeStatus;
  login?: string;
  interval: number;
  expiresAt: number;
  lastPollAt?: number;
  queuedSlowDowns: number;
}

interface RefreshRecord {
  login: string;
  clientId: string;
  expiresAt: number;
  valid: boolean;
}

const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
const ERROR_URI = "https://docs.github.com/developers/apps/authorizing-oauth-apps#error-codes-for-the-device-flow";

export class DeviceFlow {
  readonly clients = new Map<string, DeviceClient>();
  readonly codes: DeviceCode[] = [];
  readonly refreshTokens = new Map<string, RefreshRecord>();
  /** When true, polling faster than `interval` answers slow_down (off by default). */
  strictInterval = false;

  constructor(
    private readonly accounts: Accounts,
    private readonly webUrl: () => string,
  ) {}

  addClient(clientId: string, opts: Partial<Omit<DeviceClient, "clientId">> = {}): DeviceClient {
    const client: DeviceClient = {
      clientId,
      deviceFlowEnabled: opts.deviceFlowEnabled ?? true,
      expiringTokens: opts.expiringTokens ?? true,
      expiresIn: opts.expiresIn ?? 900,
      interval: opts.interval ?? 5,
    };
    this.clients.set(clientId, client);
    return client;
  }

  /** The most recently issued code (tests read userCode from here or from the bot's message). */
  latest(): DeviceCode | undefined {
    return this.codes[this.codes.length - 1];
  }

  private code(userCode: string): DeviceCode {
    const c = this.codes.find((x) => x.userCode === userCode);
    if (!c) throw new Error(`fake github: unknown user code '${userCode}'`);
    return c;
  }

  approve(userCode: string, login: string): void {
    if (!this.accounts.user(login)) throw new Error(`fake github: approve by unknown user '${login}'`);
    Object.assign(this.code(userCode), { status: "approved", login });
  }
  deny(userCode: string): void {
    this.code(userCode).status = "denied";
  }
  expire(userCode: string): void {
    this.code(userCode).status = "expired";
  }
  /** The next `times` polls for this code answer slow_down. */
  slowDown(userCode: string, times = 1): void {
    this.code(userCode).queuedSlowDowns += times;
  }
  /** Make a refresh token unusable (as if its 6 months had passed). */
  expireRefreshToken(token: string): void {
    const r = this.refreshTokens.get(token);
    if (r) r.valid = false;
  }

  routes(prefix = ""): Route[] {
    return [
      { method: "POST", path: `${prefix}/login/device/code`, handle: (ctx) => this.deviceCode(ctx) },
      { method: "POST", path: `${prefix}/login/oauth/access_token`, handle: (ctx) => this.accessToken(ctx) },
    ];
  }

  private deviceCode(ctx: Ctx): Reply {
    const p = params(ctx);
    if (!p.client_id) {
      ctx.report(`POST ${ctx.path} without client_id`);
      return answer(ctx, 404, { error: "Not Found" });
    }
    const client = this.clients.get(p.client_id);
    if (!client) return answer(ctx, 404, { error: "Not Found" });
    const userCode = `${randomToken("", 4)}-${randomToken("", 4)}`.toUpperCase();
    const code: DeviceCode = {
      deviceCode: randomHex(20),
      userCode,
      clientId: client.clientId,
      status: "pending",
      interval: client.interval,
      expiresAt: this.accounts.now() + client.expiresIn * 1000,
      queuedSlowDowns: 0,
    };
    this.codes.push(code);
    return answer(ctx, 200, {
      device_code: code.deviceCode,
      user_code: userCode,
      verification_uri: `${this.webUrl()}/login/device`,
      expires_in: client.expiresIn,
      interval: client.interval,
    });
  }

  private accessToken(ctx: Ctx): Reply {
    const p = params(ctx);
    if (!p.client_id) ctx.report(`POST ${ctx.path} without client_id`);
    if (!p.grant_type) ctx.report(`POST ${ctx.path} without grant_type`);
    const client = p.client_id ? this.clients.get(p.client_id) : undefined;
    if (!client) return oauthError(ctx, "incorrect_client_credentials", "The client_id and/or client_secret passed are incorrect.");
    if (p.grant_type === DEVICE_GRANT) return this.exchange(ctx, client, p.device_code);
    if (p.grant_type === "refresh_token") return this.refresh(ctx, client, p.refresh_token);
    return oauthError(ctx, "unsupported_grant_type", "The grant type is not supported.");
  }

  private exchange(ctx: Ctx, client: DeviceClient, deviceCode: string | undefined): Reply {
    if (!deviceCode) ctx.report(`device-code poll without device_code`);
    const code = this.codes.find((c) => c.deviceCode === deviceCode && c.clientId === client.clientId);
    if (!code || code.status === "used") return oauthError(ctx, "incorrect_device_code", "The device_code provided is not valid.");
    if (!client.deviceFlowEnabled) return oauthError(ctx, "device_flow_disabled", "Device Flow must be explicitly enabled for this App");
    const now = this.accounts.now();
    const tooFast = this.strictInterval && code.lastPollAt !== undefined && now - code.lastPollAt < code.interval * 1000;
    code.lastPollAt = now;
    if (code.queuedSlowDowns > 0 || tooFast) {
      if (code.queuedSlowDowns > 0) code.queuedSlowDowns--;
      code.interval += 5;
      return answer(ctx, 200, {
        error: "slow_down",
        error_description: "Too many requests have been made in the same timeframe.",
        error_uri: ERROR_URI,
        interval: code.interval,
      });
    }
    if (code.status === "expired" || code.expiresAt <= now) return oauthError(ctx, "expired_token", "The device_code has expired.");
    if (code.status === "denied") return oauthError(ctx, "access_denied", "The authorization request was denied.");
    if (code.status === "pending" || code.login === undefined) {
      return oauthError(ctx, "authorization_pending", "The authorization request is still pending.");
    }
    code.status = "used";
    return answer(ctx, 200, this.tokenPair(client, code.login));
  }

  private refresh(ctx: Ctx, client: DeviceClient, refreshToken: string | undefined): Reply {
    if (!refreshToken) ctx.report(`refresh grant without refresh_token`);
    const r = refreshToken === undefined ? undefined : this.refreshTokens.get(refreshToken);
    if (!r?.valid || r.clientId !== client.clientId || r.expiresAt <= this.accounts.now()) {
      return oauthError(ctx, "bad_refresh_token", "The refresh token passed is incorrect or expired.");
    }
    r.valid = false;
    return answer(ctx, 200, this.tokenPair(client, r.login));
  }

  private tokenPair(client: DeviceClient, login: string): Record<string, string | number> {
    if (!client.expiringTokens) {
      const accessToken = this.accounts.issueToken(login, { prefix: "gho_" });
      return { access_token: accessToken, token_type: "bearer", scope: "" };
    }
    const accessToken = this.accounts.issueToken(login, { prefix: "ghu_", expiresInSec: 28800 });
    const refreshToken = randomToken("ghr_", 76);
    this.refreshTokens.set(refreshToken, { login, clientId: client.clientId, expiresAt: this.accounts.now() + 15811200_000, valid: true });
    return {
      access_token: accessToken,
      expires_in: 28800,
      refresh_token: refreshToken,
      refresh_token_expires_in: 15811200,
      scope: "",
      token_type: "bearer",
    };
  }
}

/** Parameters from a form-urlencoded or JSON body, falling back to the query string. */
function params(ctx: Ctx): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = { ...ctx.query };
  if (isObject(ctx.body)) for (const [k, v] of Object.entries(ctx.body)) out[k] = v === undefined || v === null ? undefined : String(v);
  return out;
}

function oauthError(ctx: Ctx, error: string, description: string): Reply {
  return answer(ctx, 200, { error, error_description: description, error_uri: ERROR_URI });
}

/** JSON when the client accepts application/json, else form-urlencoded (GitHub's default). */
function answer(ctx: Ctx, status: number, body: Record<string, string | number>): Reply {
  if ((ctx.headers.accept ?? "").includes("application/json")) return { status, body };
  const raw = new URLSearchParams(Object.entries(body).map(([k, v]) => [k, String(v)])).toString();
  return { status, raw, headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" } };
}
