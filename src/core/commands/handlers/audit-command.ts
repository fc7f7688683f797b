import type { AccountSpec } from "../../domain/account.ts";
import { context, header, type Reply, reply, text } from "../../domain/reply.ts";
import type { CommandContext } from "../command-context.ts";
import { accountWords, auditLine } from "./audit-lines.ts";
import { isGhesSiteAdmin } from "./ghes-site-admin.ts";
import { sectionChunks } from "./section-chunks.ts";

export interface AuditQuery {
  limit: number;
  account: AccountSpec | null;
  user: string | null;
}

/** The latest audit events, for GHES site administrators only (asked live with their own GHES token). */
export async function auditCommand(ctx: CommandContext, query: AuditQuery): Promise<Reply> {
  const admin = await isGhesSiteAdmin(ctx, "audit.read");
  if (!admin) return reply(text(ctx.t("audit.adminsOnly")));
  const { t } = ctx;
  const events = await ctx.deps.audit.latest(query.limit, {
    ...(query.account ? { account: query.account } : {}),
    ...(query.user ? { user: query.user } : {}),
  });
  const about = [query.account ? accountWords(t, query.account.kind, query.account.slug) : "", query.user ? `<@${query.user}>` : ""]
    .filter(Boolean)
    .join(", ");
  const footer = context(t("audit.githubSide"));
  if (events.length === 0) return reply(text(about ? t("audit.noneFiltered", { what: about }) : t("audit.none")), footer);
  return reply(
    // A header is plain text: a mention or *bold* in it would show raw, so a filtered title is a line of text.
    about ? text(t("audit.titleFiltered", { what: about })) : header(t("audit.title")),
    ...sectionChunks(events.map((e) => auditLine(t, e))).map(text),
    footer,
  );
}
