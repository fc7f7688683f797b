import { IN_FLIGHT } from "../../operations/operation.ts";
import type { CommandContext } from "../command-context.ts";
import type { AccountSpec } from "../parse-command.ts";
import { type Reply, reply, text } from "../reply.ts";
import { watchLines } from "./watch-lines.ts";

const at = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace("T", " ") : "?");

/** Each recorded connection and each operation in flight (optionally for one account name), then the live watch. */
export async function statusCommand(ctx: CommandContext, account: AccountSpec | null): Promise<Reply> {
  const { operations, connections } = ctx.deps.ops;
  const matches = (a: { kind: string; slug: string }) => !account || (a.slug === account.slug && (account.kind === null || a.kind === account.kind));
  const lines = (await connections.list()).filter((c) => matches(c.account)).map((c) =>
    ctx.t("status.connection", {
      kind: ctx.t(`kind.${c.account.kind}`),
      slug: c.account.slug,
      state: ctx.t(`status.${c.state}`),
      since: at(c.changedAt),
      who: c.changedBy.team === "GHES" ? ctx.t("status.byGhes", { login: c.changedBy.user }) : `<@${c.changedBy.user}>`,
      verified: at(c.lastVerifiedAt),
      hostname: c.hostname,
      version: c.ghesVersion ?? "?",
    }),
  );
  for (const op of (await operations.inStates(IN_FLIGHT)).filter((o) => matches(o.account))) {
    lines.push(
      ctx.t("status.inFlight", { verb: ctx.t(`op.verb.${op.kind}`), kind: ctx.t(`kind.${op.account.kind}`), slug: op.account.slug, state: op.state, user: op.requestedBy.user, at: at(op.createdAt) }),
    );
  }
  const watch = await watchLines(ctx.t, ctx.deps.watch, ctx.deps.ops.clock.now());
  return reply(text(lines.length ? lines.join("\n") : ctx.t("status.none")), text(watch.join("\n")));
}
