import type { ConnectEvent } from "./watch-ports.ts";
import type { WatchCursor } from "./watch-state.ts";

/** How far back each pass looks again, for events an audit log indexes after their own timestamp. */
export const CURSOR_OVERLAP_MS = 60 * 60_000;

/** Where the next read starts. */
export const readFrom = (cursor: WatchCursor) => new Date(cursor.at - CURSOR_OVERLAP_MS);

/** The events not seen before (by id), and the cursor that remembers them; a restart neither misses nor repeats. */
export function advanceCursor(cursor: WatchCursor, events: readonly ConnectEvent[]): { fresh: ConnectEvent[]; cursor: WatchCursor } {
  const seen = new Set(cursor.seen.map((s) => s.id));
  const fresh = events.filter((e) => !seen.has(e.id) && e.at.getTime() >= cursor.at - CURSOR_OVERLAP_MS);
  const at = Math.max(cursor.at, ...events.map((e) => e.at.getTime()));
  const all = [...cursor.seen, ...fresh.map((e) => ({ id: e.id, at: e.at.getTime() }))];
  return { fresh, cursor: { at, seen: all.filter((s) => s.at >= at - CURSOR_OVERLAP_MS) } };
}

/** The first pass starts at the newest event (or now): history before the bot watched is not announced. */
export function baselineCursor(newest: readonly ConnectEvent[], now: Date): WatchCursor {
  const at = Math.max(now.getTime(), ...newest.map((e) => e.at.getTime()));
  return { at, seen: newest.filter((e) => e.at.getTime() >= at - CURSOR_OVERLAP_MS).map((e) => ({ id: e.id, at: e.at.getTime() })) };
}
