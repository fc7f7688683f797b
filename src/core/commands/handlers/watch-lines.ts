import { readerTime } from "../../messages/reader-time.ts";
import type { MessageKey, Translate } from "../../messages/translate.ts";
import type { WatchView } from "../../watch/watch-view.ts";

/** GitHub's dates are shown as they parse; one that does not parse is shown as "?", never thrown. */
function at(value: string | Date | null): string {
  const date = value ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? readerTime(date) : "?";
}
const SOURCES: Record<string, MessageKey> = {
  ghes_audit: "notice.source.ghes_audit",
  app: "notice.source.app",
  ghec: "notice.source.ghec",
};
/** A watch that has not looked for this many intervals is shown as stale. */
const STALE_INTERVALS = 3;

/** The live picture from the watcher: GitHub's view of the connection, the watch's own health, credentials. */
export async function watchLines(t: Translate, watch: WatchView, now: Date): Promise<string[]> {
  const { state, holder, passAt } = await watch.load();
  const lines: string[] = [];
  const i = state.instance;
  if (i) {
    const account = i.account ? t("status.watch.account", { kind: t(`kind.${i.account.kind}`), slug: i.account.slug }) : "";
    lines.push(
      t(i.connected ? "status.watch.connected" : "status.watch.disconnected", {
        account,
        at: at(i.at),
        actor: i.actor,
        via: t(`status.watch.via.${i.via}`),
      }),
    );
  } else if (passAt) {
    lines.push(t("status.watch.unknown"));
  }
  if (state.token.last)
    lines.push(t("status.watch.renewal", { at: at(state.token.last), silent: state.token.silentSince ? t("status.watch.silent") : "" }));
  const c = state.cloud;
  if (c.enterprise && c.listedConnected !== null)
    lines.push(t(c.listedConnected ? "status.watch.github.listed" : "status.watch.github.unlisted", { slug: c.enterprise }));
  if (c.sync)
    lines.push(
      t("status.watch.sync", {
        status: c.sync.status,
        at: c.sync.date ? ` (${at(c.sync.date)})` : "",
        error: c.sync.error ? `: ${c.sync.error}` : "",
      }),
    );
  if (c.features)
    lines.push(
      t("status.watch.features", { features: c.features.length ? c.features.map((f) => `\`${f}\``).join(", ") : t("notice.none") }),
    );
  if (!watch.available) lines.push(t("status.watch.noSource"));
  if (!passAt) lines.push(t("status.watch.never"));
  else if (now.getTime() - passAt.getTime() > STALE_INTERVALS * watch.intervalMs) {
    lines.push(t("status.watch.stale", { minutes: Math.floor((now.getTime() - passAt.getTime()) / 60_000), at: at(passAt) }));
  } else {
    lines.push(t("status.watch.pass", { at: at(passAt), holder: holder ?? "?" }));
  }
  for (const [name, s] of Object.entries(state.sources)) {
    const source = SOURCES[name];
    if (!s.ok)
      lines.push(t("status.watch.failing", { source: source ? t(source) : name, since: at(s.failingSince), code: s.detail ?? "?" }));
  }
  for (const [variable, c] of Object.entries(state.credentials)) {
    if (c.rejected) lines.push(t("status.watch.rejected", { variable, detail: c.detail ?? "?" }));
    else if (c.expiresAt) lines.push(t("status.watch.expires", { variable, at: at(c.expiresAt) }));
  }
  const backlog = await watch.backlog();
  if (backlog.waiting > 0)
    lines.push(t("status.watch.backlog", { count: backlog.waiting, error: backlog.lastError ? ` (${backlog.lastError})` : "" }));
  if (backlog.givenUp > 0) lines.push(t("status.watch.givenUp", { count: backlog.givenUp, error: backlog.lastError ?? "?" }));
  return lines;
}
