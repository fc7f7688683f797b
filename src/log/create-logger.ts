import { batchedWriter } from "./batched-writer.ts";
import { redact } from "./redact.ts";

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

/** One line per entry; every line is redacted before it is written. */
export function createLogger(
  level: LogLevel,
  write: (line: string) => void = stderrLog.write,
  scrub: (text: string) => string = redact,
): Logger {
  let current = level;
  let name = "ghconnect";
  const emit = (at: LogLevel, msg: unknown[]) => {
    if (ORDER[at] < ORDER[current]) return;
    write(scrub(`${new Date().toISOString()} ${at.toUpperCase()} ${name} ${msg.map(describe).join(" ")}`));
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
