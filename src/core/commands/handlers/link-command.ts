import { type Reply, reply, text } from "../../domain/reply.ts";
import { describeError } from "../../messages/describe-error.ts";
import type { Side } from "../../ports.ts";
import type { CommandContext } from "../command-context.ts";

export async function linkCommand(ctx: CommandContext, side: Side): Promise<Reply> {
  const sideName = ctx.t(`side.${side}`);
  const { code, completion } = await ctx.deps.linker.start(ctx.ref, side, ctx.requestId, ctx.deps.shutdown);
  // The answer to the command is the code; the outcome arrives later as a follow-up.
  void completion.then(
    (outcome) =>
      ctx.followUp(
        reply(
          text(
            outcome.previousLogin
              ? ctx.t("link.replaced", { side: sideName, login: outcome.login, previous: outcome.previousLogin })
              : ctx.t("link.done", { side: sideName, login: outcome.login }),
          ),
        ),
      ),
    (error: unknown) =>
      ctx.deps.shutdown.aborted ? undefined : ctx.followUp(reply(...describeError(ctx.t, error, ctx.requestId).map(text))),
  );
  return reply(
    text(
      ctx.t("link.start", {
        side: sideName,
        url: code.verificationUri,
        code: code.userCode,
        minutes: Math.round(code.expiresInSeconds / 60),
      }),
    ),
  );
}
