import type { Operation } from "../domain/operation.ts";
import { cloudListEvidence, ghesAuditEvidence } from "../messages/evidence-words.ts";
import { newestSwitch } from "./newest-switch.ts";
import type { OperationDeps } from "./operation-deps.ts";
import { refreshCard } from "./refresh-card.ts";

/**
 * The step that performs the switch. No public API turns GitHub Connect on or off (decision 003), so the
 * only executor today is guided: the confirmed administrator gets the link and the clicks, and the bot
 * watches for GitHub's own record of the change. An automated executor would implement the same interface.
 */
export interface Executor {
  /** CONFIRMED → APPLYING; the card then shows what the person must do. */
  begin(op: Operation): Promise<Operation>;
  /** Whether GitHub has recorded the change since the confirmation. */
  check(op: Operation): Promise<{ verified: boolean; evidence: string | null }>;
}

/** The executor reads GHES and GitHub.com for evidence and moves the operation and its card. */
export type ExecutorDeps = Pick<OperationDeps, "operations" | "cards" | "warn" | "clock" | "settings" | "ghes" | "cloud">;

export function guidedExecutor(deps: ExecutorDeps): Executor {
  return {
    async begin(op) {
      const deadline = new Date(deps.clock.now().getTime() + deps.settings.applyTimeoutMs);
      const applying = await deps.operations.transition(
        op.id,
        ["CONFIRMED"],
        "APPLYING",
        { applyDeadline: deadline },
        {
          actor: op.confirmedBy ?? op.requestedBy,
          action: "operation.applying",
          target: `operation:${op.id}`,
          decision: "ok",
          reason: "guided: waiting for the change in GHES",
        },
      );
      const current = applying ?? (await deps.operations.get(op.id)) ?? op;
      await refreshCard(deps, current);
      return current;
    },
    async check(op) {
      const since = op.confirmedAt ?? op.createdAt;
      const wanted = op.kind === "enable" ? "dotcom_connection.create" : "dotcom_connection.destroy";
      const events = await deps.ghes.connectionEvents(since);
      if (events !== null) {
        const event = newestSwitch(events);
        return event?.action === wanted
          ? { verified: true, evidence: ghesAuditEvidence(event.action, event.actor, event.at) }
          : { verified: false, evidence: null };
      }
      // Without the audit log, GitHub's current list is the evidence. It shows a state, not a change: the preflight
      // refused to start from the state being asked for, so reaching it since is taken as the change.
      const servers = await deps.cloud.connectedServers(op.account);
      if (servers === null) return { verified: false, evidence: null };
      const listed = servers.includes(deps.ghes.hostname.toLowerCase());
      return listed === (op.kind === "enable")
        ? { verified: true, evidence: cloudListEvidence(listed, deps.ghes.hostname) }
        : { verified: false, evidence: null };
    },
  };
}
