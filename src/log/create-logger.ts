import { batchedWriter } from "./batched-writer.ts";
import { redact } from "./redact.ts";
import { currentRequestId } from "./request-context.ts";

/** The process's log on stderr; main flushes it on exit. */
export const stderrLog = batchedWriter((text) => process.stderr.write(text));

export type LogLevel = "debug" | "info" | "warn" | "error";
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Shaped like @slack/logger's Logger so Bolt and WebClient can share it. */
export interface Logger {
  debug(...msg: unknown[]): void;
  info(...msg: unknown[]): void;
  warn(...msg: unknown[]): void;
  error(...msg: unknown[]): void;
  setLevel(level: string): void;
  getLevel(): string;
  setName(name: string): void;
}

function describe(value: unknown, depth = 0): string {
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    // A coded error's params and its causes are the details a reference in a user's message points to.
    const params = (value as { params?: unknown }).params;
    const detail = params && typeof params === "object" && Object.keys(params).length ? ` ${JSON.stringify(params)}` : "";
    const cause = value.cause !== undefined && depth < 3 ? ` (cause: ${describe(value.cause, depth + 1)})` : "";
    return `${value.name}${code ? `[${String(code)}]` : ""}: ${value.message}${detail}${cause}`;
  }
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

export type LogFormat = "json" | "text";

/**
 * One line per entry, redacted as a whole before it is written. `json` (production): one object a line, with the
 * request id of the work it belongs to; `text`: the same fields for a person reading a terminal.
 */
export function createLogger(
  level: LogLevel,
  write: (line: string) => void = stderrLog.write,
  scrub: (text: string) => string = redact,
  format: LogFormat = "text",
): Logger {
  let current = level;
  let name = "ghconnect";
  const emit = (at: LogLevel, msg: unknown[]) => {
    if (ORDER[at] < ORDER[current]) return;
    const time = new Date().toISOString();
    const text = msg.map(describe).join(" ");
    const requestId = currentRequestId();
    // A JSON line is redacted field by field: redacting the serialized line could cut into its quotes and braces.
    write(
      format === "json"
        ? JSON.stringify({ time, level: at, name: scrub(name), msg: scrub(text), ...(requestId ? { request_id: requestId } : {}) })
        : scrub(`${time} ${at.toUpperCase()} ${name} ${requestId ? `[${requestId}] ` : ""}${text}`),
    );
  };
  return {
    debug: (...m) => emit("debug", m),
    info: (...m) => emit("info", m),
    warn: (...m) => emit("warn", m),
    error: (...m) => emit("error", m),
    setLevel: (l) => {
      if (l in ORDER) current = l as LogLevel;
    },
    getLevel: () => current,
    setName: (n) => {
      name = n;
    },
  };
}
