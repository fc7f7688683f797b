import { AppError, type ErrorParams } from "../../errors.ts";
import { SIDE_WORD } from "../domain/account.ts";
import type { MessageKey, Translate } from "./translate.ts";

/** The words a user reads for a failure. Unknown failures only get a reference into the log. */
export function describeError(t: Translate, error: unknown, requestId: string, commandName?: string): string[] {
  if (!(error instanceof AppError)) return [t("error.internal", { requestId })];
  const p: ErrorParams = { command: commandName, ...error.params };
  if (p.side === "GHES" || p.side === "CLOUD") {
    p.command = SIDE_WORD[p.side];
    p.side = t(`side.${p.side}`);
  }
  if (error.code === "GITHUB_RATE_LIMITED" && typeof p.retryAt === "string") p.retryAt = p.retryAt.replace("T", " ").replace(/\.\d+Z$/, " UTC");
  const key = (error.code === "COMMAND_INPUT_INVALID" ? `error.COMMAND_INPUT_INVALID.${p.reason}` : `error.${error.code}`) as MessageKey;
  const lines = [t(key, p)];
  if (typeof p.suggestion === "string") lines.push(t("error.suggestion", p));
  if (typeof p.usage === "string") lines.push(t("error.usage", p));
  return lines;
}
