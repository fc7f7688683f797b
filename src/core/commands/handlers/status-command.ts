import type { AccountSpec } from "../../domain/account.ts";
import { IN_FLIGHT } from "../../domain/operation.ts";
import { type Reply, reply, text } from "../../domain/reply.ts";
import { readerTime } from "../../messages/reader-time.ts";
import { stateWords } from "../../messages/state-words.ts";
import type { Translate } from "../../messages/translate.ts";
import type { CommandContext, CommandDeps } from "../command-context.ts";
import { watchLines } from "./watch-lines.ts";

/** Each recorded connection and each operation in flight, optionally for one account name. */
export async function recordLines(
  t: Translate,
  { operations, connections }: Pick<CommandDeps, "operations" | "connections">,
  account: AccountSpec | null,
): Promise<string[]> {
  const matches = (a: { kind: string; slug: string }) =>
    !account || (a.slug === account.slug && (account.kind === null || a.kind === account.kind));
  const lines = (await connections.list())
    .filter((c) => matches(c.account))
    .map((c) =>
      t("status.connection", {
        kind: t(`kind.${c.account.kind}`),
        slug: c.account.slug,
        state: t(`status.${c.state}`),
        since: readerTime(c.changedAt),
        who: c.changedBy.team === "GHES" ? t("status.byGhes", { login: c.changedBy.user }) : `<@${c.changedBy.user}>`,
        verified: readerTime(c.lastVerifiedAt),
        hostname: c.hostname,
        version: c.ghesVersion ?? "?",
      }),
    );
  for (const op of (await operations.inStates(IN_FLIGHT)).filter((o) => matches(o.account))) {
    lines.push(
      t(`status.inFlight.${op.kind}`, {
        kind: t(`kind.${op.account.kind}`),
        slug: op.account.slug,
        state: stateWords(t, op.state),
        user: op.requestedBy.user,
        at: readerTime(op.createdAt),
      }),
    );
  }
  return lines;
}

/** The records, then the live watch. */
export async function statusCommand(ctx: CommandContext, account: AccountSpec | null): Promise<Reply> {
  const lines = await recordLines(ctx.t, ctx.deps, account);
  const watch = await watchLines(ctx.t, ctx.deps.watch, ctx.deps.clock.now());
  return reply(text(lines.length ? lines.join("\n") : ctx.t("status.none")), text(watch.join("\n")));
}
