import type { KnownBlock } from "@slack/types";
import type { WebClient } from "@slack/web-api";
import type { NoticeChannel, PendingNotice } from "../../core/domain/notice.ts";
import { renderNotice } from "./render-notice.ts";
import { slackPermalink } from "./slack-permalink.ts";

const message = async (client: WebClient, n: PendingNotice, language: "en" | "ja") => {
  const card = n.message.kind === "operation.result" ? await slackPermalink(client, n.message.card) : undefined;
  const text = renderNotice(n.message, language, card ? { card } : {}).slice(0, 3000);
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] as KnownBlock[] };
};

/** Notices as channel messages: in their connection's thread once it has a parent, alerts broadcast. */
export function slackNoticeChannel(client: WebClient, language: "en" | "ja"): NoticeChannel {
  return {
    async post(n) {
      const threaded = n.threadTs ? { thread_ts: n.threadTs, ...(n.broadcast ? { reply_broadcast: true } : {}) } : {};
      const result = await client.chat.postMessage({ channel: n.channel, ...(await message(client, n, language)), ...threaded });
      return result.ts as string;
    },
    async update(n, ts) {
      await client.chat.update({ channel: n.channel, ts, ...(await message(client, n, language)) });
    },
  };
}
