import { subscribe, unsubscribe } from "node:diagnostics_channel";
import type { AuditEventInput, AuditLog } from "../../core/ports.ts";
import { currentRequestId, withRequestId } from "../../log/request-context.ts";
import { MetricsRegistry } from "./metrics-registry.ts";

/** What the gauges read when scraped; each a narrow view of a store, so this module knows no database. */
export interface MetricSources {
  operationsByState(): Promise<Array<{ state: string; count: number }>>;
  outbox(): Promise<{ waiting: number; oldest: Date | null }>;
  /** When the watcher last finished a pass (any replica), or null before the first. */
  lastWatchPass(): Promise<Date | null>;
  credentials(): Array<{ variable: string; expiresAt: Date | null }>;
  now(): Date;
}

export interface BotMetrics {
  /** Counts what the audit trail records: commands by outcome, policy decisions by side and result. */
  audited(entry: AuditEventInput): void;
  render(): Promise<string>;
  /** Stops listening to outbound calls (a stopped bot in a process that goes on). */
  close(): void;
}

/** A path as it may be logged: no query, and none of a response_url's, which lets anyone holding it post. */
const shownPath = (path: string) => (/^\/(commands|actions|services|api\/response)\//.test(path) ? "/…" : (path.split("?")[0] as string));

const SECONDS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const outcomeOf = (decision: AuditEventInput["decision"]) => decision ?? "ok";

/**
 * The bot's metrics. Outbound HTTP calls (GitHub, Slack, response_url) are seen on undici's diagnostics channels,
 * which Node's fetch and the proxy agent both publish to: nothing wraps a client, and no call can be missed.
 */
export interface OutboundCall {
  method: string;
  host: string;
  /** Without its query string. */
  path: string;
  status: string;
  ms: number;
}

export function botMetrics(sources: MetricSources, onCall: (call: OutboundCall) => void = () => {}): BotMetrics {
  const registry = new MetricsRegistry();
  const commands = registry.counter(
    "ghconnect_commands_total",
    "Slash commands by name: accepted, denied (refused before running), error (accepted, then failed).",
  );
  const decisions = registry.counter(
    "ghconnect_policy_decisions_total",
    "Two-sided authorization decisions: one per side (GHES, CLOUD) with its result, and the overall one (side=both).",
  );
  const calls = registry.counter("ghconnect_http_client_requests_total", "Outbound HTTP calls by host and status (error: no answer).");
  const durations = registry.histogram(
    "ghconnect_http_client_request_duration_seconds",
    "Outbound HTTP calls: time to the answer's headers, by host.",
    SECONDS,
  );

  registry.gauge("ghconnect_operations", "Operations by state (from the database).", async () =>
    (await sources.operationsByState()).map((r) => ({ labels: { state: r.state }, value: r.count })),
  );
  // Both outbox gauges come from one read a scrape (started by render below).
  let outboxRead: Promise<{ waiting: number; oldest: Date | null }> | null = null;
  const outbox = () => outboxRead ?? sources.outbox();
  registry.gauge("ghconnect_outbox_depth", "Notices waiting to be posted to Slack.", async () => [{ value: (await outbox()).waiting }]);
  registry.gauge("ghconnect_outbox_oldest_age_seconds", "Age of the oldest notice waiting (0 when none).", async () => {
    const { oldest } = await outbox();
    return [{ value: oldest ? Math.max(0, (sources.now().getTime() - oldest.getTime()) / 1000) : 0 }];
  });
  registry.gauge("ghconnect_watcher_lag_seconds", "Time since the watcher last finished a pass (absent before the first).", async () => {
    const last = await sources.lastWatchPass();
    return last ? [{ value: Math.max(0, (sources.now().getTime() - last.getTime()) / 1000) }] : [];
  });
  registry.gauge(
    "ghconnect_credential_days_to_expiry",
    "Days until the bot's own tokens expire, as GitHub last said (absent: no expiry).",
    async () =>
      sources
        .credentials()
        .filter((c) => c.expiresAt)
        .map((c) => ({
          labels: { variable: c.variable },
          value: ((c.expiresAt as Date).getTime() - sources.now().getTime()) / 86_400_000,
        })),
  );

  // The request id is read where the call starts: the answer arrives outside the work that made the call.
  const started = new WeakMap<object, { host: string; method: string; path: string; at: number; requestId: string | undefined }>();
  const hostOf = (origin: unknown) => {
    try {
      return new URL(String(origin)).host;
    } catch {
      return "unknown";
    }
  };
  const onCreate = (message: unknown) => {
    const { request } = message as { request: { origin?: unknown; method?: unknown; path?: unknown } };
    started.set(request, {
      host: hostOf(request.origin),
      method: String(request.method ?? "?"),
      path: shownPath(String(request.path ?? "")),
      at: performance.now(),
      requestId: currentRequestId(),
    });
  };
  const onHeaders = (message: unknown) => {
    const { request, response } = message as { request: object; response: { statusCode: number } };
    const start = started.get(request);
    if (!start) return;
    started.delete(request);
    const ms = performance.now() - start.at;
    calls.inc({ host: start.host, status: String(response.statusCode) });
    durations.observe({ host: start.host }, ms / 1000);
    told(start, String(response.statusCode), ms);
  };
  const onError = (message: unknown) => {
    const { request } = message as { request: object };
    const start = started.get(request);
    if (!start) return;
    started.delete(request);
    calls.inc({ host: start.host, status: "error" });
    told(start, "error", performance.now() - start.at);
  };
  const told = (start: { host: string; method: string; path: string; requestId: string | undefined }, status: string, ms: number) => {
    const call = { method: start.method, host: start.host, path: start.path, status, ms: Math.round(ms) };
    if (start.requestId) withRequestId(start.requestId, () => onCall(call));
    else onCall(call);
  };
  subscribe("undici:request:create", onCreate);
  subscribe("undici:request:headers", onHeaders);
  subscribe("undici:request:error", onError);

  return {
    audited(entry) {
      const command = /^command\.(\w+)(\.failed)?$/.exec(entry.action);
      if (command?.[1] && command[1] !== "invalid")
        // A command is recorded when accepted and again if it then fails: "accepted" and "error" are two counts,
        // not two outcomes of one command (refusals at the door are "denied").
        commands.inc({
          command: command[1],
          outcome: command[2] ? "error" : entry.decision === "ok" ? "accepted" : outcomeOf(entry.decision),
        });
      else if (entry.action === "command.invalid") commands.inc({ command: "invalid", outcome: "denied" });
      if (entry.action === "authz.decision") {
        decisions.inc({ side: "both", result: outcomeOf(entry.decision) });
        for (const side of ["ghes", "cloud"] as const) {
          const result = entry.detail?.[side];
          if (typeof result === "string") decisions.inc({ side: side.toUpperCase(), result });
        }
      }
    },
    async render() {
      outboxRead = sources.outbox();
      // A failed read is the gauges' to report (absent from the scrape), not an unhandled rejection.
      outboxRead.catch(() => {});
      try {
        return await registry.render();
      } finally {
        outboxRead = null;
      }
    },
    close() {
      unsubscribe("undici:request:create", onCreate);
      unsubscribe("undici:request:headers", onHeaders);
      unsubscribe("undici:request:error", onError);
    },
  };
}

/** The audit log, each recorded entry also counted (after it is stored: a failed write counts nothing). */
export function countedAuditLog(audit: AuditLog, metrics: BotMetrics): AuditLog {
  return {
    ...audit,
    async record(event, notices) {
      await audit.record(event, notices);
      metrics.audited(event);
    },
  };
}
