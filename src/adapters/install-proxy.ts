import type { Dispatcher } from "undici";
import type { Config } from "../config.ts";

export interface InstalledProxy {
  /** What Socket Mode's WebSocket must be given: it does not use the process's dispatcher by itself. */
  dispatcher: Dispatcher;
  /** Puts back the dispatcher this one replaced, so a process that stops a bot is left as it was. */
  restore(): void;
}

/**
 * Node's fetch ignores HTTPS_PROXY by itself; this global dispatcher makes every outbound call honour it (and
 * NO_PROXY). undici is imported only when there is a proxy: it costs a start without one about 50 ms.
 */
export async function installProxy(proxy: Config["proxy"]): Promise<InstalledProxy | null> {
  if (!proxy) return null;
  const { EnvHttpProxyAgent, getGlobalDispatcher, setGlobalDispatcher } = await import("undici");
  const previous = getGlobalDispatcher();
  const dispatcher = new EnvHttpProxyAgent({ httpsProxy: proxy.httpsProxy, httpProxy: proxy.httpsProxy, noProxy: proxy.noProxy ?? "" });
  setGlobalDispatcher(dispatcher);
  return { dispatcher, restore: () => setGlobalDispatcher(previous) };
}
