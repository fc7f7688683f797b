import type { Reachability } from "../../core/operations/instance-ports.ts";
import { type FetchLike, timedFetch } from "./build-octokit.ts";

/**
 * GitHub Connect needs github.com and api.github.com reachable (through the proxy when there is one). Any HTTP
 * answer proves the route; only a network failure or a timeout counts as unreachable.
 */
export function reachability(targets: string[], fetchImpl?: FetchLike): Reachability {
  const send = fetchImpl ?? timedFetch();
  return {
    check: () =>
      Promise.all(
        targets.map(async (target) => {
          try {
            const response = await send(target, { method: "GET", redirect: "manual" });
            await response.body?.cancel();
            return { target, ok: true, detail: `HTTP ${response.status}` };
          } catch (error) {
            const e = error as { name?: string; cause?: { code?: string }; code?: string };
            return { target, ok: false, detail: e.name === "TimeoutError" ? "timeout" : (e.cause?.code ?? e.code ?? "network error") };
          }
        }),
      ),
  };
}
