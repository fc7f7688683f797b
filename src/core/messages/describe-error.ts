import { AppError, type ErrorCode, type ErrorParams, isStartupCode, needsReference } from "../../errors.ts";
import { SIDE_WORD } from "../domain/account.ts";
import type { GithubWhat } from "../domain/github-what.ts";
import { readerTime } from "./reader-time.ts";
import { stateWords } from "./state-words.ts";
import type { MessageKey, Translate } from "./translate.ts";

const WHAT: Record<GithubWhat, MessageKey> = {
  it: "what.it",
  user: "what.user",
  enterprise: "what.enterprise",
  org: "what.org",
  membership: "what.membership",
  serverInstallations: "what.serverInstallations",
  licenseSync: "what.licenseSync",
  enterpriseAuditLog: "what.enterpriseAuditLog",
  serverStatistics: "what.serverStatistics",
  connectedServers: "what.connectedServers",
  manageApi: "what.manageApi",
  meta: "what.meta",
  botApp: "what.botApp",
  botAppInstallation: "what.botAppInstallation",
};

/** Every code a user can meet has its words: a code without a message key is a type error here. */
function keyOf(code: ErrorCode, params: ErrorParams): MessageKey | null {
  const reason = params.reason;
  if (code === "COMMAND_INPUT_INVALID")
    return reason === "too_long" ? "error.COMMAND_INPUT_INVALID.too_long" : "error.COMMAND_INPUT_INVALID.control";
  if (code === "GITHUB_UNAUTHORIZED" && typeof params.variable === "string") return "error.GITHUB_UNAUTHORIZED.variable";
  if (code === "GITHUB_NOT_FOUND" && reason === "enterprise_audit_log") return "error.GITHUB_NOT_FOUND.enterprise_audit_log";
  if (code === "GITHUB_SSO_REQUIRED" && typeof params.url !== "string") return "error.GITHUB_SSO_REQUIRED.noUrl";
  if (isStartupCode(code)) return null;
  return `error.${code}`;
}

const COMMAND_REFUSALS: ReadonlySet<ErrorCode> = new Set([
  "COMMAND_UNKNOWN",
  "COMMAND_ARGUMENTS",
  "COMMAND_INPUT_INVALID",
  "SLUG_INVALID",
  "AUDIT_MENTION_UNRESOLVED",
]);

/** The words a user reads for a failure. Unknown failures only get a reference into the log. */
export function describeError(t: Translate, error: unknown, requestId: string, commandName?: string): string[] {
  if (!(error instanceof AppError)) return [t("error.internal", { requestId })];
  const p: ErrorParams = { command: commandName, ...error.params };
  if (p.side === "GHES" || p.side === "CLOUD") {
    p.command = SIDE_WORD[p.side];
    p.side = t(`side.${p.side}`);
  }
  // What was asked for, in the reader's words (an adapter names it with a code, never a sentence).
  if (typeof p.what === "string" && p.what in WHAT)
    p.what = t(WHAT[p.what as GithubWhat], { slug: typeof p.slug === "string" ? p.slug : "?" });
  if (error.code === "GITHUB_RATE_LIMITED" && typeof p.retryAt === "string") p.retryAt = readerTime(p.retryAt);
  if (error.code === "OPERATION_IN_FLIGHT") {
    // Words, not the state's code name; who holds the account and where its card is.
    p.state = stateWords(t, p.state);
    p.holder = typeof p.user === "string" ? t("inFlight.holder", { user: p.user }) : "";
    p.where = typeof p.channel === "string" ? t("inFlight.card", { channel: p.channel }) : "";
  }
  const key = keyOf(error.code, p);
  if (key === null) return [t("error.internal", { requestId })];
  const lines = [t(key, p)];
  if (typeof p.suggestion === "string") lines.push(t("error.suggestion", p));
  if (typeof p.usage === "string") lines.push(t("error.usage", p));
  if (needsReference(error)) lines.push(t("error.reference", { requestId }));
  // A refused command always leads somewhere: its usage line, or help.
  if (COMMAND_REFUSALS.has(error.code) && typeof p.usage !== "string") lines.push(t("error.seeHelp"));
  return lines;
}
