import type { CardRef, Operation, OperationStore } from "../domain/operation.ts";
import type { PolicyDeps } from "../policy/evaluate-policy.ts";
import type { AuditLog, Clock, SlackDirectory } from "../ports.ts";
import type { PreflightDeps } from "./run-preflight.ts";

export interface OperationCards {
  /** Posts the card of an operation awaiting confirmation; throws CARD_NOT_POSTED when Slack refuses. */
  post(channel: string, op: Operation): Promise<CardRef>;
  /**
   * Re-renders a card from the operation's current state: only an awaiting operation has live buttons. False
   * when Slack says the card can never be edited again (deleted, channel archived); other failures throw.
   */
  refresh(op: Operation): Promise<boolean>;
}

export interface OperationSettings {
  confirmationTtlMs: number;
  requireSecondApprover: boolean;
  verifyIntervalMs: number;
  applyTimeoutMs: number;
}

/** Everything the operation core touches, each once; each function takes the Pick it needs (RequestDeps, DecideDeps, ...). */
export interface OperationDeps extends PreflightDeps {
  operations: OperationStore;
  policy: PolicyDeps;
  cards: OperationCards;
  directory: SlackDirectory;
  audit: AuditLog;
  clock: Clock;
  settings: OperationSettings;
  /** Failures of background work (card edits, announcements) that must not stop a transition. */
  warn(message: string, error: unknown): void;
}
