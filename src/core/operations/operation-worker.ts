import type { OperationDeps } from "./operation-deps.ts";
import type { ConnectionRecord, Operation } from "./operation.ts";
import type { Executor } from "./guided-executor.ts";

function connectionAfter(op: Operation, now: Date): ConnectionRecord {
  const f = op.facts;
  return {
    account: op.account,
    state: op.kind === "enable" ? "CONNECTED" : "DISCONNECTED",
    hostname: f?.hostname ?? "unknown",
    ghesVersion: f?.ghesVersion ?? null,
    customerName: f?.customerName ?? null,
    licensePublicKey: f?.licensePublicKey ?? null,
    licenseFingerprint: f?.licenseFingerprint ?? null,
    changedBy: op.confirmedBy ?? op.requestedBy,
    changedAt: now,
    lastVerifiedAt: now,
    operationId: op.id,
  };
}

/**
 * One pass over everything in flight. Every replica runs it; the conditional transitions make sure each
 * change happens once and only its winner edits the card and announces. Run at start-up, it resumes what a
 * previous process left and expires what ran out while nobody was watching.
 */
export async function runOperationTick(deps: OperationDeps, executor: Executor): Promise<void> {
  const now = deps.clock.now();
  const after = async (op: Operation | null, announce: boolean) => {
    if (!op) return;
    await deps.cards.refresh(op).catch((e: unknown) => deps.warn("card refresh failed", e));
    if (announce) await deps.cards.announce(op).catch((e: unknown) => deps.warn("announcement failed", e));
  };
  for (const op of await deps.operations.inStates(["REQUESTED", "AWAITING_CONFIRMATION", "CONFIRMED", "APPLYING"])) {
    const audit = { actor: op.confirmedBy ?? op.requestedBy, target: `operation:${op.id}` };
    try {
      if (op.state === "REQUESTED" && op.expiresAt.getTime() <= now.getTime()) {
        // A process died during its preflight; without this the account would stay blocked.
        await after(await deps.operations.transition(op.id, ["REQUESTED"], "FAILED", { reason: "interrupted" }, { ...audit, action: "operation.failed", decision: "error", reason: "interrupted" }), false);
      } else if (op.state === "AWAITING_CONFIRMATION" && op.expiresAt.getTime() <= now.getTime()) {
        await after(await deps.operations.transition(op.id, ["AWAITING_CONFIRMATION"], "EXPIRED", { reason: "expired" }, { ...audit, action: "operation.expired", decision: "ok" }), false);
      } else if (op.state === "CONFIRMED") {
        await executor.begin(op);
      } else if (op.state === "APPLYING") {
        const result = await executor.check(op);
        if (result.verified) {
          const verified = await deps.operations.transition(op.id, ["APPLYING"], "VERIFIED", { verifiedAt: now, reason: result.evidence }, { ...audit, action: "operation.verified", decision: "ok", reason: result.evidence ?? undefined }, { connection: connectionAfter(op, now) });
          await after(verified, true);
        } else if (op.applyDeadline && op.applyDeadline.getTime() <= now.getTime()) {
          const failed = await deps.operations.transition(op.id, ["APPLYING"], "FAILED", { reason: "apply_timeout" }, { ...audit, action: "operation.failed", decision: "error", reason: "apply_timeout" });
          await after(failed, true);
        }
      }
    } catch (error) {
      // One operation's trouble (GitHub down) must not stop the others; the next pass tries again. The deadline
      // still holds: evidence that cannot be read is no evidence.
      deps.warn(`operation ${op.id} could not be processed`, error);
      if (op.state === "APPLYING" && op.applyDeadline && op.applyDeadline.getTime() <= now.getTime()) {
        const failed = await deps.operations
          .transition(op.id, ["APPLYING"], "FAILED", { reason: "apply_timeout" }, { ...audit, action: "operation.failed", decision: "error", reason: "apply_timeout" })
          .catch((e: unknown) => (deps.warn(`operation ${op.id} could not be failed`, e), null));
        await after(failed, true);
      }
    }
  }
}

/** Runs passes every `verifyIntervalMs` until the signal aborts. */
export async function runOperationWorker(deps: OperationDeps, executor: Executor, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    // A database blip must not end the loop (nor, unawaited, the process).
    await runOperationTick(deps, executor).catch((error: unknown) => deps.warn("operation pass failed", error));
    await deps.clock.sleep(deps.settings.verifyIntervalMs, signal).catch(() => {});
  }
}
