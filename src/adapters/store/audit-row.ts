import type { AuditEventInput } from "../../core/ports.ts";

/** The row of an audit event: secrets scrubbed from every free-text field, lengths bounded. */
export function auditRow(event: AuditEventInput, scrub: (text: string) => string) {
  const clean = (value: string | undefined) => (value === undefined ? null : scrub(value).slice(0, 2000));
  return {
    actorTeam: event.actor?.team ?? null,
    actorUser: event.actor?.user ?? null,
    action: event.action,
    target: clean(event.target),
    decision: event.decision ?? null,
    reason: clean(event.reason),
    requestId: event.requestId ?? null,
    detail: event.detail ? JSON.parse(scrub(JSON.stringify(event.detail))) : undefined,
  };
}

