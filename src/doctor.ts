import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { WebClient } from "@slack/web-api";
import { configProbes } from "./adapters/doctor/config-probes.ts";
import { timedFetch } from "./adapters/github/build-octokit.ts";
import { installProxy } from "./adapters/install-proxy.ts";
import { openSqlDriver } from "./adapters/store/open-sql-driver.ts";
import { MIGRATIONS_DIR } from "./adapters/store/open-store.ts";
import { migrationStatus } from "./adapters/store/run-migrations.ts";
import { type Config, loadConfig } from "./config.ts";
import type { DatabaseFacts } from "./core/doctor/doctor-probes.ts";
import { doctorSummary, doctorText } from "./core/doctor/doctor-text.ts";
import { doctorFailed, runDoctor } from "./core/doctor/run-doctor.ts";
import { translator } from "./core/messages/translate.ts";
import { AppError } from "./errors.ts";
import { proxyShown } from "./log/proxy-shown.ts";
import { secretRedactor } from "./log/redact.ts";
import { secretsOf } from "./secrets-of.ts";

/** `npm run doctor`: every check, one line each, exit 1 when any failed. Reads only; prints no secret. */
const MARK = { ok: "OK  ", warn: "WARN", fail: "FAIL", skip: "SKIP" } as const;
const out = (line: string) => process.stdout.write(`${line}\n`);

let config: Config;
try {
  config = loadConfig(process.env, (path) => readFileSync(path, "utf8"));
} catch (error) {
  out(`${MARK.fail}  config          ${error instanceof AppError ? error.message : String(error)}`);
  process.exit(1);
}
const scrub = secretRedactor(secretsOf(config));
await installProxy(config.proxy);

async function database(target: Config["database"]): Promise<DatabaseFacts> {
  // A PGlite directory belongs to the one process that opened it: opening it here too could corrupt it.
  if (target.kind === "pglite") return { kind: "pglite", dataDir: target.dataDir, exists: existsSync(join(target.dataDir, "PG_VERSION")) };
  const { driver } = await openSqlDriver(target);
  // An address that drops packets would hold the whole report for the system's TCP timeout: ten seconds is the answer.
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error("no answer within 10 s"), { code: "timeout" })), 10_000);
  });
  try {
    return { kind: "postgres", ...(await Promise.race([migrationStatus(driver, MIGRATIONS_DIR), late])) };
  } catch (error) {
    const e = error as { code?: string; message?: string };
    throw new AppError("DATABASE_UNREACHABLE", { detail: e.code ?? e.message ?? "error" }, { cause: error });
  } finally {
    clearTimeout(timer);
    void driver.close().catch(() => {});
  }
}

const slackOptions = { ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}), retryConfig: { retries: 0 }, timeout: 10_000 };
const probes = configProbes(config, {
  fetch: timedFetch(),
  slack: new WebClient(config.slack.botToken, slackOptions),
  slackApp: config.slack.appToken ? new WebClient(config.slack.appToken, slackOptions) : null,
  database: () => database(config.database),
});
const lines = await runDoctor(probes, {
  now: new Date(),
  notifyChannel: config.slack.notifyChannel,
  ghesUrl: config.ghes.url,
  proxy: config.proxy ? proxyShown(config.proxy.httpsProxy) : null,
});
const t = translator("en");
out("ghconnect doctor: reads only, changes nothing, prints no secret");
for (const l of doctorText(lines, t, (iso) => `${iso.slice(0, 16).replace("T", " ")} UTC`, "doctor")) {
  // Slack's *bold* means nothing in a terminal.
  out(scrub(`${MARK[l.status]}  ${l.check.padEnd(14)}  ${l.text.replace(/\*([^*\n]+)\*/g, "$1")}`));
}
out(doctorSummary(lines, t));
process.exit(doctorFailed(lines) ? 1 : 0);
