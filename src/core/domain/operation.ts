import type { AccountRef, AuditEventInput, SlackUserRef } from "../ports.ts";
import type { Notice } from "./notice.ts";

export type OperationKind = "enable" | "disable";
export type OperationState =
  | "REQUESTED"
  | "AWAITING_CONFIRMATION"
  | "CONFIRMED"
  | "APPLYING"
  | "VERIFIED"
  | "DENIED"
  | "CANCELLED"
  | "EXPIRED"
  | "FAILED";

/** The states in which an operation still holds its account (a partial unique index enforces one). */
export const IN_FLIGHT: readonly OperationState[] = ["REQUESTED", "AWAITING_CONFIRMATION", "CONFIRMED", "APPLYING"];

/** What the preflight found; shown on the card and kept as evidence. */
export interface OperationFacts {
  hostname: string;
  ghesVersion: string;
  customerName: string | null;
  licensePublicKey: string | null;
  licenseFingerprint: string | null;
  settingsUrl: string | null;
  installationId: number | null;
  /** The requester's proven logins: a second approver must be another person, not another Slack account. */
  requesterLogins?: { ghes: string; cloud: string };
}

export interface CardRef {
  channel: string;
  ts: string;
}

export interface Operation {
  id: string;
  kind: OperationKind;
  account: AccountRef;
  state: OperationState;
  requestedBy: SlackUserRef;
  requestId: string | null;
  card: CardRef | null;
  locale: string;
  confirmedBy: SlackUserRef | null;
  confirmedAt: Date | null;
  expiresAt: Date;
  applyDeadline: Date | null;
  facts: OperationFacts | null;
  reason: string | null;
  verifiedAt: Date | null;
  /** Who ended it by hand (a cancel, a stop, a newer request); null when it ended on its own. */
  endedBy: SlackUserRef | null;
  /** When it reached its final state. */
  endedAt: Date | null;
  /** Where its announcement was posted, once it was. */
  announcement: CardRef | null;
  createdAt: Date;
}

export type NewOperation = Pick<Operation, "kind" | "account" | "requestedBy" | "requestId" | "locale" | "expiresAt" | "facts"> & {
  state: OperationState;
  reason?: string | null;
};

export interface ConnectionRecord {
  account: AccountRef;
  state: "CONNECTED" | "DISCONNECTED";
  hostname: string;
  ghesVersion: string | null;
  customerName: string | null;
  licensePublicKey: string | null;
  licenseFingerprint: string | null;
  changedBy: SlackUserRef;
  changedAt: Date;
  lastVerifiedAt: Date;
  operationId: string | null;
  /** The Slack thread of this connection's announcements. */
  threadKey: string | null;
}

export type OperationPatch = Partial<
  Pick<Operation, "confirmedBy" | "confirmedAt" | "applyDeadline" | "reason" | "verifiedAt" | "card" | "endedBy" | "endedAt">
>;

/** The states an operation ends in; reaching one stamps `endedAt`. */
export const FINAL: readonly OperationState[] = ["VERIFIED", "DENIED", "CANCELLED", "EXPIRED", "FAILED"];

export interface OperationStore {
  /**
   * Inserts a new operation with its audit event. For a REQUESTED one, an unconfirmed operation for the same
   * account is superseded (CANCELLED, reason "superseded") in the same transaction and returned, and a confirmed
   * or applying one makes this throw OPERATION_IN_FLIGHT. Other states (DENIED) are records and touch nothing.
   */
  create(op: NewOperation, audit: AuditEventInput): Promise<{ op: Operation; superseded: Operation | null }>;
  get(id: string): Promise<Operation | null>;
  /**
   * Moves an operation from one of `from` to `to`, only if it is still there (and, with `unexpiredAt`, not
   * expired at that time), writing `audit`, `connection` and the `notices` it owes the channel in the same
   * transaction. null: someone else won.
   */
  transition(
    id: string,
    from: readonly OperationState[],
    to: OperationState,
    patch: OperationPatch,
    audit: AuditEventInput,
    options?: { unexpiredAt?: Date; connection?: ConnectionRecord; notices?: Notice[] },
  ): Promise<Operation | null>;
  /** Where the card is; it was posted showing AWAITING_CONFIRMATION. */
  setCard(id: string, card: CardRef): Promise<void>;
  /** The operation whose card is this message, if any. */
  byCard(card: CardRef): Promise<Operation | null>;
  /**
   * The card now shows `state` and the announcement link at `announcementTs` (Slack accepted the edit). Not
   * recorded if the operation's announcement changed meanwhile: the card lacks its link and stays stale.
   */
  cardShown(id: string, state: OperationState, announcementTs: string | null): Promise<void>;
  /** Operations changed since `since` whose card does not show their state (oldest first). */
  staleCards(since: Date): Promise<Operation[]>;
  setFacts(id: string, facts: OperationFacts): Promise<void>;
  inStates(states: readonly OperationState[]): Promise<Operation[]>;
  /** Operations confirmed at or after `since`, oldest first: the watcher ties GitHub's events to them. */
  confirmedSince(since: Date): Promise<Operation[]>;
}

export interface ConnectionStore {
  get(account: AccountRef): Promise<ConnectionRecord | null>;
  list(): Promise<ConnectionRecord[]>;
}
