import type { Notice } from "../domain/notice.ts";
import type { ConnectionRecord, Operation } from "../domain/operation.ts";

/** A connection's thread is named after the operation (or event) that made it, so a reconnection gets a new one. */
export const connectionThread = (origin: string) => `connection:${origin}`;

/** The thread of the account's current connection, when there is one (older records have none: their own key). */
export function threadOf(connection: ConnectionRecord | null): string | null {
  if (connection?.state !== "CONNECTED") return null;
  return connection.threadKey ?? connectionThread(`${connection.account.kind}:${connection.account.slug}`);
}

/**
 * The announcement of an operation's end. A verified enable starts its connection's thread; a disconnection
 * or a failure goes into the thread of the connection it concerns, and is broadcast to the channel.
 */
export function operationNotice(
  op: Operation,
  state: "VERIFIED" | "FAILED",
  reason: string | null,
  current: ConnectionRecord | null,
  late?: { actor: string; at: Date },
): Notice {
  const starts = state === "VERIFIED" && op.kind === "enable";
  const thread = starts ? connectionThread(op.id) : threadOf(current);
  return {
    key: `operation:${op.id}:${late ? "late" : state}`,
    thread,
    broadcast: !starts && thread !== null,
    message: {
      kind: "operation.result",
      operationId: op.id,
      op: op.kind,
      state,
      account: op.account,
      hostname: op.facts?.hostname ?? "?",
      requester: op.requestedBy.user,
      confirmer: op.confirmedBy?.user ?? null,
      reason,
      locale: op.locale,
      card: op.card,
      ...(late ? { late: { actor: late.actor, at: late.at.toISOString() } } : {}),
    },
  };
}
