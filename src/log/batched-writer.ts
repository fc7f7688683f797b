/**
 * Log lines gathered and written once per turn of the event loop: a burst at LOG_LEVEL=debug logs about nine
 * lines per request, and one write each (synchronous for pipes and files) sat in the next request's ack.
 * Past `maxBytes` waiting, lines are counted instead of kept, and the count is logged with the next write.
 */
export interface BatchedWriter {
  write(line: string): void;
  /** Writes what waits now; called on exit so no line is lost on the way out. */
  flush(): void;
}

export function batchedWriter(out: (text: string) => void, maxBytes = 4 * 1024 * 1024): BatchedWriter {
  let pending: string[] = [];
  let bytes = 0;
  let dropped = 0;
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (dropped > 0) pending.push(`${new Date().toISOString()} WARN ghconnect ${dropped} log lines dropped: the log could not keep up\n`);
    if (pending.length > 0) out(pending.join(""));
    pending = [];
    bytes = 0;
    dropped = 0;
  };
  return {
    write(line) {
      if (bytes > maxBytes) {
        dropped++;
        return;
      }
      pending.push(`${line}\n`);
      bytes += line.length + 1;
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}
