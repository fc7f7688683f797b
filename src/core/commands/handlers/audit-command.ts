import { isAppError } from "../../../errors.ts";
import { header, type Reply, reply, text } from "../../domain/reply.ts";
import { readerTime } from "../../messages/reader-time.ts";
import type { CommandContext } from "../command-context.ts";

/** The latest audit events, for GHES site administrators only (asked live with their own GHES token). */
export async function auditCommand(ctx: CommandContext, limit: number): Promise<Reply> {
  const { tokens, ghes } = ctx.deps.policy;
  const admin = await tokens
    .withToken(ctx.ref, "GHES", async (token) => (await ghes.viewer(token)).siteAdmin)
    .catch((error: unknown) => {
      if (isAppError(error, "NOT_LINKED")) return false;
      throw error;
    });
  await ctx.deps.audit.record({
    actor: ctx.ref,
    action: "audit.read",
    decision: admin ? "allowed" : "denied",
    requestId: ctx.requestId,
    ...(admin ? {} : { reason: "not a GHES site admin" }),
  });
  if (!admin) return reply(text(ctx.t("audit.adminsOnly")));
  const events = await ctx.deps.audit.latest(limit);
  if (events.length === 0) return reply(text(ctx.t("audit.none")));
  const lines = events.map((e) =>
    [readerTime(e.at), e.action, e.target ?? "", e.decision ?? "", e.reason ? `(${e.reason})` : "", e.actor ? `<@${e.actor.user}>` : ""]
      .filter(Boolean)
      .join(" "),
  );
  return reply(header(ctx.t("audit.title")), text(lines.join("\n")));
}
