import type { AuditEventInput } from "../../core/ports.ts";
import { storableJson, storableText } from "./storable-text.ts";

/** The row of an audit event: secrets scrubbed from every free-text field, lengths bounded. */
export function auditRow(event: AuditEventInput, scrub: (text: string) => string) {
  const clean = (value: string | undefined) => (value === undefined ? null : storableText(scrub(value), 2000));
  return {
    actorTeam: event.actor?.team ?? null,
    actorUser: event.actor?.user ?? null,
    action: event.action,
    target: clean(event.target),
    decision: event.decision ?? null,
    reason: clean(event.reason),
    requestId: event.requestId ?? null,
    detail: event.detail
      ? storableJson(JSON.parse(scrub(JSON.stringify(event.detail))) as NonNullable<AuditEventInput["detail"]>, 2000)
      : undefined,
  };
}
