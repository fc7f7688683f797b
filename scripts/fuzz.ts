/**
 * `npm run fuzz`: prints counts; asserts nothing. FUZZ_RUNS (default 100,000) random inputs through the command
 * parser, and FUZZ_PATH_RUNS (default the same) through the whole slash-command path of a real bot against the
 * test fakes (signed request, ack, reply, audit record). Every count but the totals must be 0.
 */
import fc from "fast-check";
import { loadConfig } from "../src/config.ts";
import { parseCommand } from "../src/core/commands/parse-command.ts";
import { AppError } from "../src/errors.ts";
import { createLogger } from "../src/log/create-logger.ts";
import { startBot } from "../src/start-bot.ts";
import { startScriptFakes } from "../test/fakes/fake-env.ts";
import { slackSender } from "../test/fakes/slack/slack-sender.ts";
import { commandText, tryCommand } from "../test/support/fuzz-inputs.ts";

const RUNS = Number(process.env.FUZZ_RUNS ?? 100_000);
const PATH_RUNS = Number(process.env.FUZZ_PATH_RUNS ?? RUNS);
const SECRET = "fuzz-signing-secret";

let parserFailures = 0;
for (const text of fc.sample(commandText(), RUNS)) {
  try {
    parseCommand(text);
  } catch (error) {
    if (!(error instanceof AppError)) parserFailures++;
  }
}

const { slack, github, env } = await startScriptFakes({ name: "fuzz", signingSecret: SECRET });
slack.addUser({ id: "UF", team_id: "T1", locale: "en-US" });
const bot = await startBot(
  loadConfig(env, () => ""),
  { logger: createLogger("error", () => {}), database: { kind: "pglite", dataDir: null }, slackRetries: 0 },
);
const target = { slack, sender: slackSender(`http://127.0.0.1:${bot.port}/slack/events`, SECRET), sql: bot.store.sql, team: "T1" };
console.log(`parser: ${RUNS} inputs, ${parserFailures} failures other than a coded error`);
const counts = { internal: 0, non200: 0, unrecorded: 0, resets: 0 };
let done = 0;
const started = performance.now();
for (const text of fc.sample(commandText(), PATH_RUNS)) {
  const outcome = await tryCommand(target, text);
  if (outcome.status !== 200) counts.non200++;
  if (outcome.internal) counts.internal++;
  if (!outcome.recorded) counts.unrecorded++;
  counts.resets += outcome.resets;
  if (++done % 10_000 === 0) console.log(`  … ${done} inputs: ${JSON.stringify(counts)}`);
  // The fake keeps every reply; the fuzz does not need the old ones.
  slack.responses.length = 0;
  slack.calls.length = 0;
}
const seconds = (performance.now() - started) / 1000;
await bot.stop();
await Promise.all([slack.close(), github.close()]);

console.log(
  `slash-command path: ${PATH_RUNS} inputs in ${seconds.toFixed(0)} s: ${counts.internal} internal errors, ${counts.non200} non-200 answers, ${counts.unrecorded} unrecorded commands (${counts.resets} connection resets before the bot read a request, each sent again)`,
);
