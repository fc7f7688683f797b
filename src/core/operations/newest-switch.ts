import type { ConnectionEvent } from "./instance-ports.ts";

/**
 * The newest create or destroy among GHES audit-log events (newest first) tells the state: token updates and
 * uploads follow a create, and a create undone by a later destroy proves nothing.
 */
export function newestSwitch(events: readonly ConnectionEvent[]): ConnectionEvent | undefined {
  return events.find((e) => e.action === "dotcom_connection.create" || e.action === "dotcom_connection.destroy");
}
