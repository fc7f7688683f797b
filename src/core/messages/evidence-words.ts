import { readerTime } from "./reader-time.ts";
import type { Translate } from "./translate.ts";

// The evidence an operation was verified by is stored as one line of plain English (it is also the audit
// event's reason); readers get it in their language, with the time in their zone. These are its shapes.
const GHES_AUDIT = /^GHES audit log: (\S+) by (\S+) at (\S+?)( \(late\))?$/;
const CLOUD_LIST = /^GitHub Enterprise Cloud (lists|no longer lists) (\S+)$/;

export const ghesAuditEvidence = (action: string, actor: string, at: Date, late = false) =>
  `GHES audit log: ${action} by ${actor} at ${at.toISOString()}${late ? " (late)" : ""}`;

export const cloudListEvidence = (listed: boolean, hostname: string) =>
  `GitHub Enterprise Cloud ${listed ? "lists" : "no longer lists"} ${hostname}`;

/** Stored evidence as a reader reads it; a line of another shape (older records) is shown as it is. */
export function evidenceWords(t: Translate, evidence: string | null): string {
  if (!evidence) return "";
  const audit = GHES_AUDIT.exec(evidence);
  if (audit) {
    const [, action, actor, at, late] = audit;
    return t(late ? "evidence.ghesAudit.late" : "evidence.ghesAudit", { action, actor, at: readerTime(at) });
  }
  const list = CLOUD_LIST.exec(evidence);
  if (list) return t(list[1] === "lists" ? "evidence.cloudLists" : "evidence.cloudNoLongerLists", { hostname: list[2] });
  return evidence;
}
