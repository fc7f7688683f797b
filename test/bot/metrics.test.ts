import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/log/create-logger.ts";
import { secretRedactor } from "../../src/log/redact.ts";
import { withRequestId } from "../../src/log/request-context.ts";
import { OP_ENV, requestCard, setUpAdmins } from "../support/operations-setup.ts";
import { startTestBot, type TestBot } from "../support/start-test-bot.ts";

/** The value of one series in Prometheus's text, or undefined when it is absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split("\n")) {
    const m = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = (m[2] ?? "").split(",").filter(Boolean);
    if (wanted.every((w) => have.includes(w)) && have.length === wanted.length) return Number(m[3]);
  }
  return undefined;
}

describe("GET /metrics and the logs of one request", () => {
  let t: TestBot;
  const scrape = async () => {
    const response = await fetch(`http://127.0.0.1:${t.bot.port}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain; version=0.0.4");
    return response.text();
  };
  beforeAll(async () => {
    t = await startTestBot(OP_ENV);
    await setUpAdmins(t);
  }, 120_000);
  afterAll(async () => {
    t.github.assertClean();
    await t?.stop();
  });

  it("counts commands by outcome, policy decisions by side, calls by host and status, and reads operations by state", async () => {
    await t.command("help", "UA");
    await t.command("frobnicate", "UA");
    // Accepted, then failed (no such account on GitHub): counted both as accepted and as an error.
    expect((await t.command("whoami nosuch-co", "UA")).text).toContain("There is no organization or enterprise named `nosuch-co`");
    const refused = await t.command("enable org acme", "UC");
    expect(refused.text).toContain("You may not connect this server");
    await requestCard(t, "UA");
    const text = await scrape();
    expect(sample(text, "ghconnect_commands_total", { command: "help", outcome: "accepted" })).toBeGreaterThanOrEqual(1);
    expect(sample(text, "ghconnect_commands_total", { command: "invalid", outcome: "denied" })).toBeGreaterThanOrEqual(1);
    expect(sample(text, "ghconnect_commands_total", { command: "whoami", outcome: "error" })).toBeGreaterThanOrEqual(1);
    expect(sample(text, "ghconnect_policy_decisions_total", { side: "GHES", result: "denied" })).toBeGreaterThanOrEqual(1);
    // Carol is neither a site admin nor an owner of acme: denied on both sides; Alice allowed on both.
    expect(sample(text, "ghconnect_policy_decisions_total", { side: "CLOUD", result: "denied" })).toBeGreaterThanOrEqual(1);
    expect(sample(text, "ghconnect_policy_decisions_total", { side: "CLOUD", result: "allowed" })).toBeGreaterThanOrEqual(1);
    expect(sample(text, "ghconnect_policy_decisions_total", { side: "both", result: "denied" })).toBeGreaterThanOrEqual(1);
    expect(sample(text, "ghconnect_policy_decisions_total", { side: "both", result: "allowed" })).toBeGreaterThanOrEqual(1);
    const ghes = new URL(t.github.ghesUrl).host;
    expect(sample(text, "ghconnect_http_client_requests_total", { host: ghes, status: "200" })).toBeGreaterThan(0);
    expect(sample(text, "ghconnect_http_client_requests_total", { host: new URL(t.slack.apiUrl).host, status: "200" })).toBeGreaterThan(0);
    expect(sample(text, "ghconnect_http_client_request_duration_seconds_count", { host: ghes })).toBeGreaterThan(0);
    expect(sample(text, "ghconnect_operations", { state: "AWAITING_CONFIRMATION" })).toBe(1);
    expect(sample(text, "ghconnect_outbox_depth")).toBeGreaterThanOrEqual(0);
    // Every line is a comment or a sample Prometheus can parse.
    for (const line of text.trim().split("\n"))
      expect(line).toMatch(/^(# (HELP|TYPE) [a-z_]+ .+|[a-z_]+(\{[^}]*\})? (-?[0-9.e+-]+|\+Inf|NaN))$/);
  }, 60_000);

  it("shows the days left on the bot's own token once GitHub has said when it expires", async () => {
    const before = await scrape();
    expect(sample(before, "ghconnect_credential_days_to_expiry", { variable: "GHES_TOKEN" })).toBeUndefined();
    t.github.state.ghes.issueToken("ghconnect-bot", {
      token: t.env.GHES_TOKEN as string,
      scopes: ["site_admin", "admin:enterprise"],
      expiresInSec: 30 * 86_400,
    });
    await t.command("enable org acme", "UA"); // reads GHES with the bot's token
    const days = sample(await scrape(), "ghconnect_credential_days_to_expiry", { variable: "GHES_TOKEN" });
    expect(days).toBeGreaterThan(29);
    expect(days).toBeLessThanOrEqual(30.5);
  }, 60_000);

  it("carries one request id from the slash command through the core to each GitHub call it made", async () => {
    const mark = t.logLines.length;
    await t.command("whoami org acme", "UA");
    const [row] = await t.bot.store.sql.query<{ request_id: string }>(
      "SELECT request_id FROM audit_events WHERE action = 'command.whoami' ORDER BY id DESC LIMIT 1",
    );
    const id = row?.request_id as string;
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    const lines = t.logLines.slice(mark).filter((l) => l.includes(`[${id}]`));
    // The policy's reads on both sides, each logged with the command's id.
    expect(lines.some((l) => l.includes(`http GET ${new URL(t.github.ghesUrl).host}/api/v3/user 200`))).toBe(true);
    expect(lines.some((l) => l.includes(`http GET ${new URL(t.github.cloudApiUrl).host}/user/memberships/orgs/acme 200`))).toBe(true);
  }, 60_000);
});

describe("JSON log lines", () => {
  it("are one object a line with the request id, and the redaction of every secret kept", () => {
    const lines: string[] = [];
    const log = createLogger("info", (line) => lines.push(line), secretRedactor(["configured-secret-123456"]), "json");
    withRequestId("abc123def456", () =>
      log.warn("GitHub said", new Error("token ghp_abcdefghijklmnopqrstuvwxyz0123 and configured-secret-123456")),
    );
    log.info("outside any request");
    // A redaction pattern that reads to the next space must not eat the line's own quotes and braces.
    withRequestId("abc123def456", () => log.info("polled with device_code=abcdef"));
    const [inside, outside, polled] = lines.map((l) => JSON.parse(l));
    expect(polled).toMatchObject({ msg: "polled with device_code=[redacted]", request_id: "abc123def456" });
    expect(inside).toMatchObject({ level: "warn", name: "ghconnect", request_id: "abc123def456" });
    expect(inside.msg).toContain("GitHub said Error: token [redacted] and [redacted]");
    expect(lines[0]).not.toContain("ghp_abcdefghijklmnopqrstuvwxyz0123");
    expect(lines[0]).not.toContain("configured-secret-123456");
    expect(outside).not.toHaveProperty("request_id");
    expect(Date.parse(inside.time)).not.toBeNaN();
  });
});

describe("GET /metrics with METRICS_TOKEN", () => {
  it("answers only a request bearing the token", async () => {
    const token = "metrics-token-0123456789abcdef";
    const t = await startTestBot({ METRICS_TOKEN: token });
    try {
      const url = `http://127.0.0.1:${t.bot.port}/metrics`;
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: { authorization: "Bearer metrics-token-0123456789abcdeX" } })).status).toBe(401);
      expect((await fetch(url, { headers: { authorization: `Bearer ${token}x` } })).status).toBe(401);
      const allowed = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      expect(allowed.status).toBe(200);
      expect(await allowed.text()).toContain("# TYPE ghconnect_commands_total counter");
      // The health and readiness checks stay open to the load balancer.
      expect((await fetch(`http://127.0.0.1:${t.bot.port}/healthz`)).status).toBe(200);
    } finally {
      await t.stop();
    }
  }, 60_000);
});
