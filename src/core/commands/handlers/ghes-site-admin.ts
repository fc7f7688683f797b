import { isAppError } from "../../../errors.ts";
import type { CommandContext } from "../command-context.ts";

/**
 * Whether the user is, now, a GHES site administrator: asked live with their own linked GHES token, and
 * recorded either way under `action`. Not linked is not an administrator.
 */
export async function isGhesSiteAdmin(ctx: CommandContext, action: string): Promise<boolean> {
  const { tokens, ghes } = ctx.deps.policy;
  const admin = await tokens
    .withToken(ctx.ref, "GHES", async (token) => (await ghes.viewer(token)).siteAdmin)
    .catch((error: unknown) => {
      if (isAppError(error, "NOT_LINKED")) return false;
      throw error;
    });
  await ctx.deps.audit.record({
    actor: ctx.ref,
    action,
    decision: admin ? "allowed" : "denied",
    requestId: ctx.requestId,
    ...(admin ? {} : { reason: "not a GHES site admin" }),
  });
  return admin;
}
