import type { NoticeMessage, OperationResult } from "../../core/domain/notice.ts";
import { evidenceWords } from "../../core/messages/evidence-words.ts";
import { readerTime } from "../../core/messages/reader-time.ts";
import { reasonWords } from "../../core/messages/reason-words.ts";
import { type Translate, translator } from "../../core/messages/translate.ts";

function operationText(t: Translate, n: OperationResult): string {
  const kind = t(`kind.${n.account.kind}`);
  if (n.late)
    return t("notice.late", {
      kind,
      slug: n.account.slug,
      operation: n.operationId.slice(0, 8),
      actor: n.late.actor,
      at: readerTime(n.late.at),
    });
  const params = {
    hostname: n.hostname,
    kind,
    slug: n.account.slug,
    requester: n.requester,
    confirmer: n.confirmer ?? "?",
    evidence: evidenceWords(t, n.reason),
  };
  if (n.state === "VERIFIED") return t(`announce.VERIFIED.${n.op}`, params);
  return t(`announce.FAILED.${n.op}`, { ...params, reason: reasonWords(t, n.reason, n.requester) });
}

const SOURCE_KEYS = { ghes_audit: "notice.source.ghes_audit", app: "notice.source.app", ghec: "notice.source.ghec" } as const;
const list = (t: Translate, items: string[]) => (items.length ? items.map((i) => `\`${i}\``).join(", ") : t("notice.none"));
const sourceNames = (t: Translate, sources: string[]) =>
  sources.map((s) => (s in SOURCE_KEYS ? t(SOURCE_KEYS[s as keyof typeof SOURCE_KEYS]) : s)).join(", ");

/** The words of a notice, in the channel's language (NOTIFY_LANGUAGE): the whole channel reads it. */
export function renderNotice(message: NoticeMessage, language: "en" | "ja", links: { card?: string } = {}): string {
  const t = translator(language);
  switch (message.kind) {
    case "operation.result":
      return links.card ? `${operationText(t, message)}\n<${links.card}|${t("notice.cardLink")}>` : operationText(t, message);
    case "connection.out_of_band": {
      const account = message.account ? t("notice.account", { kind: t(`kind.${message.account.kind}`), slug: message.account.slug }) : "";
      return t(`notice.out_of_band.${message.change}`, {
        hostname: message.hostname,
        account,
        actor: message.actor,
        at: readerTime(message.at),
      });
    }
    case "token.updated":
      return t("notice.token.updated", { day: message.day, count: message.count, latest: readerTime(message.latest) });
    case "token.silent":
      return t("notice.token.silent", { hours: message.hours, last: readerTime(message.last) });
    case "token.resumed":
      return t("notice.token.resumed", { at: readerTime(message.at), since: readerTime(message.silentSince) });
    case "credential.expiring":
      return t("notice.credential.expiring", { variable: message.variable, expiresAt: readerTime(message.expiresAt), days: message.days });
    case "credential.rejected":
      return t("notice.credential.rejected", { variable: message.variable, detail: message.detail });
    case "credential.recovered":
      return t("notice.credential.recovered", { variable: message.variable });
    case "watch.blind":
      return t("notice.watch.blind", { sources: sourceNames(t, message.sources), since: readerTime(message.since) });
    case "watch.recovered":
      return t("notice.watch.recovered", { sources: sourceNames(t, message.sources) });
    case "cloud.drift":
      return t(message.github === "connected" ? "notice.drift.connected" : "notice.drift.not_connected", {
        hostname: message.hostname,
        kind: t(`kind.${message.account.kind}`),
        slug: message.account.slug,
      });
    case "cloud.drift_resolved":
      return t("notice.drift.resolved", {
        hostname: message.hostname,
        kind: t(`kind.${message.account.kind}`),
        slug: message.account.slug,
      });
    case "license_sync.failed":
      return t("notice.sync.failed", {
        kind: t(`kind.${message.account.kind}`),
        slug: message.account.slug,
        detail: message.detail,
        at: message.at ? t("notice.sync.at", { at: readerTime(message.at) }) : "",
      });
    case "license_sync.recovered":
      return t("notice.sync.recovered", {
        kind: t(`kind.${message.account.kind}`),
        slug: message.account.slug,
        at: message.at ? t("notice.sync.at", { at: readerTime(message.at) }) : "",
      });
    case "features.changed":
      return t("notice.features.changed", { now: list(t, message.now), added: list(t, message.added), removed: list(t, message.removed) });
    case "link.changed":
      return t(`notice.link.${message.change}`, {
        user: message.user,
        side: t(`side.${message.side}`),
        login: message.login,
        previous: message.previous ?? "",
      });
  }
}
