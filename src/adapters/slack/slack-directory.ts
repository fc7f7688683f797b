import type { WebClient } from "@slack/web-api";
import type { SlackDirectory } from "../../core/ports.ts";
import { AppError } from "../../errors.ts";

/** Asks Slack, live, who a user is: guests and deactivated users are refused before any GitHub call. */
export function slackDirectory(client: WebClient): SlackDirectory {
  return {
    async lookup(userId) {
      let user: Awaited<ReturnType<WebClient["users"]["info"]>>["user"];
      try {
        ({ user } = await client.users.info({ user: userId, include_locale: true }));
      } catch (error) {
        const detail = (error as { data?: { error?: string }; code?: string }).data?.error ?? (error as { code?: string }).code ?? "error";
        throw new AppError("SLACK_UNAVAILABLE", { detail }, { cause: error });
      }
      if (!user) throw new AppError("SLACK_UNAVAILABLE", { detail: "no user" });
      const kind = user.deleted ? "deleted" : user.is_bot ? "bot" : user.is_restricted || user.is_ultra_restricted ? "guest" : "member";
      return { kind, locale: user.locale ?? null };
    },
  };
}
