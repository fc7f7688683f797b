import type { Reachability } from "../../core/operations/instance-ports.ts";
import { type FetchLike, timedFetch } from "./build-octokit.ts";

/**
 * GitHub Connect needs github.com and api.github.com reachable (through the proxy when there is one). An answer
 * from GitHub proves the route; a network failure, a timeout, or a proxy's own refusal (407, 502, 503, 504)
 * does not.
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
            const refused = response.status === 407 || response.status === 502 || response.status === 503 || response.status === 504;
            const date = refused ? Number.NaN : Date.parse(response.headers.get("date") ?? "");
            return { target, ok: !refused, detail: `HTTP ${response.status}`, ...(Number.isNaN(date) ? {} : { date: new Date(date) }) };
          } catch (error) {
            const e = error as { name?: string; cause?: { code?: string }; code?: string };
            return { target, ok: false, detail: e.name === "TimeoutError" ? "timeout" : (e.cause?.code ?? e.code ?? "network error") };
          }
        }),
      ),
  };
}
