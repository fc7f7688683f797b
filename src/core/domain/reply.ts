/** What a command answers, independent of Slack: the edge renders it as Block Kit. */
export type ReplyBlock =
  | { kind: "header"; text: string }
  | { kind: "text"; text: string }
  | { kind: "context"; text: string }
  /** A button that opens a page (the device sign-in's verification page); clicking it does nothing in the bot. */
  | { kind: "link"; text: string; url: string };
export interface Reply {
  blocks: ReplyBlock[];
}

export const reply = (...blocks: ReplyBlock[]): Reply => ({ blocks });
export const text = (t: string): ReplyBlock => ({ kind: "text", text: t });
export const header = (t: string): ReplyBlock => ({ kind: "header", text: t });
export const context = (t: string): ReplyBlock => ({ kind: "context", text: t });
export const link = (t: string, url: string): ReplyBlock => ({ kind: "link", text: t, url });
