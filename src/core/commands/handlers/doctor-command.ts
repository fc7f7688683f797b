import { doctorSummary, doctorText } from "../../doctor/doctor-text.ts";
import { type DoctorStatus, doctorFailed } from "../../doctor/run-doctor.ts";
import { context, header, type Reply, reply, text } from "../../domain/reply.ts";
import { readerTime } from "../../messages/reader-time.ts";
import type { CommandContext } from "../command-context.ts";
import { isGhesSiteAdmin } from "./ghes-site-admin.ts";
import { sectionChunks } from "./section-chunks.ts";

const MARK: Record<DoctorStatus, string> = { ok: "✅", warn: "⚠️", fail: "❌", skip: "➖" };

/** `npm run doctor` from inside the running bot, for GHES site administrators: the same checks, in the reader's words. */
export async function doctorCommand(ctx: CommandContext): Promise<Reply> {
  if (!(await isGhesSiteAdmin(ctx, "doctor.run"))) return reply(text(ctx.t("doctor.adminsOnly")));
  const lines = await ctx.deps.doctor();
  await ctx.deps.audit.record({
    actor: ctx.ref,
    action: "doctor.result",
    decision: doctorFailed(lines) ? "error" : "ok",
    requestId: ctx.requestId,
    reason:
      lines
        .filter((l) => l.status === "fail")
        .map((l) => l.check)
        .join(",") || "none failed",
  });
  const body = doctorText(lines, ctx.t, (iso) => readerTime(iso), ctx.requestId).map((l) => `${MARK[l.status]} \`${l.check}\` ${l.text}`);
  return reply(header(ctx.t("doctor.title")), ...sectionChunks(body).map(text), context(doctorSummary(lines, ctx.t)));
}
