import type { HomeModel } from "../core/commands/home-dashboard.ts";
import type { Reply } from "../core/domain/reply.ts";
import { translator } from "../core/messages/translate.ts";
import { renderReply } from "./render-reply.ts";

export const LINK_ACTION = /^home-link:(ghes|cloud)$/;
export const UNLINK_ACTION = /^home-unlink:(ghes|cloud)$/;

// Product names only, so the buttons read the same in every language the bot speaks.
const LABELS = { ghes: "GitHub Enterprise Server", cloud: "GitHub Enterprise Cloud" };
const WORD = { GHES: "ghes", CLOUD: "cloud" } as const;

/** The App Home tab: the latest notice (e.g. a sign-in code), the GitHub Connect dashboard, the viewer's links. */
export function homeView(model: HomeModel, notice: Reply | null) {
  const t = translator(model.locale);
  const unlink = model.linked.map((side) => ({
    type: "button",
    action_id: `home-unlink:${WORD[side]}`,
    text: { type: "plain_text", text: `${t("home.unlink")} ${LABELS[WORD[side]]}` },
    value: WORD[side],
  }));
  const blocks = [
    ...(notice ? [...renderReply(notice).blocks, { type: "divider" }] : []),
    ...renderReply(model.reply).blocks,
    {
      type: "actions",
      block_id: "home-link",
      elements: [
        { type: "button", action_id: "home-link:ghes", text: { type: "plain_text", text: `🔗 ${LABELS.ghes}` }, value: "ghes" },
        { type: "button", action_id: "home-link:cloud", text: { type: "plain_text", text: `🔗 ${LABELS.cloud}` }, value: "cloud" },
        ...unlink,
      ],
    },
  ];
  return { type: "home" as const, blocks };
}
