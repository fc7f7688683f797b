import type { DeviceCode, DeviceFlowClient, DevicePoll, Side, TokenSet } from "../../core/ports.ts";
import { AppError } from "../../errors.ts";
import { type FetchLike, timedFetch } from "./build-octokit.ts";
import { mapGithubError } from "./map-github-error.ts";

interface TokenAnswer {
  access_token?: string;
  expires_in?: number;
  refresh_token?: string;
  refresh_token_expires_in?: number;
  error?: string;
  error_description?: string;
  interval?: number;
}

/**
 * The OAuth device flow against a web host (github.com or the GHES root, not the API host). Every answer
 * of the token endpoint is HTTP 200; the `error` field says what happened.
 */
export function deviceFlowClient(options: {
  side: Side;
  webUrl: string;
  scope?: string;
  clientIdVariable: string;
  fetch?: FetchLike;
  now?: () => Date;
}): DeviceFlowClient {
  const { side } = options;
  const send = options.fetch ?? timedFetch();
  const now = options.now ?? (() => new Date());

  async function post<T>(path: string, form: Record<string, string>): Promise<{ status: number; body: T | null }> {
    let response: Response;
    try {
      response = await send(`${options.webUrl}${path}`, {
        method: "POST",
        headers: { accept: "application/json", "content-type": "application/x-www-form-urlencoded", "user-agent": "ghconnect/0.1" },
        body: new URLSearchParams(form).toString(),
      });
    } catch (error) {
      throw mapGithubError(error, side);
    }
    const body = (await response.json().catch(() => null)) as T | null;
    return { status: response.status, body };
  }

  const tokensOf = (a: TokenAnswer): TokenSet => {
    const at = now().getTime();
    return {
      accessToken: a.access_token as string,
      accessExpiresAt: a.expires_in ? new Date(at + a.expires_in * 1000) : null,
      refreshToken: a.refresh_token ?? null,
      refreshExpiresAt: a.refresh_token_expires_in ? new Date(at + a.refresh_token_expires_in * 1000) : null,
    };
  };

  return {
    async start(clientId) {
      const { status, body } = await post<Record<string, unknown>>("/login/device/code", {
        client_id: clientId,
        ...(options.scope ? { scope: options.scope } : {}),
      });
      if (status === 404 || body?.error === "Not Found" || body?.error === "incorrect_client_credentials") {
        throw new AppError("LINK_CLIENT_INVALID", { side, variable: options.clientIdVariable });
      }
      if (body?.error === "device_flow_disabled") throw new AppError("LINK_DEVICE_FLOW_DISABLED", { side });
      if (status >= 500) throw new AppError("GITHUB_SERVER_ERROR", { side, status });
      if (status !== 200 || !body || typeof body.device_code !== "string" || typeof body.user_code !== "string") {
        throw new AppError("GITHUB_UNEXPECTED", { side, detail: `device code answer HTTP ${status}` });
      }
      const code: DeviceCode = {
        deviceCode: body.device_code,
        userCode: body.user_code,
        verificationUri: String(body.verification_uri ?? `${options.webUrl}/login/device`),
        expiresInSeconds: Number(body.expires_in ?? 900),
        intervalSeconds: Number(body.interval ?? 5),
      };
      return code;
    },
    async poll(clientId, deviceCode): Promise<DevicePoll> {
      const { status, body } = await post<TokenAnswer>("/login/oauth/access_token", {
        client_id: clientId,
        device_code: deviceCode,
        grant_type: "urn:ietf:params:oauth:grant-type:device_code",
      });
      if (status >= 500) throw new AppError("GITHUB_SERVER_ERROR", { side, status });
      if (body?.access_token) return { status: "approved", tokens: tokensOf(body) };
      switch (body?.error) {
        case "authorization_pending":
          return { status: "pending" };
        case "slow_down":
          return { status: "slow_down", intervalSeconds: Number(body.interval ?? 10) };
        case "expired_token":
          return { status: "expired" };
        case "access_denied":
          return { status: "denied" };
        case "device_flow_disabled":
          return { status: "disabled" };
        default:
          return { status: "failed", error: body?.error ?? `HTTP ${status}` };
      }
    },
    async refresh(clientId, refreshToken) {
      const { status, body } = await post<TokenAnswer>("/login/oauth/access_token", {
        client_id: clientId,
        grant_type: "refresh_token",
        refresh_token: refreshToken,
      });
      if (status >= 500) throw new AppError("GITHUB_SERVER_ERROR", { side, status });
      if (body?.access_token) return tokensOf(body);
      if (body?.error === "bad_refresh_token" || body?.error === "invalid_grant" || status === 401) return null;
      throw new AppError("GITHUB_UNEXPECTED", { side, detail: body?.error ?? `HTTP ${status}` });
    },
  };
}
