import type { WatchDeps } from "./run-watch-pass.ts";
import { runWatchPass } from "./run-watch-pass.ts";
import type { Lease } from "./watch-ports.ts";

/**
 * The watch loop of one replica. Exactly one replica holds the lease and watches; the others only try to
 * take it, twice an interval, so a dead holder is replaced within two intervals (the lease lasts 1.5).
 */
export async function runWatcher(deps: WatchDeps, holder: string, signal: AbortSignal): Promise<void> {
  const { intervalMs } = deps.settings;
  const ttlMs = Math.round(intervalMs * 1.5);
  let lease: Lease | null = null;
  while (!signal.aborted) {
    const now = deps.clock.now();
    lease = await deps.store.acquire(holder, now, ttlMs).catch((error: unknown) => {
      deps.warn("watcher: the lease could not be taken", error);
      return null;
    });
    if (lease) {
      const committed = await runWatchPass(deps, lease, ttlMs).catch((error: unknown) => {
        deps.warn("watcher pass failed", error);
        return true;
      });
      if (!committed) deps.warn("watcher: another replica took over during the pass; nothing was written", null);
    }
    // Timed from the start of the pass, so a slow pass does not stretch the interval (nor lapse the lease).
    const elapsed = deps.clock.now().getTime() - now.getTime();
    await deps.clock.sleep(Math.max(0, (lease ? intervalMs : intervalMs / 2) - elapsed), signal).catch(() => {});
  }
  if (lease) await deps.store.release(lease).catch(() => {});
}
