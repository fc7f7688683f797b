import { z } from "zod";
import { AppError } from "./errors.ts";

/**
 * The only reader of the environment. Every problem is collected and reported at once, each with where the
 * value comes from, so an operator fixes the deployment in one pass.
 */
export const HINTS: Record<string, string> = {
  SLACK_BOT_TOKEN: "Slack app > OAuth & Permissions > Bot User OAuth Token (xoxb-...)",
  SLACK_SIGNING_SECRET: "Slack app > Basic Information > Signing Secret (HTTP mode)",
  SLACK_APP_TOKEN: "Slack app > Basic Information > App-Level Tokens, scope connections:write (xapp-..., Socket Mode)",
  SLACK_API_URL: "optional base URL of the Slack Web API, e.g. https://slack.com/api/",
  NOTIFY_CHANNEL: "ID of the Slack channel for announcements (channel details > About > Channel ID, C...)",
  NOTIFY_LANGUAGE: "the language of cards and announcements in channels: en (default) or ja",
  GHES_URL: "web root of your GitHub Enterprise Server, e.g. https://ghe.example.com",
  GHES_TOKEN: "token of a GHES site administrator with the admin:enterprise scope (enterprise audit log and meta reads)",
  GHES_OAUTH_CLIENT_ID: "client ID of an OAuth app or GitHub App on GHES with device flow enabled",
  GHES_MANAGE_URL: "optional Manage API root, e.g. https://ghe.example.com:8443 (set with GHES_MANAGE_PASSWORD)",
  GHES_MANAGE_PASSWORD: "optional Management Console root password (set with GHES_MANAGE_URL)",
  GHES_ENTERPRISE: "optional enterprise slug used in GHES audit-log paths",
  GITHUB_API_URL: "GitHub REST API root, default https://api.github.com",
  GITHUB_URL: "GitHub web root, default https://github.com",
  GITHUB_UPLOADS_URL: "GitHub uploads root GitHub Connect needs reachable, default https://uploads.github.com",
  GITHUB_APP_ID: "the bot's GitHub App > General > App ID (a number)",
  GITHUB_APP_PRIVATE_KEY: "the bot's GitHub App > General > Private keys (PEM text; or GITHUB_APP_PRIVATE_KEY_FILE)",
  GITHUB_APP_PRIVATE_KEY_FILE: "path to the bot's GitHub App private key (.pem)",
  GITHUB_APP_CLIENT_ID: "the bot's GitHub App > General > Client ID (device flow must be enabled)",
  GITHUB_OAUTH_CLIENT_ID: "optional classic OAuth app client ID (device flow enabled; scopes read:org read:enterprise)",
  GITHUB_MONITOR_TOKEN: "optional enterprise-owner token with read:enterprise for GHEC-side verification",
  DATABASE_URL: "optional postgresql:// URL; unset means embedded PGlite under DATA_DIR",
  DATA_DIR: "directory for embedded data, default ./data",
  ENCRYPTION_KEY: "32 random bytes, base64: `openssl rand -base64 32`",
  HTTPS_PROXY: "optional outbound proxy URL",
  NO_PROXY: "optional comma-separated hosts that bypass the proxy",
  PORT: "HTTP port, default 3000",
  LOG_LEVEL: "debug, info, warn or error (default info)",
  LOG_FORMAT: "json (default: one JSON object a line, with the request id) or text",
  METRICS_TOKEN: "optional: GET /metrics then needs `Authorization: Bearer <token>` (at least 16 characters)",
  CONFIRMATION_TTL: "how long a confirmation card stays valid: e.g. 15m (default), 900s, 1h",
  REQUIRE_SECOND_APPROVER: "true: a confirmation must come from an authorized user other than the requester (default false)",
  VERIFY_INTERVAL: "how often the result is looked for while an operation applies: e.g. 10s (default)",
  APPLY_TIMEOUT: "how long to wait for the change in GHES before an operation fails: e.g. 30m (default)",
  WATCH_INTERVAL: "how often the watcher reads GitHub's records of GitHub Connect: e.g. 60s (default)",
  TOKEN_SILENCE_ALERT:
    "how long GitHub Connect may go without renewing its credentials, while connected, before an alert: e.g. 24h (default)",
};

/** "90", "90s", "15m", "1h" as milliseconds. */
export function parseDuration(text: string): number | null {
  const match = /^(\d+)\s*(ms|s|m|h)?$/.exec(text.trim());
  if (!match) return null;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(match[2] ?? "s") as "ms" | "s" | "m" | "h"];
  return Number(match[1]) * unit;
}

const duration = (fallback: string, min: number, max: number) =>
  z
    .string()
    .default(fallback)
    .transform((v, ctx) => {
      const ms = parseDuration(v);
      if (ms === null || ms < min || ms > max) {
        ctx.addIssue({ code: "custom", message: `must be a duration between ${min / 1000}s and ${max / 60_000}m, such as ${fallback}` });
        return z.NEVER;
      }
      return ms;
    });

const optionalText = z.string().trim().min(1).optional();
const url = (what: string) =>
  z
    .string()
    .trim()
    .url(`must be an http(s) URL (${what})`)
    .refine((v) => /^https?:\/\//.test(v), "must start with http:// or https://");

const fields = z.object({
  SLACK_BOT_TOKEN: z
    .string()
    .trim()
    .regex(/^xoxb-/, "must be a bot token starting with xoxb-"),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: z
    .string()
    .trim()
    .regex(/^xapp-/, "must be an app-level token starting with xapp-")
    .optional(),
  SLACK_API_URL: url("Slack Web API").optional(),
  NOTIFY_CHANNEL: z
    .string()
    .trim()
    .regex(/^[CGD][A-Z0-9]{2,}$/, "must be a channel ID such as C0123ABCD, not a name"),
  NOTIFY_LANGUAGE: z.enum(["en", "ja"]).default("en"),
  GHES_URL: url("GHES web root").transform((v) => v.replace(/\/+$/, "")),
  GHES_TOKEN: z.string().trim().min(1, "is required"),
  GHES_OAUTH_CLIENT_ID: z.string().trim().min(1, "is required"),
  GHES_MANAGE_URL: url("Manage API")
    .transform((v) => v.replace(/\/+$/, ""))
    .optional(),
  GHES_MANAGE_PASSWORD: optionalText,
  GHES_ENTERPRISE: optionalText,
  GITHUB_API_URL: url("GitHub API")
    .default("https://api.github.com")
    .transform((v) => v.replace(/\/+$/, "")),
  GITHUB_URL: url("GitHub web")
    .default("https://github.com")
    .transform((v) => v.replace(/\/+$/, "")),
  GITHUB_UPLOADS_URL: url("GitHub uploads")
    .default("https://uploads.github.com")
    .transform((v) => v.replace(/\/+$/, "")),
  GITHUB_APP_ID: z.string().trim().regex(/^\d+$/, "must be the numeric App ID"),
  GITHUB_APP_PRIVATE_KEY: optionalText,
  GITHUB_APP_PRIVATE_KEY_FILE: optionalText,
  GITHUB_APP_CLIENT_ID: z.string().trim().min(1, "is required"),
  GITHUB_OAUTH_CLIENT_ID: optionalText,
  GITHUB_MONITOR_TOKEN: optionalText,
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
    .optional(),
  DATA_DIR: z.string().trim().min(1).default("./data"),
  ENCRYPTION_KEY: z
    .string()
    .trim()
    .refine((v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v) && Buffer.from(v, "base64").length === 32, "must be 32 bytes in base64"),
  HTTPS_PROXY: url("proxy").optional(),
  NO_PROXY: optionalText,
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  LOG_FORMAT: z.enum(["json", "text"]).default("json"),
  METRICS_TOKEN: z.string().trim().min(16, "must be at least 16 characters").optional(),
  CONFIRMATION_TTL: duration("15m", 60_000, 24 * 3_600_000),
  REQUIRE_SECOND_APPROVER: z
    .enum(["true", "false"], { message: "must be true or false" })
    .default("false")
    .transform((v) => v === "true"),
  VERIFY_INTERVAL: duration("10s", 100, 60_000),
  APPLY_TIMEOUT: duration("30m", 60_000, 24 * 3_600_000),
  WATCH_INTERVAL: duration("60s", 100, 3_600_000),
  TOKEN_SILENCE_ALERT: duration("24h", 60_000, 30 * 24 * 3_600_000),
});

/** Rules across variables; checked on the raw values so they are reported together with the rest. */
function crossProblems(env: Record<string, string>): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (!env.SLACK_SIGNING_SECRET && !env.SLACK_APP_TOKEN)
    out.push(["SLACK_SIGNING_SECRET", "or SLACK_APP_TOKEN is required (HTTP mode or Socket Mode)"]);
  if (!env.GITHUB_APP_PRIVATE_KEY && !env.GITHUB_APP_PRIVATE_KEY_FILE)
    out.push(["GITHUB_APP_PRIVATE_KEY", "or GITHUB_APP_PRIVATE_KEY_FILE is required"]);
  if (Boolean(env.GHES_MANAGE_URL) !== Boolean(env.GHES_MANAGE_PASSWORD)) {
    out.push([
      env.GHES_MANAGE_URL ? "GHES_MANAGE_PASSWORD" : "GHES_MANAGE_URL",
      "is required together with the other (GHES_MANAGE_URL and GHES_MANAGE_PASSWORD go together)",
    ]);
  }
  return out;
}

export interface Config {
  slack: {
    botToken: string;
    signingSecret?: string;
    appToken?: string;
    apiUrl?: string;
    notifyChannel: string;
    /** Cards and announcements are read by a whole channel: one language for them, whoever asked. */
    notifyLanguage: "en" | "ja";
    mode: "http" | "socket";
  };
  ghes: {
    url: string;
    apiUrl: string;
    token: string;
    oauthClientId: string;
    enterprise?: string;
    manage?: { url: string; password: string };
  };
  cloud: {
    apiUrl: string;
    webUrl: string;
    uploadsUrl: string;
    appId: number;
    appPrivateKey: string;
    appClientId: string;
    oauthClientId?: string;
    monitorToken?: string;
  };
  database: { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };
  encryptionKey: Buffer;
  proxy?: { httpsProxy: string; noProxy?: string };
  port: number;
  logLevel: "debug" | "info" | "warn" | "error";
  logFormat: "json" | "text";
  /** When set, `/metrics` answers only a request bearing it. */
  metricsToken?: string;
  operations: { confirmationTtlMs: number; requireSecondApprover: boolean; verifyIntervalMs: number; applyTimeoutMs: number };
  watch: { intervalMs: number; tokenSilenceMs: number };
}

/** Reads a file named by the environment; injected so tests need no files. */
export type ReadFile = (path: string) => string;

// Empty strings count as unset: `FOO=` in a .env file means "not given".
function present(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(HINTS)) {
    // Proxies are conventionally also spelled in lower case.
    const value = env[key] ?? (key.endsWith("PROXY") ? env[key.toLowerCase()] : undefined);
    if (value !== undefined && value.trim() !== "") out[key] = value;
  }
  return out;
}

export function loadConfig(env: Record<string, string | undefined>, readFile: ReadFile): Readonly<Config> {
  const raw = present(env);
  const parsed = fields.safeParse(raw);
  const problems: string[] = crossProblems(raw).map(([key, message]) => `${key} ${message}. Where: ${HINTS[key]}`);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "?");
      const message = issue.code === "invalid_type" ? "is required" : issue.message;
      problems.push(`${key} ${message}. Where: ${HINTS[key] ?? "see README"}`);
    }
  }
  let privateKey: string | undefined;
  if (parsed.success) {
    const e = parsed.data;
    try {
      privateKey = (e.GITHUB_APP_PRIVATE_KEY ?? readFile(e.GITHUB_APP_PRIVATE_KEY_FILE as string)).replace(/\\n/g, "\n");
      if (!/-----BEGIN (RSA )?PRIVATE KEY-----/.test(privateKey)) {
        problems.push(`GITHUB_APP_PRIVATE_KEY is not a PEM private key. Where: ${HINTS.GITHUB_APP_PRIVATE_KEY}`);
      }
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? "unreadable";
      problems.push(`GITHUB_APP_PRIVATE_KEY_FILE cannot be read (${reason}). Where: ${HINTS.GITHUB_APP_PRIVATE_KEY_FILE}`);
    }
  }
  if (!parsed.success || problems.length > 0 || privateKey === undefined) {
    throw new AppError(
      "CONFIG_INVALID",
      { count: problems.length },
      {
        message: `ghconnect cannot start: ${problems.length} configuration problem(s):\n${problems.map((p) => `  - ${p}`).join("\n")}`,
      },
    );
  }
  const e = parsed.data;
  const config: Config = {
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
      notifyChannel: e.NOTIFY_CHANNEL,
      notifyLanguage: e.NOTIFY_LANGUAGE,
      mode: e.SLACK_APP_TOKEN ? "socket" : "http",
    },
    ghes: {
      url: e.GHES_URL,
      apiUrl: `${e.GHES_URL}/api/v3`,
      token: e.GHES_TOKEN,
      oauthClientId: e.GHES_OAUTH_CLIENT_ID,
      enterprise: e.GHES_ENTERPRISE,
      manage: e.GHES_MANAGE_URL && e.GHES_MANAGE_PASSWORD ? { url: e.GHES_MANAGE_URL, password: e.GHES_MANAGE_PASSWORD } : undefined,
    },
    cloud: {
      apiUrl: e.GITHUB_API_URL,
      webUrl: e.GITHUB_URL,
      uploadsUrl: e.GITHUB_UPLOADS_URL,
      appId: Number(e.GITHUB_APP_ID),
      appPrivateKey: privateKey,
      appClientId: e.GITHUB_APP_CLIENT_ID,
      oauthClientId: e.GITHUB_OAUTH_CLIENT_ID,
      monitorToken: e.GITHUB_MONITOR_TOKEN,
    },
    database: e.DATABASE_URL ? { kind: "postgres", url: e.DATABASE_URL } : { kind: "pglite", dataDir: e.DATA_DIR },
    encryptionKey: Buffer.from(e.ENCRYPTION_KEY, "base64"),
    proxy: e.HTTPS_PROXY ? { httpsProxy: e.HTTPS_PROXY, noProxy: e.NO_PROXY } : undefined,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    ...(e.METRICS_TOKEN ? { metricsToken: e.METRICS_TOKEN } : {}),
    operations: {
      confirmationTtlMs: e.CONFIRMATION_TTL,
      requireSecondApprover: e.REQUIRE_SECOND_APPROVER,
      verifyIntervalMs: e.VERIFY_INTERVAL,
      applyTimeoutMs: e.APPLY_TIMEOUT,
    },
    watch: { intervalMs: e.WATCH_INTERVAL, tokenSilenceMs: e.TOKEN_SILENCE_ALERT },
  };
  return Object.freeze(config);
}

/** For `npm run migrate`, which needs only the database. */
export function loadDatabaseTarget(env: Record<string, string | undefined>): Config["database"] {
  const parsed = fields.pick({ DATABASE_URL: true, DATA_DIR: true }).safeParse(present(env));
  if (!parsed.success) {
    throw new AppError(
      "CONFIG_INVALID",
      {},
      { message: `ghconnect cannot migrate: DATABASE_URL must be a postgresql:// URL. Where: ${HINTS.DATABASE_URL}` },
    );
  }
  const { DATABASE_URL, DATA_DIR } = parsed.data;
  return DATABASE_URL ? { kind: "postgres", url: DATABASE_URL } : { kind: "pglite", dataDir: DATA_DIR };
}
