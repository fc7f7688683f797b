import { type Reply, reply, text } from "../../domain/reply.ts";
import type { Side } from "../../ports.ts";
import type { CommandContext } from "../command-context.ts";

export async function unlinkCommand(ctx: CommandContext, side: Side | null): Promise<Reply> {
  const removed = await ctx.deps.linker.unlink(ctx.ref, side, ctx.requestId);
  if (removed.length === 0) return reply(text(ctx.t("unlink.none")));
  return reply(...removed.map((r) => text(ctx.t("unlink.done", { side: ctx.t(`side.${r.side}`), login: r.login }))));
}
