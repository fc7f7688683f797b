import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HINTS, loadConfig, loadDatabaseTarget } from "../src/config.ts";
import { AppError } from "../src/errors.ts";
import { noFiles, pem, validEnv } from "./support/valid-env.ts";

function problemsOf(env: Record<string, string | undefined>, readFile = noFiles): string {
  try {
    loadConfig(env, readFile);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("CONFIG_INVALID");
    return (error as AppError).message;
  }
  throw new Error("expected the configuration to be refused");
}

describe("loadConfig", () => {
  it("builds a frozen config with defaults and HTTP mode", () => {
    const config = loadConfig(validEnv(), noFiles);
    expect(config.slack.mode).toBe("http");
    expect(config.ghes.apiUrl).toBe("https://ghe.example.com/api/v3");
    expect(config.cloud.apiUrl).toBe("https://api.github.com");
    expect(config.cloud.webUrl).toBe("https://github.com");
    expect(config.database).toEqual({ kind: "pglite", dataDir: "./data" });
    expect(config.port).toBe(3000);
    expect(config.slack.notifyLanguage).toBe("en");
    expect(config.encryptionKey).toHaveLength(32);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("chooses Socket Mode with an app token and PostgreSQL with a URL", () => {
    const config = loadConfig(
      { ...validEnv(), SLACK_SIGNING_SECRET: "", SLACK_APP_TOKEN: "xapp-1-A-b", DATABASE_URL: "postgresql://u@h/db" },
      noFiles,
    );
    expect(config.slack.mode).toBe("socket");
    expect(config.database).toEqual({ kind: "postgres", url: "postgresql://u@h/db" });
  });

  it("lists every problem at once, each with where the value comes from", () => {
    const message = problemsOf({ SLACK_BOT_TOKEN: "xoxp-user", ENCRYPTION_KEY: "short", PORT: "http", NOTIFY_CHANNEL: "#general" });
    for (const key of [
      "SLACK_BOT_TOKEN",
      "SLACK_SIGNING_SECRET",
      "NOTIFY_CHANNEL",
      "GHES_URL",
      "GHES_TOKEN",
      "GHES_OAUTH_CLIENT_ID",
      "GITHUB_APP_ID",
      "GITHUB_APP_PRIVATE_KEY",
      "GITHUB_APP_CLIENT_ID",
      "ENCRYPTION_KEY",
      "PORT",
    ]) {
      expect(message).toContain(`- ${key}`);
    }
    expect(message).toContain("openssl rand -base64 32");
    expect(message).toContain("not a name");
    expect(message).not.toContain("xoxp-user");
  });

  it("reads the private key from a file and reports an unreadable one", () => {
    const env = { ...validEnv(), GITHUB_APP_PRIVATE_KEY: "", GITHUB_APP_PRIVATE_KEY_FILE: "/keys/app.pem" };
    expect(loadConfig(env, () => pem).cloud.appPrivateKey).toBe(pem);
    expect(problemsOf(env)).toContain("GITHUB_APP_PRIVATE_KEY_FILE cannot be read (ENOENT)");
    expect(problemsOf({ ...validEnv(), GITHUB_APP_PRIVATE_KEY: "not a key" })).toContain("not a PEM private key");
  });

  it("requires the Manage API URL and password together", () => {
    expect(problemsOf({ ...validEnv(), GHES_MANAGE_URL: "https://ghe.example.com:8443" })).toContain("GHES_MANAGE_PASSWORD");
    const config = loadConfig({ ...validEnv(), GHES_MANAGE_URL: "https://ghe.example.com:8443", GHES_MANAGE_PASSWORD: "pw" }, noFiles);
    expect(config.ghes.manage).toEqual({ url: "https://ghe.example.com:8443", password: "pw" });
  });

  it("reads only the database for migrations", () => {
    expect(loadDatabaseTarget({ DATA_DIR: "/var/lib/ghconnect" })).toEqual({ kind: "pglite", dataDir: "/var/lib/ghconnect" });
    expect(() => loadDatabaseTarget({ DATABASE_URL: "mysql://x" })).toThrow(/postgresql/);
  });
});

describe("operation settings", () => {
  it("has the documented defaults and reads durations", () => {
    expect(loadConfig(validEnv(), noFiles).operations).toEqual({
      confirmationTtlMs: 900_000,
      requireSecondApprover: false,
      verifyIntervalMs: 10_000,
      applyTimeoutMs: 1_800_000,
    });
    const custom = loadConfig(
      { ...validEnv(), CONFIRMATION_TTL: "5m", REQUIRE_SECOND_APPROVER: "true", VERIFY_INTERVAL: "500ms", APPLY_TIMEOUT: "1h" },
      noFiles,
    );
    expect(custom.operations).toEqual({
      confirmationTtlMs: 300_000,
      requireSecondApprover: true,
      verifyIntervalMs: 500,
      applyTimeoutMs: 3_600_000,
    });
  });

  it("refuses malformed durations and flags", () => {
    const message = problemsOf({ ...validEnv(), CONFIRMATION_TTL: "soon", REQUIRE_SECOND_APPROVER: "yes", VERIFY_INTERVAL: "0s" });
    expect(message).toContain("- CONFIRMATION_TTL must be a duration");
    expect(message).toContain("- REQUIRE_SECOND_APPROVER must be true or false");
    expect(message).toContain("- VERIFY_INTERVAL must be a duration");
  });

  it("takes en or ja for the channel's language, nothing else", () => {
    expect(loadConfig({ ...validEnv(), NOTIFY_LANGUAGE: "ja" }, noFiles).slack.notifyLanguage).toBe("ja");
    expect(problemsOf({ ...validEnv(), NOTIFY_LANGUAGE: "fr" })).toContain("NOTIFY_LANGUAGE");
  });
});

describe(".env.example", () => {
  it("names every variable the bot reads, once, in order, under its hint", () => {
    const text = readFileSync(join(import.meta.dirname, "..", ".env.example"), "utf8");
    expect([...text.matchAll(/^(?:# )?([A-Z_]+)=$/gm)].map((m) => m[1])).toEqual(Object.keys(HINTS));
    for (const [key, hint] of Object.entries(HINTS)) expect(text).toMatch(new RegExp(`^# ${escapeRegExp(hint)}\n(# )?${key}=$`, "m"));
  });
});

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
