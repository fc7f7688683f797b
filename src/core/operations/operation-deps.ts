import type { CardRef, ConnectionStore, Operation, OperationStore } from "../domain/operation.ts";
import type { PolicyDeps } from "../policy/evaluate-policy.ts";
import type { AuditLog, Clock, SlackDirectory } from "../ports.ts";
import type { CloudInstance, GhesInstance } from "./instance-ports.ts";
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

export interface OperationDeps {
  operations: OperationStore;
  connections: ConnectionStore;
  preflight: PreflightDeps;
  policy: PolicyDeps;
  ghes: GhesInstance;
  cloud: CloudInstance;
  cards: OperationCards;
  directory: SlackDirectory;
  audit: AuditLog;
  clock: Clock;
  settings: OperationSettings;
  /** Failures of background work (card edits, announcements) that must not stop a transition. */
  warn(message: string, error: unknown): void;
}
