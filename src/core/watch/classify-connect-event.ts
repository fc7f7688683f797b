import type { Operation } from "../domain/operation.ts";
import type { ConnectEvent } from "./watch-ports.ts";

/** GHES's clock and the bot's are compared here; they may differ by this much (and a click can follow a confirm at once). */
export const CLOCK_MARGIN_MS = 5 * 60_000;

/** An operation that ended waiting (its time limit, or someone chose to stop) still owns a click seen afterwards. */
export const LATE_REASONS: readonly string[] = ["apply_timeout", "stopped"];

export type EventOrigin = { kind: "ours"; op: Operation } | { kind: "late"; op: Operation } | { kind: "out_of_band" };

/**
 * Whose click a `dotcom_connection.create|destroy` was. The newest operation of the same kind confirmed before
 * the event decides: one still applying (or verified by this very event) made it; one that stopped waiting (on its
 * time limit or by hand) made it late, unless another operation was confirmed between the two; anything else happened outside
 * ghconnect. Operations of the other kind confirmed around the event (a disable soon after an enable's click,
 * read late by the watcher) do not hide the one that made it.
 */
export function classifyConnectEvent(event: ConnectEvent, operations: readonly Operation[]): EventOrigin {
  const kind = event.action === "dotcom_connection.create" ? "enable" : "disable";
  const at = event.at.getTime();
  const confirmed = operations.flatMap((op) => (op.confirmedAt ? [{ op, ms: op.confirmedAt.getTime() }] : []));
  const newest = confirmed.filter(({ op, ms }) => op.kind === kind && ms - CLOCK_MARGIN_MS <= at).at(-1);
  if (!newest) return { kind: "out_of_band" };
  const { op } = newest;
  if (op.state === "CONFIRMED" || op.state === "APPLYING") return { kind: "ours", op };
  if (op.state === "VERIFIED" && op.verifiedAt && op.verifiedAt.getTime() + CLOCK_MARGIN_MS >= at) return { kind: "ours", op };
  const overtaken = confirmed.some(({ ms }) => ms > newest.ms && ms <= at);
  // A wait stopped by hand owns only the clicks made before the stop: one made after it is outside ghconnect.
  const afterStop = op.reason === "stopped" && op.endedAt !== null && at > op.endedAt.getTime() + CLOCK_MARGIN_MS;
  if (op.state === "FAILED" && LATE_REASONS.includes(op.reason ?? "") && !overtaken && !afterStop) return { kind: "late", op };
  return { kind: "out_of_band" };
}
