import type { SlackUserRef } from "../core/ports.ts";
import { AppError } from "../errors.ts";

/** Links are keyed by the Grid id when there is one, so a user keeps them across workspaces of one Grid. */
export function slackUserRef(body: { enterprise_id?: string | null; team_id?: string | null; user_id: string }): SlackUserRef {
  const team = body.enterprise_id || body.team_id;
  if (!team) throw new AppError("SLACK_PAYLOAD_INVALID", { detail: "no team or enterprise id" });
  return { team, user: body.user_id };
}
