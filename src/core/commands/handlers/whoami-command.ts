import { evaluatePolicy } from "../../policy/evaluate-policy.ts";
import { verdictLines } from "../../policy/verdict-lines.ts";
import { SIDE_WORD } from "../command-specs.ts";
import type { CommandContext } from "../command-context.ts";
import type { AccountSpec } from "../parse-command.ts";
import { type Reply, context, header, reply, text } from "../reply.ts";

export async function whoamiCommand(ctx: CommandContext, account: AccountSpec | null): Promise<Reply> {
  if (!account) {
    const links = await ctx.deps.links.list(ctx.ref);
    const lines = (["GHES", "CLOUD"] as const).map((side) => {
      const link = links.find((l) => l.side === side);
      const sideName = ctx.t(`side.${side}`);
      return link ? ctx.t("whoami.linked", { side: sideName, login: link.login }) : ctx.t("whoami.notLinked", { side: sideName, command: SIDE_WORD[side] });
    });
    return reply(header(ctx.t("whoami.title")), text(lines.join("\n")), context(ctx.t("whoami.hint")));
  }
  const result = await evaluatePolicy(ctx.deps.policy, ctx.ref, account, ctx.requestId);
  const params = { kind: ctx.t(`kind.${result.account.kind}`), slug: result.account.slug };
  return reply(
    text(ctx.t(result.allowed ? "whoami.verdict.allowed" : "whoami.verdict.denied", params)),
    text(verdictLines(ctx.t, result, ctx.requestId)),
  );
}
