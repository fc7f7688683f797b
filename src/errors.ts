/**
 * Every failure the bot reports carries a stable code. Tests assert on codes; src/core/messages turns a
 * code (and its params) into the words a user reads, in English or Japanese.
 */
export type ErrorCode =
  // configuration and start-up
  | "CONFIG_INVALID"
  | "MIGRATION_CHECKSUM_MISMATCH"
  | "MIGRATION_FAILED"
  | "MIGRATION_PREVIOUSLY_FAILED"
  // command input
  | "COMMAND_UNKNOWN"
  | "COMMAND_ARGUMENTS"
  | "COMMAND_INPUT_INVALID"
  | "SLUG_INVALID"
  | "AUDIT_MENTION_UNRESOLVED"
  | "SECRET_IN_INPUT"
  | "BUSY"
  // Slack identity
  | "SLACK_USER_GUEST"
  | "SLACK_USER_DELETED"
  | "SLACK_USER_BOT"
  | "SLACK_UNAVAILABLE"
  | "SLACK_PAYLOAD_INVALID"
  | "SLACK_CREDENTIAL_REJECTED"
  | "SLACK_UNREACHABLE"
  | "DATABASE_UNREACHABLE"
  // linking
  | "NOT_LINKED"
  | "LINK_EXPIRED"
  | "LINK_DENIED"
  | "LINK_DEVICE_FLOW_DISABLED"
  | "LINK_CLIENT_INVALID"
  | "LINK_IN_PROGRESS"
  | "TOKEN_REVOKED"
  | "TOKEN_UNREADABLE"
  // GitHub
  | "GITHUB_UNAUTHORIZED"
  | "GITHUB_SSO_REQUIRED"
  | "GITHUB_FORBIDDEN"
  | "GITHUB_NOT_FOUND"
  | "GITHUB_RATE_LIMITED"
  | "GITHUB_TIMEOUT"
  | "GITHUB_UNREACHABLE"
  | "GITHUB_SERVER_ERROR"
  | "GITHUB_UNEXPECTED"
  | "GHES_ENTERPRISE_UNKNOWN"
  | "GHES_ENTERPRISE_NOT_IN_USE"
  | "ACCOUNT_NOT_FOUND"
  | "ACCOUNT_AMBIGUOUS"
  // operations
  | "OPERATION_IN_FLIGHT"
  | "OPERATION_NOT_FOUND"
  | "OPERATION_CARD_MISMATCH"
  | "OPERATION_EXPIRED"
  | "OPERATION_ALREADY_DECIDED"
  | "SECOND_APPROVER_REQUIRED"
  | "CARD_NOT_POSTED";

/** Failures that stop start-up: main prints them; they never reach a Slack user, so they have no message key. */
export type StartupErrorCode = Extract<
  ErrorCode,
  "CONFIG_INVALID" | "MIGRATION_CHECKSUM_MISMATCH" | "MIGRATION_FAILED" | "MIGRATION_PREVIOUSLY_FAILED"
>;
const STARTUP_CODES: ReadonlySet<ErrorCode> = new Set<StartupErrorCode>([
  "CONFIG_INVALID",
  "MIGRATION_CHECKSUM_MISMATCH",
  "MIGRATION_FAILED",
  "MIGRATION_PREVIOUSLY_FAILED",
]);
export const isStartupCode = (code: ErrorCode): code is StartupErrorCode => STARTUP_CODES.has(code);

export type ErrorParams = Record<string, string | number | undefined>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams;

  constructor(code: ErrorCode, params: ErrorParams = {}, options?: { cause?: unknown; message?: string }) {
    super(options?.message ?? code, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.params = params;
  }
}

export function isAppError(error: unknown, code?: ErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}

/** Failures GitHub did not explain: the user gets a reference, and the log keeps the details under it. */
const REFERENCED: ReadonlySet<ErrorCode> = new Set<ErrorCode>(["GITHUB_UNEXPECTED", "GITHUB_SERVER_ERROR"]);

/** Whether a failure's details belong in the log under the request's reference (anything uncoded, too). */
export const needsReference = (error: unknown): boolean => !(error instanceof AppError) || REFERENCED.has(error.code);
