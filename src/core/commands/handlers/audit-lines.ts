import { evidenceWords } from "../../messages/evidence-words.ts";
import { readerTime } from "../../messages/reader-time.ts";
import type { MessageKey, Translate } from "../../messages/translate.ts";
import type { AccountKind, AuditEventRecord } from "../../ports.ts";

/** Each recorded action as a short phrase; an action not listed here is shown by its name. */
const PHRASES: Record<string, MessageKey> = {
  "command.invalid": "audit.action.command.invalid",
  "audit.read": "audit.action.audit.read",
  "authz.decision": "audit.action.authz.decision",
  "link.started": "audit.action.link.started",
  "link.created": "audit.action.link.created",
  "link.replaced": "audit.action.link.replaced",
  "link.removed": "audit.action.link.removed",
  "link.revoked": "audit.action.link.revoked",
  "link.refreshed": "audit.action.link.refreshed",
  "link.failed": "audit.action.link.failed",
  "operation.enable.requested": "audit.action.operation.enable.requested",
  "operation.disable.requested": "audit.action.operation.disable.requested",
  "operation.enable.denied": "audit.action.operation.enable.denied",
  "operation.disable.denied": "audit.action.operation.disable.denied",
  "operation.awaiting_confirmation": "audit.action.operation.awaiting_confirmation",
  "operation.confirmed": "audit.action.operation.confirmed",
  "operation.applying": "audit.action.operation.applying",
  "operation.verified": "audit.action.operation.verified",
  "operation.failed": "audit.action.operation.failed",
  "operation.cancelled": "audit.action.operation.cancelled",
  "operation.superseded": "audit.action.operation.superseded",
  "operation.expired": "audit.action.operation.expired",
  "operation.stopped": "audit.action.operation.stopped",
  "operation.confirm.refused": "audit.action.operation.click.refused",
  "operation.cancel.refused": "audit.action.operation.click.refused",
  "operation.stop.refused": "audit.action.operation.click.refused",
  "connect.create": "audit.action.connect.create",
  "connect.destroy": "audit.action.connect.destroy",
  "connect.token_updated": "audit.action.connect.token_updated",
};

function phrase(t: Translate, action: string): string {
  const known = PHRASES[action];
  if (known) return t(known);
  const command = /^command\.([a-z]+)(\.failed)?$/.exec(action);
  if (command) return t(command[2] ? "audit.action.command.failed" : "audit.action.command", { name: command[1] });
  if (action.startsWith("connect.cloud.")) return t("audit.action.connect.cloud", { action: action.slice("connect.cloud.".length) });
  return `\`${action}\``;
}

/** An account as the audit names it: with its kind when known (a command may name only the slug). */
export function accountWords(t: Translate, kind: AccountKind | null, slug: string): string {
  return kind ? t("audit.target.account", { kind: t(`kind.${kind}`), slug }) : `*${slug}*`;
}

function target(t: Translate, value: string | undefined): string {
  if (!value) return "";
  const operation = /^operation:([0-9a-f]{8})/.exec(value);
  if (operation) return t("audit.target.operation", { id: operation[1] });
  const account = /^(org|enterprise|\?):(.+)$/.exec(value);
  if (account) return accountWords(t, account[1] === "?" ? null : (account[1] as AccountKind), account[2] as string);
  return `\`${value}\``;
}

const MARK = { denied: " ⛔", error: " ❌" } as const;

/** One audit event as a line a reader can scan: when, who, what, about what, and whether it was refused. */
export function auditLine(t: Translate, e: AuditEventRecord): string {
  // Evidence in the reader's words; the applying step's reason only repeats its phrase.
  const reason =
    e.action === "operation.verified" ? evidenceWords(t, e.reason ?? null) : e.action === "operation.applying" ? "" : (e.reason ?? "");
  const parts = [readerTime(e.at), e.actor ? `<@${e.actor.user}>` : t("audit.actor.bot"), phrase(t, e.action), target(t, e.target)];
  const mark = e.decision === "denied" || e.decision === "error" ? MARK[e.decision] : "";
  return `${parts.filter(Boolean).join(" · ")}${mark}${reason ? t("audit.reason", { reason }) : ""}`;
}
