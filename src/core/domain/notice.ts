import type { AccountRef, Side } from "../ports.ts";

/**
 * A message the bot owes the announcement channel, as data. It is stored (outbox) in the same transaction as
 * the fact it reports and rendered only when it is sent, so nothing rendered or secret sits in the table.
 */
export interface Notice {
  /** The same fact never queues two messages; with `replace`, a later notice with this key edits the first. */
  key: string;
  /** Notices about one connection share a Slack thread; the first one delivered becomes its parent. */
  thread: string | null;
  /** In a thread, also shown in the channel (alerts). */
  broadcast?: boolean;
  /** Coalescing: the stored notice is replaced (and the Slack message edited) instead of a second one queued. */
  replace?: boolean;
  message: NoticeMessage;
}

export interface OperationResult {
  kind: "operation.result";
  operationId: string;
  op: "enable" | "disable";
  state: "VERIFIED" | "FAILED";
  account: AccountRef;
  hostname: string;
  requester: string;
  confirmer: string | null;
  reason: string | null;
  locale: string;
  /** The operation's card, which the announcement links to. */
  card?: { channel: string; ts: string } | null;
  /** Set when the change was seen in GitHub's records after the operation had stopped waiting. */
  late?: { actor: string; at: string };
}

export type NoticeMessage =
  | OperationResult
  | {
      kind: "connection.out_of_band";
      change: "create" | "destroy";
      actor: string;
      at: string;
      account: AccountRef | null;
      hostname: string;
    }
  | { kind: "token.updated"; day: string; count: number; latest: string }
  | { kind: "token.silent"; last: string; hours: number }
  | { kind: "token.resumed"; at: string; silentSince: string }
  | { kind: "credential.expiring"; variable: string; expiresAt: string; days: number }
  | { kind: "credential.rejected"; variable: string; detail: string }
  | { kind: "credential.recovered"; variable: string }
  | { kind: "watch.blind"; sources: string[]; since: string }
  | { kind: "watch.recovered"; sources: string[] }
  | { kind: "cloud.drift"; github: "connected" | "not_connected"; account: AccountRef; hostname: string }
  | { kind: "cloud.drift_resolved"; account: AccountRef; hostname: string }
  | { kind: "license_sync.failed"; account: AccountRef; detail: string; at: string | null }
  | { kind: "license_sync.recovered"; account: AccountRef; at: string | null }
  | { kind: "features.changed"; added: string[]; removed: string[]; now: string[] }
  | { kind: "link.changed"; change: "created" | "replaced" | "removed"; user: string; side: Side; login: string; previous: string | null };

/** A stored notice the sender has claimed, with where its thread stands. */
export interface PendingNotice {
  id: string;
  channel: string;
  thread: string | null;
  /** The thread's parent in Slack, when it has been posted. */
  threadTs: string | null;
  broadcast: boolean;
  message: NoticeMessage;
  revision: number;
  /** Slack's ts once delivered: a higher revision edits that message. */
  ts: string | null;
  attempts: number;
}

/** The outbox as the sender sees it; claims keep one sender per notice across replicas. */
export interface OutboxQueue {
  /** The oldest deliverable notice (earlier notices of its thread delivered first), claimed until `until`. */
  claim(holder: string, now: Date, until: Date): Promise<PendingNotice | null>;
  /** Slack accepted it: the revision is delivered; a first message of a thread becomes the thread's parent. */
  delivered(notice: PendingNotice, holder: string, ts: string, now: Date): Promise<void>;
  /** Slack refused or failed: try again at `retryAt`. */
  failed(notice: PendingNotice, holder: string, error: string, retryAt: Date): Promise<void>;
  /** Slack refused it for good: kept as a record, no longer sent, no longer holding the others up. */
  giveUp(notice: PendingNotice, holder: string, error: string, now: Date): Promise<void>;
  /** How many notices are waiting, and how many were given up (status). */
  backlog(): Promise<OutboxBacklog>;
}

export interface OutboxBacklog {
  waiting: number;
  oldest: Date | null;
  lastError: string | null;
  givenUp: number;
}

/** Slack, for notices. */
export interface NoticeChannel {
  post(notice: PendingNotice): Promise<string>;
  update(notice: PendingNotice, ts: string): Promise<void>;
}

/** A store of notices written outside any other fact's transaction (identity links record theirs with the audit row). */
export interface NoticeWriter {
  enqueue(notices: Notice[]): Promise<void>;
}
