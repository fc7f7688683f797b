import type { ConnectionRecord, Operation } from "../domain/operation.ts";
import { connectionThread, operationNotice } from "../notices/operation-notice.ts";
import type { Executor } from "./guided-executor.ts";
import type { OperationDeps } from "./operation-deps.ts";
import { refreshCard } from "./refresh-card.ts";

/**
 * The connection as it stands after a verified operation (also used when a late click is recognised). The
 * hostname is the one the preflight recorded, else the instance's own (`GHES_URL`'s host).
 */
export function connectionAfter(op: Operation, now: Date, previous: ConnectionRecord | null, instanceHostname: string): ConnectionRecord {
  const f = op.facts;
  return {
    account: op.account,
    state: op.kind === "enable" ? "CONNECTED" : "DISCONNECTED",
    hostname: f?.hostname ?? instanceHostname,
    ghesVersion: f?.ghesVersion ?? null,
    customerName: f?.customerName ?? null,
    licensePublicKey: f?.licensePublicKey ?? null,
    licenseFingerprint: f?.licenseFingerprint ?? null,
    changedBy: op.confirmedBy ?? op.requestedBy,
    changedAt: now,
    lastVerifiedAt: now,
    operationId: op.id,
    threadKey: op.kind === "enable" ? connectionThread(op.id) : (previous?.threadKey ?? null),
  };
}

/**
 * One pass over everything in flight. Every replica runs it; the conditional transitions make sure each
 * change happens once, and its announcement is written with it (outbox), so only the winner owes one. Run at start-up, it resumes what a
 * previous process left and expires what ran out while nobody was watching.
 */
/** The worker's pass: operations in flight, the connections they change, their cards, the instance's name. */
export type WorkerDeps = Pick<OperationDeps, "operations" | "connections" | "cards" | "warn" | "clock" | "ghes" | "settings">;

export async function runOperationTick(deps: WorkerDeps, executor: Executor): Promise<void> {
  const now = deps.clock.now();
  const after = async (op: Operation | null) => {
    if (!op) return;
    await refreshCard(deps, op);
  };
  const timedOut = async (op: Operation, audit: { actor: Operation["requestedBy"]; target: string }) => {
    const notices = [operationNotice(op, "FAILED", "apply_timeout", await deps.connections.get(op.account))];
    return deps.operations.transition(
      op.id,
      ["APPLYING"],
      "FAILED",
      { reason: "apply_timeout" },
      { ...audit, action: "operation.failed", decision: "error", reason: "apply_timeout" },
      { notices },
    );
  };
  for (const op of await deps.operations.inStates(["REQUESTED", "AWAITING_CONFIRMATION", "CONFIRMED", "APPLYING"])) {
    const audit = { actor: op.confirmedBy ?? op.requestedBy, target: `operation:${op.id}` };
    try {
      if (op.state === "REQUESTED" && op.expiresAt.getTime() <= now.getTime()) {
        // A process died during its preflight; without this the account would stay blocked.
        // The requester's reply died with that process: the channel is told, in the account's thread if any.
        const notices = [operationNotice(op, "FAILED", "interrupted", await deps.connections.get(op.account))];
        await after(
          await deps.operations.transition(
            op.id,
            ["REQUESTED"],
            "FAILED",
            { reason: "interrupted" },
            { ...audit, action: "operation.failed", decision: "error", reason: "interrupted" },
            { notices },
          ),
        );
      } else if (op.state === "AWAITING_CONFIRMATION" && op.expiresAt.getTime() <= now.getTime()) {
        await after(
          await deps.operations.transition(
            op.id,
            ["AWAITING_CONFIRMATION"],
            "EXPIRED",
            { reason: "expired" },
            { ...audit, action: "operation.expired", decision: "ok" },
          ),
        );
      } else if (op.state === "CONFIRMED") {
        await executor.begin(op);
      } else if (op.state === "APPLYING") {
        const result = await executor.check(op);
        if (result.verified) {
          const current = await deps.connections.get(op.account);
          const notices = [operationNotice(op, "VERIFIED", result.evidence, current)];
          const connection = connectionAfter(op, now, current, deps.ghes.hostname);
          const verified = await deps.operations.transition(
            op.id,
            ["APPLYING"],
            "VERIFIED",
            { verifiedAt: now, reason: result.evidence },
            { ...audit, action: "operation.verified", decision: "ok", reason: result.evidence ?? undefined },
            { connection, notices },
          );
          await after(verified);
        } else if (op.applyDeadline && op.applyDeadline.getTime() <= now.getTime()) {
          await after(await timedOut(op, audit));
        }
      }
    } catch (error) {
      // One operation's trouble (GitHub down) must not stop the others; the next pass tries again. The deadline
      // still holds: evidence that cannot be read is no evidence.
      deps.warn(`operation ${op.id} could not be processed`, error);
      if (op.state === "APPLYING" && op.applyDeadline && op.applyDeadline.getTime() <= now.getTime()) {
        const failed = await timedOut(op, audit).catch((e: unknown) => {
          deps.warn(`operation ${op.id} could not be failed`, e);
          return null;
        });
        await after(failed);
      }
    }
  }
  // A card edit lost to a crash or to Slack failing after its transition committed: edited again, every replica
  // alike (the edit shows the same state whoever makes it).
  // A REQUESTED operation's card belongs to its request, which posts it ahead of the state it shows; if that
  // request died, the pass above fails the operation in its time and the card is edited then.
  for (const op of await deps.operations.staleCards(new Date(now.getTime() - STALE_CARD_WINDOW_MS))) {
    if (op.state !== "REQUESTED") await after(op);
  }
}

/** How long a card that does not show its operation's state is edited again: Slack's outages last less. */
const STALE_CARD_WINDOW_MS = 3_600_000;

/** Runs passes every `verifyIntervalMs` until the signal aborts. */
export async function runOperationWorker(deps: WorkerDeps, executor: Executor, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    // A database blip must not end the loop (nor, unawaited, the process).
    await runOperationTick(deps, executor).catch((error: unknown) => deps.warn("operation pass failed", error));
    await deps.clock.sleep(deps.settings.verifyIntervalMs, signal).catch(() => {});
  }
}
