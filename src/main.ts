import { readFileSync } from "node:fs";
import { useWasmBaselineCompiler } from "./adapters/store/pglite-tuning.ts";
import { type Config, loadConfig } from "./config.ts";
import { AppError } from "./errors.ts";
import { installLastResort } from "./last-resort.ts";
import { stderrLog } from "./log/create-logger.ts";
import { redact } from "./log/redact.ts";
import { startBot } from "./start-bot.ts";

/** A start-up failure is one readable message and a non-zero exit, never a stack trace. */
function fail(error: unknown): never {
  let message: string;
  if (error instanceof AppError && error.code === "CONFIG_INVALID") message = error.message;
  else if (error instanceof AppError)
    message = `ghconnect cannot start: ${error.code} ${JSON.stringify(error.params)}${error.cause instanceof Error ? ` (${error.cause.message})` : ""}`;
  else if ((error as { code?: string })?.code === "slack_webapi_platform_error") {
    message = `ghconnect cannot start: Slack rejected SLACK_BOT_TOKEN (${(error as { data?: { error?: string } }).data?.error ?? "error"}).`;
  } else {
    const e = error as { code?: string; message?: string };
    message = `ghconnect cannot start: ${e?.code ? `${e.code} ` : ""}${e?.message ?? String(error)}`;
  }
  process.stderr.write(`${redact(message)}\n`);
  process.exit(1);
}

// Before any WebAssembly is compiled (Prisma's query compiler, PGlite): see pglite-tuning.ts for the figures.
useWasmBaselineCompiler();

let config: Config;
try {
  config = loadConfig(process.env, (path) => readFileSync(path, "utf8"));
} catch (error) {
  fail(error);
}

const bot = await startBot(config).catch(fail);
process.on("exit", () => stderrLog.flush());
installLastResort(
  process,
  (line) => stderrLog.write(`${new Date().toISOString()} ERROR ghconnect ${line}`),
  () => bot.stop(),
  (code) => process.exit(code),
);
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void bot.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
