import { AppError } from "../../errors.ts";
import type { ConnectionStore, OperationFacts, OperationKind } from "../domain/operation.ts";
import type { AccountRef } from "../ports.ts";
import type { CloudInstance, GhesInstance, Reachability } from "./instance-ports.ts";
import { newestSwitch } from "./newest-switch.ts";

export interface PreflightDeps {
  ghes: GhesInstance;
  cloud: CloudInstance;
  reach: Reachability;
  connections: ConnectionStore;
  fingerprint(publicKey: string): string;
}

/** One named check; `problem` says what is wrong and `params` what to do about it (rendered by messages). */
export type PreflightProblem =
  | "connect_not_licensed"
  | "unreachable"
  | "already_connected"
  | "not_connected"
  | "no_evidence_source"
  | "app_not_installed"
  /** The license could not be read (no Manage API): said, not a failure. */
  | "not_configured"
  /** GitHub could not be asked: `error` carries the coded failure. */
  | "github_error";

export interface CheckResult {
  check: "version" | "license" | "network" | "state" | "evidence" | "app";
  ok: boolean;
  problem?: PreflightProblem;
  params?: Record<string, string>;
  /** When GitHub could not be asked: the coded error, rendered with its own advice. */
  error?: AppError;
}

export interface PreflightResult {
  ok: boolean;
  checks: CheckResult[];
  facts: OperationFacts;
}

async function attempt<T>(check: CheckResult["check"], fn: () => Promise<T>): Promise<{ value: T } | { failed: CheckResult }> {
  try {
    return { value: await fn() };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { failed: { check, ok: false, problem: "github_error", error } };
  }
}

/**
 * Everything that can be known before anyone confirms. Checks run in parallel and all are reported, so an
 * administrator fixes every problem in one pass; nothing has been started when one fails.
 */
export async function runPreflight(kind: OperationKind, account: AccountRef, deps: PreflightDeps): Promise<PreflightResult> {
  const [version, license, network, record, events, servers, app] = await Promise.all([
    attempt("version", () => deps.ghes.version()),
    attempt("license", () => deps.ghes.license()),
    attempt("network", () => deps.reach.check()),
    attempt("state", () => deps.connections.get(account)),
    attempt("evidence", () => deps.ghes.connectionEvents(null)),
    attempt("evidence", () => deps.cloud.connectedServers(account)),
    kind === "enable" ? attempt("app", () => deps.cloud.installation(account)) : Promise.resolve({ value: null }),
  ]);
  const checks: CheckResult[] = [];
  const add = (r: CheckResult) => checks.push(r);

  if ("failed" in version) add(version.failed);
  else add({ check: "version", ok: true, params: { version: version.value } });

  if ("failed" in license) add(license.failed);
  else if (license.value === null) add({ check: "license", ok: true, problem: "not_configured" });
  else
    add(license.value.connectAllowed ? { check: "license", ok: true } : { check: "license", ok: false, problem: "connect_not_licensed" });

  if ("failed" in network) add(network.failed);
  else {
    const down = network.value.filter((r) => !r.ok);
    add(
      down.length
        ? {
            check: "network",
            ok: false,
            problem: "unreachable",
            params: { targets: down.map((d) => `${d.target} (${d.detail})`).join(", ") },
          }
        : { check: "network", ok: true },
    );
  }

  const hostname = deps.ghes.hostname;
  const eventList = "value" in events ? events.value : null;
  const serverList = "value" in servers ? servers.value : null;
  if ("failed" in events) {
    add(events.failed);
  } else if (eventList === null && "failed" in servers) {
    // GitHub.com's list is then the only source: its failure is GitHub's error, not a missing setting.
    add(servers.failed);
  } else if (eventList === null && serverList === null) {
    add({ check: "evidence", ok: false, problem: "no_evidence_source" });
  } else {
    add({ check: "evidence", ok: true });
  }
  if ("failed" in record) add(record.failed);
  else {
    const latest = eventList ? newestSwitch(eventList)?.action : undefined;
    const connected =
      record.value?.state === "CONNECTED" ||
      latest === "dotcom_connection.create" ||
      (serverList?.includes(hostname.toLowerCase()) ?? false);
    if (kind === "enable" && connected) add({ check: "state", ok: false, problem: "already_connected" });
    else if (kind === "disable" && !connected) add({ check: "state", ok: false, problem: "not_connected" });
    else add({ check: "state", ok: true });
  }

  let installationId: number | null = null;
  // For disable there is no app check: GHES itself removes the GitHub Connect app; the bot's app is not involved.
  if ("failed" in app) add(app.failed);
  else if (app.value?.installed) {
    installationId = app.value.id;
    add({ check: "app", ok: true });
  } else if (app.value) add({ check: "app", ok: false, problem: "app_not_installed", params: { url: app.value.installUrl } });

  const lic = "value" in license ? license.value : null;
  return {
    ok: checks.every((c) => c.ok),
    checks,
    facts: {
      hostname,
      ghesVersion: "value" in version ? version.value : "unknown",
      customerName: lic?.customerName ?? null,
      licensePublicKey: lic?.publicKey ?? null,
      licenseFingerprint: lic?.publicKey ? deps.fingerprint(lic.publicKey) : null,
      settingsUrl: deps.ghes.settingsUrl,
      installationId,
    },
  };
}
