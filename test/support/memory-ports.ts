import type { AuditEventInput, AuditLog, Claims, Clock, LinkStore, StoredLink } from "../../src/core/ports.ts";

/** In-memory ports for core tests: the same contracts as the Prisma adapters, without SQL. */
export function memoryLinks(): LinkStore & { rows: Map<string, StoredLink> } {
  const rows = new Map<string, StoredLink>();
  const key = (team: string, user: string, side: string) => `${team}:${user}:${side}`;
  return {
    rows,
    get: async (ref, side) => rows.get(key(ref.team, ref.user, side)) ?? null,
    list: async (ref) => [...rows.values()].filter((l) => l.ref.team === ref.team && l.ref.user === ref.user),
    save: async (link) => void rows.set(key(link.ref.team, link.ref.user, link.side), { ...link, updatedAt: new Date() }),
    replaceTokens: async (ref, side, previous, tokens) => {
      const current = rows.get(key(ref.team, ref.user, side));
      if (!current || current.refreshToken !== previous) return false;
      rows.set(key(ref.team, ref.user, side), { ...current, ...tokens });
      return true;
    },
    remove: async (ref, side) => rows.delete(key(ref.team, ref.user, side)),
  };
}

export function memoryAudit(): AuditLog & { events: AuditEventInput[] } {
  const events: AuditEventInput[] = [];
  return {
    events,
    record: async (e) => void events.push(e),
    latest: async (n) =>
      events
        .slice(-n)
        .reverse()
        .map((e, i) => ({ ...e, id: String(i), at: new Date() })),
  };
}

/** Time moves only when the code under test sleeps, so polling loops run instantly and deterministically. */
export function manualClock(start = new Date("2026-11-23T12:00:00Z")): Clock & { sleeps: number[] } {
  let now = start.getTime();
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => new Date(now),
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      now += ms;
    },
  };
}

export function memoryClaims(): Claims & { held: Set<string> } {
  const held = new Set<string>();
  return {
    held,
    take: async (key) => {
      if (held.has(key)) return false;
      held.add(key);
      return true;
    },
    release: async (key) => void held.delete(key),
  };
}
