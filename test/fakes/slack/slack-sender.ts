// Sends correctly signed requests to a Bolt HTTP receiver, the way Slack does (slack-facts A1):
// form bodies are sent as strings with content-type exactly `application/x-www-form-urlencoded`
// (a `; charset=…` suffix makes Bolt JSON.parse the body and answer 400).
import { createHmac, randomBytes } from "node:crypto";

export const FAKE_APP_ID = "A0FAKEAPP";
export const FAKE_VERIFICATION_TOKEN = "fake-verification-token";

export interface CommandFields {
  command?: string;
  text: string;
  user_id: string;
  team_id: string;
  enterprise_id?: string;
  channel_id?: string;
  response_url: string;
  trigger_id?: string;
  user_name?: string;
}

export interface ActionPayload {
  user: { id: string; team_id: string };
  team?: { id: string };
  enterprise?: { id: string } | null;
  actions: Array<{ action_id: string; block_id?: string; value?: string; type?: string }>;
  response_url: string;
  channel?: { id: string };
  message?: { ts: string };
  container?: Record<string, unknown>;
}

export interface SlackSender {
  command(fields: CommandFields): Promise<Response>;
  action(payload: ActionPayload): Promise<Response>;
  event(body: Record<string, unknown>): Promise<Response>;
  raw(body: string, headers: Record<string, string>): Promise<Response>;
  sign(body: string, timestampSeconds?: number): { "x-slack-signature": string; "x-slack-request-timestamp": string };
}

const FORM = "application/x-www-form-urlencoded";
const fakeTriggerId = (): string => `${Date.now()}.${randomBytes(4).toString("hex")}`;

export function slackSender(eventsUrl: string, signingSecret: string): SlackSender {
  const sign: SlackSender["sign"] = (body, timestampSeconds = Math.floor(Date.now() / 1000)) => {
    const ts = String(timestampSeconds);
    const hex = createHmac("sha256", signingSecret).update(`v0:${ts}:${body}`).digest("hex");
    return { "x-slack-signature": `v0=${hex}`, "x-slack-request-timestamp": ts };
  };

  const raw: SlackSender["raw"] = (body, headers) =>
    fetch(eventsUrl, { method: "POST", body, headers: { "content-type": FORM, ...headers } });

  const signed = (body: string, contentType: string): Promise<Response> => raw(body, { "content-type": contentType, ...sign(body) });

  return {
    sign,
    raw,
    command: (f) => {
      const fields: Record<string, string> = {
        token: FAKE_VERIFICATION_TOKEN,
        team_id: f.team_id,
        team_domain: "fake-team",
        channel_id: f.channel_id ?? "C0FAKE",
        channel_name: "fake-channel",
        user_id: f.user_id,
        user_name: f.user_name ?? f.user_id.toLowerCase(),
        command: f.command ?? "/ghconnect",
        text: f.text,
        api_app_id: FAKE_APP_ID,
        is_enterprise_install: "false",
        response_url: f.response_url,
        trigger_id: f.trigger_id ?? fakeTriggerId(),
      };
      if (f.enterprise_id !== undefined) {
        fields.enterprise_id = f.enterprise_id;
        fields.enterprise_name = "Fake Enterprise";
      }
      return signed(new URLSearchParams(fields).toString(), FORM);
    },
    action: (p) => {
      const channel = p.channel ?? { id: "C0FAKE" };
      const messageTs = p.message?.ts ?? "1700000000.000100";
      const payload = {
        type: "block_actions",
        api_app_id: FAKE_APP_ID,
        token: FAKE_VERIFICATION_TOKEN,
        trigger_id: fakeTriggerId(),
        team: { id: p.team?.id ?? p.user.team_id, domain: "fake-team" },
        enterprise: p.enterprise ?? null,
        is_enterprise_install: false,
        user: { id: p.user.id, username: p.user.id.toLowerCase(), name: p.user.id.toLowerCase(), team_id: p.user.team_id },
        container: p.container ?? { type: "message", message_ts: messageTs, channel_id: channel.id, is_ephemeral: false },
        channel: { id: channel.id, name: "fake-channel" },
        message: { type: "message", ts: messageTs, text: "", ...p.message },
        response_url: p.response_url,
        actions: p.actions.map((a) => ({
          ...a,
          type: a.type ?? "button",
          block_id: a.block_id ?? "fake-block",
          action_ts: `${Date.now() / 1000}`,
        })),
        state: { values: {} },
      };
      return signed(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM);
    },
    event: (body) => signed(JSON.stringify(body), "application/json"),
  };
}
