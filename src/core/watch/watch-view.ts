import type { OutboxBacklog } from "../domain/notice.ts";
import type { WatchRecord } from "./watch-ports.ts";

/** What `status` and the App Home read about the watch. */
export interface WatchView {
  /** false without GHES_ENTERPRISE: the audit log cannot be read. */
  available: boolean;
  intervalMs: number;
  load(): Promise<WatchRecord>;
  backlog(): Promise<OutboxBacklog>;
}
