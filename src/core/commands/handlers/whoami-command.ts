import type { AccountSpec } from "../../domain/account.ts";
import { SIDE_WORD } from "../../domain/account.ts";
import { context, header, type Reply, reply, text } from "../../domain/reply.ts";
import type { Translate } from "../../messages/translate.ts";
import { evaluatePolicy } from "../../policy/evaluate-policy.ts";
import { verdictLines } from "../../policy/verdict-lines.ts";
import type { StoredLink } from "../../ports.ts";
import type { CommandContext } from "../command-context.ts";

/** One line per side: the proven login, or how to link it. */
export function identityLines(t: Translate, links: readonly StoredLink[]): string[] {
  return (["GHES", "CLOUD"] as const).map((side) => {
    const link = links.find((l) => l.side === side);
    const sideName = t(`side.${side}`);
    return link
      ? t("whoami.linked", { side: sideName, login: link.login })
      : t("whoami.notLinked", { side: sideName, command: SIDE_WORD[side] });
  });
}

export async function whoamiCommand(ctx: CommandContext, account: AccountSpec | null): Promise<Reply> {
  if (!account) {
    const lines = identityLines(ctx.t, await ctx.deps.links.list(ctx.ref));
    return reply(header(ctx.t("whoami.title")), text(lines.join("\n")), context(ctx.t("whoami.hint")));
  }
  const result = await evaluatePolicy(ctx.deps.policy, ctx.ref, account, ctx.requestId);
  const params = { kind: ctx.t(`kind.${result.account.kind}`), slug: result.account.slug };
  return reply(
    text(ctx.t(result.allowed ? "whoami.verdict.allowed" : "whoami.verdict.denied", params)),
    text(verdictLines(ctx.t, result, ctx.requestId)),
    ...(result.allowed ? [context(ctx.t("whoami.next", { kind: result.account.kind, slug: result.account.slug }))] : []),
  );
}
