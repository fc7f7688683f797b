import { context, link, type Reply, reply, text } from "../../domain/reply.ts";
import { describeError } from "../../messages/describe-error.ts";
import { readerTime } from "../../messages/reader-time.ts";
import type { Side } from "../../ports.ts";
import type { CommandContext } from "../command-context.ts";

/** What to do after linking `side`: the other side, or, with both linked, the live check. */
async function nextStep(ctx: CommandContext, side: Side): Promise<string> {
  const linked = new Set((await ctx.deps.links.list(ctx.ref)).map((l) => l.side));
  const other: Side = side === "GHES" ? "CLOUD" : "GHES";
  if (!linked.has(other)) return ctx.t(other === "CLOUD" ? "link.next.cloud" : "link.next.ghes");
  return ctx.t("link.next.whoami");
}

export async function linkCommand(ctx: CommandContext, side: Side): Promise<Reply> {
  const sideName = ctx.t(`side.${side}`);
  const { code, completion } = await ctx.deps.linker.start(ctx.ref, side, ctx.requestId, ctx.deps.shutdown);
  // The answer to the command is the code; the outcome arrives later as a follow-up.
  void completion.then(
    async (outcome) =>
      ctx.followUp(
        reply(
          text(
            outcome.previousLogin
              ? ctx.t("link.replaced", { side: sideName, login: outcome.login, previous: outcome.previousLogin })
              : ctx.t("link.done", { side: sideName, login: outcome.login }),
          ),
          // Without the list of links, no claim about them: only where to look.
          context(await nextStep(ctx, side).catch(() => ctx.t("link.next.unknown"))),
        ),
      ),
    (error: unknown) =>
      ctx.deps.shutdown.aborted ? undefined : ctx.followUp(reply(...describeError(ctx.t, error, ctx.requestId).map(text))),
  );
  const expires = new Date(ctx.deps.clock.now().getTime() + code.expiresInSeconds * 1000);
  return reply(
    text(ctx.t("link.start", { side: sideName })),
    text(ctx.t("link.code", { code: code.userCode })),
    link(ctx.t("link.open", { side: sideName }), code.verificationUri),
    context(ctx.t("link.expires", { expires: readerTime(expires, "time"), url: code.verificationUri })),
  );
}
