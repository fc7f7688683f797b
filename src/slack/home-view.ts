import type { Reply } from "../core/commands/reply.ts";
import { renderReply } from "./render-reply.ts";

export const LINK_ACTION = /^home-link:(ghes|cloud)$/;

/** The App Home tab: the latest notice (e.g. a sign-in code), the user's identities, and link buttons. */
// Product names only, so the buttons read the same in every language the bot speaks.
const LABELS = { ghes: "🔗 GHES", cloud: "🔗 GitHub.com" };

export function homeView(identities: Reply, notice: Reply | null) {
  const blocks = [
    ...(notice ? [...renderReply(notice).blocks, { type: "divider" }] : []),
    ...renderReply(identities).blocks,
    {
      type: "actions",
      block_id: "home-link",
      elements: [
        { type: "button", action_id: "home-link:ghes", text: { type: "plain_text", text: LABELS.ghes }, value: "ghes" },
        { type: "button", action_id: "home-link:cloud", text: { type: "plain_text", text: LABELS.cloud }, value: "cloud" },
      ],
    },
  ];
  return { type: "home" as const, blocks };
}
