/**
 * In-memory ports of the operation core (request → confirm → apply → verify). The store keeps the contract of
 * src/adapters/store/prisma-operation-store.ts method by method, so a core test cannot pass here and fail on SQL;
 * GitHub, Slack and the live policy are scripted per test.
 */
import { randomUUID } from "node:crypto";
import type { Notice } from "../../src/core/domain/notice.ts";
import {
  type CardRef,
  type ConnectionRecord,
  type ConnectionStore,
  FINAL,
  IN_FLIGHT,
  type Operation,
  type OperationFacts,
  type OperationStore,
} from "../../src/core/domain/operation.ts";
import { createUserTokens } from "../../src/core/identity/user-tokens.ts";
import type {
  CloudInstance,
  ConnectionEvent,
  GhesInstance,
  InstallationStatus,
  LicenseFacts,
  ReachabilityResult,
} from "../../src/core/operations/instance-ports.ts";
import type { OperationCards, OperationDeps, OperationSettings } from "../../src/core/operations/operation-deps.ts";
import type { PreflightDeps } from "../../src/core/operations/run-preflight.ts";
import type { PolicyDeps } from "../../src/core/policy/evaluate-policy.ts";
import type {
  AccountRef,
  AuditEventInput,
  AuditLog,
  Clock,
  CloudUserApi,
  DeviceFlowClient,
  GithubUserApi,
  SlackDirectory,
  SlackUserInfo,
  SlackUserRef,
} from "../../src/core/ports.ts";
import { AppError } from "../../src/errors.ts";
import { manualClock, memoryAudit, memoryLinks } from "./memory-ports.ts";

const accountKey = (a: AccountRef) => `${a.kind}:${a.slug}`;
const copy = <T>(value: T): T => structuredClone(value);
/** A scripted answer: a value, or the error GitHub (or the network) fails with. */
type Answer<T> = T | Error;
const answer = async <T>(value: Answer<T>): Promise<T> => {
  if (value instanceof Error) throw value;
  return copy(value);
};

/** The outbox rows written with transitions (prisma-outbox.ts writeNotices). */
export function memoryOutbox(): { notices: Notice[]; write(notices: readonly Notice[]): void } {
  const notices: Notice[] = [];
  return {
    notices,
    write(list) {
      for (const n of list) {
        const at = notices.findIndex((m) => m.key === n.key);
        // createMany({ skipDuplicates }) on dedupe_key; only a `replace` notice overwrites (the upsert branch).
        if (at < 0) notices.push(copy(n));
        else if (n.replace) notices[at] = copy(n);
      }
    },
  };
}

export type MemoryConnections = ConnectionStore & { rows: Map<string, ConnectionRecord>; write(c: ConnectionRecord): void };

/** One row per account (connections_account_kind_account_slug_key), written only inside a transition. */
export function memoryConnections(): MemoryConnections {
  const rows = new Map<string, ConnectionRecord>();
  // The AccountKind enum sorts in declaration order (ORG before ENTERPRISE), as prisma-connection-store.ts list() does.
  const rank = (c: ConnectionRecord) => `${c.account.kind === "org" ? 0 : 1}:${c.account.slug}`;
  return {
    rows,
    get: async (account) => copy(rows.get(accountKey(account)) ?? null),
    list: async () => [...rows.values()].sort((a, b) => (rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : 0)).map(copy),
    write: (c) => void rows.set(accountKey(c.account), copy(c)),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// JSONB keeps no `undefined` member: what a test reads back is what PostgreSQL would return.
const asJson = (facts: OperationFacts | null): OperationFacts | null =>
  facts ? (JSON.parse(JSON.stringify(facts)) as OperationFacts) : null;
const uniqueViolation = () => Object.assign(new Error("Unique constraint failed: operations_one_in_flight_per_account"), { code: "P2002" });

export type MemoryOperationStore = OperationStore & {
  rows: Map<string, Operation>;
  /** The next call of `method` fails before touching anything, as a database blip would. */
  breakOnce(method: keyof OperationStore, error: Error): void;
};

/**
 * Every method checks and writes without an await in between, so each call is one transaction: a concurrent
 * caller sees all of it or none of it, like the conditional UPDATE of the Prisma adapter.
 */
export function memoryOperationStore(deps: {
  audit: { events: AuditEventInput[] };
  connections: MemoryConnections;
  outbox: ReturnType<typeof memoryOutbox>;
  clock: Clock;
}): MemoryOperationStore {
  const rows = new Map<string, Operation>();
  // card_state and updated_at, which Operation does not carry (@updatedAt: every write sets it).
  const cardState = new Map<string, Operation["state"]>();
  const updatedAt = new Map<string, Date>();
  const touch = (id: string) => void updatedAt.set(id, deps.clock.now());
  const broken = new Map<string, Error>();
  const blip = (method: string) => {
    const error = broken.get(method);
    if (!error) return;
    broken.delete(method);
    throw error;
  };
  // A uuid column compares case-insensitively; a malformed one is an SQL error, not a miss.
  const row = (id: string) => {
    if (!UUID.test(id)) throw new Error(`invalid input syntax for type uuid: "${id}"`);
    return rows.get(id.toLowerCase());
  };
  const inFlight = (account: AccountRef, except?: string) =>
    [...rows.values()].find((o) => accountKey(o.account) === accountKey(account) && IN_FLIGHT.includes(o.state) && o.id !== except);
  const audit = (event: AuditEventInput) => void deps.audit.events.push(copy(event));

  return {
    rows,
    breakOnce: (method, error) => void broken.set(method, error),

    async create(op, event) {
      blip("create");
      // Only a REQUESTED one competes for the account; a DENIED record supersedes nothing (create, `op.state === "REQUESTED" ? findFirst`).
      const current = op.state === "REQUESTED" ? inFlight(op.account) : undefined;
      if (current && current.state !== "AWAITING_CONFIRMATION")
        throw new AppError("OPERATION_IN_FLIGHT", {
          slug: op.account.slug,
          state: current.state,
          user: current.requestedBy.user,
          ...(current.card ? { channel: current.card.channel } : {}),
        });
      // The partial unique index still holds for an in-flight insert that skipped that check (the isUniqueViolation catch).
      if (!current && IN_FLIGHT.includes(op.state) && inFlight(op.account)) {
        throw new AppError("OPERATION_IN_FLIGHT", { slug: op.account.slug, state: "REQUESTED" }, { cause: uniqueViolation() });
      }
      let superseded: Operation | null = null;
      if (current) {
        Object.assign(current, { state: "CANCELLED", reason: "superseded", endedBy: copy(op.requestedBy), endedAt: deps.clock.now() });
        superseded = copy(current);
        // The superseding request's actor and requestId, aimed at the superseded operation.
        audit({ ...event, action: "operation.superseded", target: `operation:${current.id}`, decision: "ok" });
      }
      const created: Operation = {
        id: randomUUID(),
        kind: op.kind,
        account: copy(op.account),
        state: op.state,
        requestedBy: copy(op.requestedBy),
        requestId: op.requestId,
        card: null,
        locale: op.locale,
        confirmedBy: null,
        confirmedAt: null,
        expiresAt: new Date(op.expiresAt),
        applyDeadline: null,
        facts: asJson(op.facts),
        reason: op.reason ?? null,
        verifiedAt: null,
        endedBy: null,
        endedAt: null,
        announcement: null,
        // The database's now() in production; the injected clock here, so tests can reason about it.
        createdAt: deps.clock.now(),
      };
      rows.set(created.id, created);
      touch(created.id);
      if (superseded) touch(superseded.id);
      audit({ ...event, detail: { ...event.detail, operation: created.id } });
      return { op: copy(created), superseded };
    },

    async get(id) {
      blip("get");
      // Only a well-formed UUID reaches the database (get's regex): a tampered value is simply not found.
      if (!UUID.test(id)) return null;
      return copy(row(id) ?? null);
    },

    async transition(id, from, to, patch, event, options = {}) {
      blip("transition");
      const op = row(id);
      // updateMany's where: still in one of `from` and, with unexpiredAt, `expiresAt > unexpiredAt` (strictly).
      if (!op || !from.includes(op.state)) return null;
      if (options.unexpiredAt && op.expiresAt.getTime() <= options.unexpiredAt.getTime()) return null;
      if (IN_FLIGHT.includes(to) && inFlight(op.account, op.id)) throw uniqueViolation();
      op.state = to;
      // updateMany's data: a falsy member is not written (null does not clear), except `reason`, where only undefined is skipped.
      if (patch.confirmedBy) op.confirmedBy = copy(patch.confirmedBy);
      if (patch.confirmedAt) op.confirmedAt = new Date(patch.confirmedAt);
      if (patch.applyDeadline) op.applyDeadline = new Date(patch.applyDeadline);
      if (patch.reason !== undefined) op.reason = patch.reason;
      if (patch.verifiedAt) op.verifiedAt = new Date(patch.verifiedAt);
      if (patch.card) op.card = copy(patch.card);
      if (patch.endedBy) op.endedBy = copy(patch.endedBy);
      // Reaching a final state stamps the end (the adapter's `FINAL.includes(to)`).
      if (FINAL.includes(to)) op.endedAt = new Date(patch.endedAt ?? patch.verifiedAt ?? deps.clock.now());
      touch(op.id);
      audit({ ...event, detail: { ...event.detail, operation: id, state: to } });
      if (options.connection) deps.connections.write(options.connection);
      if (options.notices) deps.outbox.write(options.notices);
      return copy(op);
    },

    async setCard(id, card) {
      blip("setCard");
      const op = row(id);
      // prisma.operation.update throws when the row is missing (P2025).
      if (!op) throw new Error(`Record to update not found: operation ${id}`);
      op.card = copy(card);
      cardState.set(op.id, "AWAITING_CONFIRMATION");
      touch(op.id);
    },

    async byCard(card) {
      blip("byCard");
      return copy([...rows.values()].find((o) => o.card?.channel === card.channel && o.card.ts === card.ts) ?? null);
    },

    async cardShown(id, state, announcementTs) {
      blip("cardShown");
      const op = row(id);
      // updateMany's where: the announcement the edit drew is still the operation's.
      if (!op || (op.announcement?.ts ?? null) !== announcementTs) return;
      cardState.set(op.id, state);
      touch(op.id);
    },

    async staleCards(since) {
      blip("staleCards");
      const at = (o: Operation) => updatedAt.get(o.id)?.getTime() ?? 0;
      return [...rows.values()]
        .filter((o) => o.card !== null && at(o) >= since.getTime() && cardState.get(o.id) !== o.state)
        .sort((a, b) => at(a) - at(b))
        .map(copy);
    },

    async setFacts(id, facts) {
      blip("setFacts");
      const op = row(id);
      if (!op) throw new Error(`Record to update not found: operation ${id}`);
      op.facts = asJson(facts);
      touch(op.id);
    },

    async inStates(states) {
      blip("inStates");
      // orderBy createdAt asc; Array.sort is stable, so operations created at one instant keep their insertion order.
      return [...rows.values()]
        .filter((o) => states.includes(o.state))
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
        .map(copy);
    },

    async confirmedSince(since) {
      blip("confirmedSince");
      return [...rows.values()]
        .filter((o) => o.confirmedAt !== null && o.confirmedAt.getTime() >= since.getTime())
        .sort((a, b) => (a.confirmedAt as Date).getTime() - (b.confirmedAt as Date).getTime())
        .map(copy);
    },
  };
}

export type MemoryCards = OperationCards & {
  posted: Array<{ channel: string; card: CardRef; op: Operation }>;
  refreshed: Operation[];
  /** What each card shows now (keyed by ts): the operation as it was last rendered. */
  shown: Map<string, Operation>;
  /** Slack's error for every post while set, e.g. "not_in_channel". */
  refusePosts: string | null;
  /** Every edit fails as a Slack outage would (the card can be edited later). */
  failRefreshes: boolean;
  /** Cards (by ts) Slack says can never be edited again (message_not_found). */
  gone: Set<string>;
  /** Runs inside a post, before Slack answers: lets a test move the world while the card is on its way. */
  whilePosting: (() => Promise<void>) | null;
};

export function memoryCards(): MemoryCards {
  let n = 0;
  const cards: MemoryCards = {
    posted: [],
    refreshed: [],
    shown: new Map(),
    refusePosts: null,
    failRefreshes: false,
    gone: new Set(),
    whilePosting: null,
    async post(channel, op) {
      await cards.whilePosting?.();
      // slack-operation-cards.ts turns any Slack refusal into CARD_NOT_POSTED with Slack's error as detail.
      if (cards.refusePosts) throw new AppError("CARD_NOT_POSTED", { detail: cards.refusePosts });
      const card = { channel, ts: `1700000000.${String(++n).padStart(6, "0")}` };
      cards.posted.push({ channel, card, op: copy(op) });
      cards.shown.set(card.ts, copy(op));
      return card;
    },
    async refresh(op) {
      // The adapter edits nothing for an operation that never got a card.
      if (!op.card) return true;
      if (cards.failRefreshes) throw new Error("ratelimited");
      if (cards.gone.has(op.card.ts)) return false;
      cards.refreshed.push(copy(op));
      cards.shown.set(op.card.ts, copy(op));
      return true;
    },
  };
  return cards;
}

export interface GhesScript {
  version: Answer<string>;
  /** null: no Manage API configured. */
  license: Answer<LicenseFacts | null>;
  /** The enterprise audit log's dotcom_connection events, in any order; null: no enterprise slug to read it with. */
  events: Answer<ConnectionEvent[] | null>;
}

export function scriptedGhes(hostname = "ghes.example.com"): GhesInstance & { script: GhesScript; asked: Array<Date | null> } {
  const script: GhesScript = {
    version: "3.15.2",
    license: { connectAllowed: true, customerName: "Acme Corp", publicKey: "PUBKEY" },
    events: [],
  };
  const asked: Array<Date | null> = [];
  return {
    hostname,
    settingsUrl: `https://${hostname}/enterprises/acme-ent/settings/dotcom_connection`,
    script,
    asked,
    version: () => answer(script.version),
    license: () => answer(script.license),
    async connectionEvents(since) {
      asked.push(since);
      const events = await answer(script.events);
      // ghes-instance.ts: at or after `since`, newest first. newestSwitch relies on that order.
      if (events === null) return null;
      return events.filter((e) => since === null || e.at.getTime() >= since.getTime()).sort((a, b) => b.at.getTime() - a.at.getTime());
    },
  };
}

export interface CloudScript {
  installation: Answer<InstallationStatus>;
  /** null: no token may read the list (no monitor token, or an org). */
  servers: Answer<string[] | null>;
}

export function scriptedCloud(): CloudInstance & { script: CloudScript } {
  const script: CloudScript = { installation: { installed: true, id: 42 }, servers: null };
  return { script, installation: () => answer(script.installation), connectedServers: () => answer(script.servers) };
}

export function scriptedPreflight(
  ghes: GhesInstance,
  cloud: CloudInstance,
  connections: ConnectionStore,
): PreflightDeps & { reachable: Answer<ReachabilityResult[]> } {
  const deps = {
    ghes,
    cloud,
    connections,
    reachable: [{ target: "https://github.com/", ok: true, detail: "200" }] as Answer<ReachabilityResult[]>,
    reach: { check: () => answer(deps.reachable) },
    fingerprint: (publicKey: string) => `SHA256:${publicKey.toLowerCase()}`,
  };
  return deps;
}

/** What GitHub says about one Slack user, on each side; an AppError is GitHub failing for that user. */
export interface PolicyUser {
  ghes: "site_admin" | "not_site_admin" | "not_linked" | AppError;
  cloud: "owner" | "member" | "pending" | "outsider" | "not_linked" | AppError;
  logins?: { ghes: string; cloud: string };
}

export type ScriptedPolicy = PolicyDeps & {
  set(ref: SlackUserRef, user: PolicyUser): Promise<void>;
  /** Every GitHub call made with a user's token, in order. */
  calls: string[];
  orgs: Set<string>;
  enterprises: Set<string>;
  /** Awaited inside each GitHub call: lets a test let time pass while GitHub answers. */
  duringCall: (() => Promise<void>) | null;
};

const noRefresh: DeviceFlowClient = {
  start: () => Promise.reject(new Error("no device flow in operation tests")),
  poll: () => Promise.reject(new Error("no device flow in operation tests")),
  refresh: () => Promise.reject(new Error("tokens without expiry are never refreshed")),
};

/**
 * The live two-sided policy over real UserTokens and memoryLinks: "not linked" is a missing link, and each
 * token names its user, whose scripted answers the GitHub APIs return.
 */
export function scriptedPolicy(deps: { clock: Clock; audit: AuditLog }): ScriptedPolicy {
  const links = memoryLinks();
  const users = new Map<string, PolicyUser & { logins: { ghes: string; cloud: string } }>();
  const keyOf = (ref: SlackUserRef) => `${ref.team}:${ref.user}`;
  const userOf = async (token: string, call: string) => {
    const key = token.split(":").slice(2).join(":");
    const user = users.get(key);
    if (!user) throw new Error(`unknown token ${token}`);
    policy.calls.push(`${call} ${key}`);
    await policy.duringCall?.();
    return user;
  };
  const cloudRole = async (token: string, call: string) => {
    const user = await userOf(token, call);
    if (user.cloud instanceof Error) throw user.cloud;
    return user.cloud;
  };
  const ghes: GithubUserApi = {
    async viewer(token) {
      const user = await userOf(token, "GHES viewer");
      if (user.ghes instanceof Error) throw user.ghes;
      return { login: user.logins.ghes, id: 1, siteAdmin: user.ghes === "site_admin" };
    },
  };
  const cloud: CloudUserApi = {
    viewer: async (token) => ({ login: (await userOf(token, "CLOUD viewer")).logins.cloud, id: 2, siteAdmin: false }),
    async orgMembership(token) {
      const role = await cloudRole(token, "CLOUD orgMembership");
      if (role === "outsider") return null;
      return { state: role === "pending" ? "pending" : "active", role: role === "member" ? "member" : "admin" };
    },
    async enterpriseOwnership(token) {
      const role = await cloudRole(token, "CLOUD enterpriseOwnership");
      return role === "outsider" ? null : { isOwner: role === "owner" };
    },
    orgExists: async (_token, org) => policy.orgs.has(org),
    enterpriseExists: async (_token, slug) => policy.enterprises.has(slug),
  };
  const policy: ScriptedPolicy = {
    tokens: createUserTokens({ links, deviceFlow: { GHES: noRefresh, CLOUD: noRefresh }, clock: deps.clock, audit: deps.audit }),
    ghes,
    cloud,
    audit: deps.audit,
    calls: [],
    orgs: new Set(["acme", "beta"]),
    enterprises: new Set(["globex"]),
    duringCall: null,
    async set(ref, user) {
      const logins = user.logins ?? { ghes: ref.user.toLowerCase(), cloud: `${ref.user.toLowerCase()}-gh` };
      users.set(keyOf(ref), { ...user, logins });
      for (const side of ["GHES", "CLOUD"] as const) {
        await links.remove(ref, side);
        if ((side === "GHES" ? user.ghes : user.cloud) === "not_linked") continue;
        const login = side === "GHES" ? logins.ghes : logins.cloud;
        // No expiry: UserTokens never refreshes them, so the device flow stays out of these tests.
        await links.save({
          ref,
          side,
          login,
          githubUserId: 1,
          clientId: side,
          accessToken: `tok:${side}:${keyOf(ref)}`,
          accessExpiresAt: null,
          refreshToken: null,
          refreshExpiresAt: null,
        });
      }
    },
  };
  return policy;
}

/** Slack's word on each user; anyone not set is a member. */
export function memoryDirectory(): SlackDirectory & { users: Map<string, SlackUserInfo> } {
  const users = new Map<string, SlackUserInfo>();
  return { users, lookup: async (userId) => users.get(userId) ?? { kind: "member", locale: "en-US" } };
}

export const TEST_SETTINGS: OperationSettings = {
  confirmationTtlMs: 15 * 60_000,
  requireSecondApprover: false,
  verifyIntervalMs: 30_000,
  applyTimeoutMs: 60 * 60_000,
};

/** Every port of the operation core in memory, wired as src/start-bot.ts wires the real ones (one audit log, one connection store). */
export function memoryOperationDeps(settings: Partial<OperationSettings> = {}) {
  const clock = manualClock();
  const audit = memoryAudit();
  const connections = memoryConnections();
  const outbox = memoryOutbox();
  const operations = memoryOperationStore({ audit, connections, outbox, clock });
  const ghes = scriptedGhes();
  const cloud = scriptedCloud();
  const preflight = scriptedPreflight(ghes, cloud, connections);
  const policy = scriptedPolicy({ clock, audit });
  const cards = memoryCards();
  const directory = memoryDirectory();
  const warnings: Array<{ message: string; error: unknown }> = [];
  const deps: OperationDeps = {
    operations,
    connections,
    ghes,
    cloud,
    reach: preflight.reach,
    fingerprint: preflight.fingerprint,
    policy,
    cards,
    directory,
    audit,
    clock,
    settings: { ...TEST_SETTINGS, ...settings },
    warn: (message, error) => void warnings.push({ message, error }),
  };
  return { deps, clock, audit, connections, outbox, operations, ghes, cloud, preflight, policy, cards, directory, warnings };
}
