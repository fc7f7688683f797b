import { AsyncLocalStorage } from "node:async_hooks";

/**
 * The request a piece of work belongs to, carried by Node through every await and callback it starts: the log
 * lines and outbound calls of a slash command or a click carry its id without any function passing it along.
 */
const context = new AsyncLocalStorage<{ requestId: string }>();

export function withRequestId<T>(requestId: string, fn: () => T): T {
  return context.run({ requestId }, fn);
}

export function currentRequestId(): string | undefined {
  return context.getStore()?.requestId;
}
