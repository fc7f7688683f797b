import { header, type Reply, reply, text } from "../domain/reply.ts";
import { localeOf, translator } from "../messages/translate.ts";
import type { Side, SlackUserRef } from "../ports.ts";
import type { CommandDeps } from "./command-context.ts";
import { recordLines } from "./handlers/status-command.ts";
import { watchLines } from "./handlers/watch-lines.ts";
import { identityLines } from "./handlers/whoami-command.ts";

export interface HomeModel {
  reply: Reply;
  /** The sides the viewer has linked (each gets an unlink button). */
  linked: Side[];
  locale: "en" | "ja";
}

/**
 * The App Home: GitHub Connect as the records and the watcher see it, and the viewer's own links, in the
 * viewer's language. Looking is not an action: nothing is recorded.
 */
export async function homeDashboard(
  deps: Pick<CommandDeps, "operations" | "connections" | "clock" | "watch" | "links" | "directory">,
  ref: SlackUserRef,
): Promise<HomeModel> {
  const user = await deps.directory.lookup(ref.user).catch(() => null);
  const locale = localeOf(user?.locale);
  const t = translator(locale);
  const records = await recordLines(t, deps, null);
  const watch = await watchLines(t, deps.watch, deps.clock.now());
  const links = await deps.links.list(ref);
  const identities = identityLines(t, links);
  return {
    reply: reply(
      header(t("home.title")),
      text([...(records.length ? records : [t("status.none")]), ...watch].join("\n")),
      header(t("whoami.title")),
      text(identities.join("\n")),
    ),
    linked: links.map((l) => l.side),
    locale,
  };
}
