import type { ConnectEvent } from "../../core/watch/watch-ports.ts";

interface AuditLogEntry {
  _document_id?: string;
  action?: string;
  actor?: string;
  "@timestamp"?: number;
}

/**
 * The entries of an audit-log answer (GHES or GitHub.com) whose action starts with `prefix`, oldest first. An
 * answer of another shape, or an entry without an action or a timestamp, is skipped, never thrown on. GitHub gives
 * every entry a document id; should one lack it, its own fields still tell it apart.
 */
export function auditLogEvents(data: unknown, prefix: string): ConnectEvent[] {
  if (!Array.isArray(data)) return [];
  return (data as Array<AuditLogEntry | null>)
    .filter(
      (e): e is AuditLogEntry & { action: string; "@timestamp": number } =>
        typeof e?.action === "string" && e.action.startsWith(prefix) && typeof e["@timestamp"] === "number",
    )
    .map((e) => {
      const actor = e.actor ?? "unknown";
      return { id: e._document_id ?? `${e.action}:${e["@timestamp"]}:${actor}`, action: e.action, actor, at: new Date(e["@timestamp"]) };
    })
    .sort((a, b) => a.at.getTime() - b.at.getTime());
}
