/**
 * The work after an ack, run a few at a time. Acks stay cheap under a burst only when the event loop is not
 * shared with hundreds of half-done commands: a burst waits here in arrival order instead. Past `maxWaiting`
 * the job is dropped and `onDrop` says so (the user was already acked; the edge tells them to try again).
 */
export interface WorkQueue {
  push(job: () => Promise<void>, onDrop: () => void): void;
  /** Jobs running and waiting: for metrics and for shutdown. */
  size(): { running: number; waiting: number };
  /** Resolves when nothing runs or waits. */
  idle(): Promise<void>;
}

export function workQueue(concurrency: number, maxWaiting: number, onError: (error: unknown) => void): WorkQueue {
  const waiting: Array<() => Promise<void>> = [];
  let running = 0;
  let idleWaiters: Array<() => void> = [];

  const next = (): void => {
    while (running < concurrency && waiting.length > 0) {
      const job = waiting.shift() as () => Promise<void>;
      running++;
      void job()
        .catch(onError)
        .finally(() => {
          running--;
          next();
        });
    }
    if (running === 0 && waiting.length === 0) {
      const done = idleWaiters;
      idleWaiters = [];
      for (const resolve of done) resolve();
    }
  };

  return {
    push(job, onDrop) {
      if (waiting.length >= maxWaiting) return onDrop();
      waiting.push(job);
      // Started on a later turn, so the ack's response is written before any of the work runs.
      setImmediate(next);
    },
    size: () => ({ running, waiting: waiting.length }),
    idle: () => (running === 0 && waiting.length === 0 ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve))),
  };
}
