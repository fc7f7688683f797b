import type { Operation } from "../domain/operation.ts";
import type { ConnectEvent } from "./watch-ports.ts";

/** GHES's clock and the bot's are compared here; they may differ by this much (and a click can follow a confirm at once). */
export const CLOCK_MARGIN_MS = 5 * 60_000;

export type EventOrigin = { kind: "ours"; op: Operation } | { kind: "late"; op: Operation } | { kind: "out_of_band" };

/**
 * Whose click a `dotcom_connection.create|destroy` was. The newest operation of the same kind confirmed before
 * the event decides: one still applying (or verified by this very event) made it; one that failed on its time
 * limit, with nothing confirmed after it, made it late; anything else happened outside ghconnect.
 */
export function classifyConnectEvent(event: ConnectEvent, operations: readonly Operation[]): EventOrigin {
  const kind = event.action === "dotcom_connection.create" ? "enable" : "disable";
  const before = operations.filter((op) => op.confirmedAt && op.confirmedAt.getTime() - CLOCK_MARGIN_MS <= event.at.getTime());
  const newest = before.at(-1);
  if (!newest || newest.kind !== kind) return { kind: "out_of_band" };
  if (newest.state === "CONFIRMED" || newest.state === "APPLYING") return { kind: "ours", op: newest };
  if (newest.state === "VERIFIED" && newest.verifiedAt && newest.verifiedAt.getTime() + CLOCK_MARGIN_MS >= event.at.getTime())
    return { kind: "ours", op: newest };
  if (newest.state === "FAILED" && newest.reason === "apply_timeout") return { kind: "late", op: newest };
  return { kind: "out_of_band" };
}
