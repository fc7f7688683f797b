import type { ConnectEvent } from "./watch-ports.ts";
import type { WatchCursor } from "./watch-state.ts";

/** How far back each read reaches before the cursor: an audit log may index an event after its own timestamp. */
export const CURSOR_OVERLAP_MS = 60 * 60_000;
const DAY_MS = 86_400_000;

/**
 * Where a read starts: the start of the day before the cursor (less the overlap). The search narrows by whole
 * days, and the extra day keeps a bot whose clock runs ahead of GHES's from reading past events it has not seen.
 */
export function readFrom(cursor: WatchCursor | null, now: Date): Date {
  const base = Math.min(cursor?.at ?? now.getTime(), now.getTime()) - CURSOR_OVERLAP_MS - DAY_MS;
  return new Date(Math.floor(base / DAY_MS) * DAY_MS);
}

/**
 * The events not seen before, told apart by id only (two clocks never decide), and the cursor that remembers
 * every id the next read can return again; a restart neither misses nor repeats an event.
 */
export function advanceCursor(
  cursor: WatchCursor,
  events: readonly ConnectEvent[],
  now: Date,
): { fresh: ConnectEvent[]; cursor: WatchCursor } {
  const from = readFrom(cursor, now).getTime();
  const seen = new Set(cursor.seen.map((s) => s.id));
  const fresh = events.filter((e) => !seen.has(e.id) && e.at.getTime() >= from);
  const at = Math.max(cursor.at, ...events.map((e) => e.at.getTime()));
  const next = { at, seen: [] as WatchCursor["seen"] };
  const keepFrom = readFrom(next, now).getTime();
  next.seen = [...cursor.seen, ...fresh.map((e) => ({ id: e.id, at: e.at.getTime() }))].filter((s) => s.at >= keepFrom);
  return { fresh, cursor: next };
}

/** The first read: everything it returned counts as seen, so history from before the bot watched is not told. */
export function baselineCursor(events: readonly ConnectEvent[], now: Date): WatchCursor {
  const at = events.length ? Math.max(...events.map((e) => e.at.getTime())) : now.getTime();
  return { at, seen: events.map((e) => ({ id: e.id, at: e.at.getTime() })) };
}
