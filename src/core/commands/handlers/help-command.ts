import { context, header, type Reply, reply, text } from "../../domain/reply.ts";
import type { CommandContext } from "../command-context.ts";
import { COMMAND_SPECS, SLASH_COMMAND } from "../command-specs.ts";

/** The path from nothing to a connection first, then every command (also what `/ghconnect` alone answers). */
export async function helpCommand(ctx: CommandContext): Promise<Reply> {
  const lines = COMMAND_SPECS.map((s) => `\`${SLASH_COMMAND} ${s.usage}\` — ${ctx.t(s.summaryKey)}`);
  return reply(
    header(ctx.t("help.title")),
    text(`*${ctx.t("help.start.title")}*\n${ctx.t("help.start")}`),
    text(`*${ctx.t("help.commands")}*\n${lines.join("\n")}`),
    context(ctx.t("help.footer")),
  );
}
