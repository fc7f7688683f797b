import { redact } from "./log/redact.ts";

export interface LastResortTarget {
  on(event: "unhandledRejection", listener: (reason: unknown) => void): unknown;
  on(event: "uncaughtException", listener: (error: Error) => void): unknown;
}

const describe = (value: unknown) => redact(value instanceof Error ? `${value.name}: ${value.message}` : String(value)).slice(0, 500);

/**
 * The last line behind every try/catch (decision 005). A promise nobody awaited that fails belongs to one
 * request or one background pass: it is logged and the bot keeps serving. An exception nothing caught may have
 * left the process half-changed: it is logged, the bot stops cleanly, and the process exits 1 for its supervisor
 * to restart it; everything that matters is in the database, in atomic steps, so the restart resumes it.
 */
export function installLastResort(
  target: LastResortTarget,
  log: (line: string) => void,
  stop: () => Promise<void>,
  exit: (code: number) => void,
): void {
  let exiting = false;
  target.on("unhandledRejection", (reason) => log(`unhandled rejection, kept serving: ${describe(reason)}`));
  target.on("uncaughtException", (error) => {
    log(`uncaught exception, stopping to restart clean: ${describe(error)}`);
    if (exiting) return;
    exiting = true;
    const cap = new Promise<void>((resolve) => setTimeout(resolve, 5000).unref());
    void Promise.race([stop().catch(() => {}), cap]).then(() => exit(1));
  });
}
