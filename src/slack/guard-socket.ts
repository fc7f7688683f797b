import { checkCommand, checkEvent, checkInteraction, isObject, type Listened, type Verdict } from "./payload-shape.ts";

/** The part of @slack/socket-mode's client the guard needs: its message event and its acknowledgement. */
export interface SocketClient {
  listeners(event: "ws_message"): Array<(data: unknown, isBinary: boolean) => unknown>;
  removeAllListeners(event: "ws_message"): unknown;
  on(event: "ws_message", listener: (data: unknown, isBinary: boolean) => unknown): unknown;
  send(envelopeId: string, body?: Record<string, unknown>): Promise<void>;
}

function judge(envelope: Record<string, unknown>, o: Listened): Verdict {
  const payload = envelope.payload;
  switch (envelope.type) {
    case "slash_commands":
      return isObject(payload)
        ? checkCommand(payload.command, payload.user_id, payload.team_id, o)
        : { status: 400, reason: "command without a payload" };
    case "interactive":
      return checkInteraction(payload, o);
    case "events_api":
      return checkEvent(payload, o);
    default:
      // hello, disconnect and anything Slack adds later: the client's own business.
      return { status: "pass" };
  }
}

/**
 * The HTTP door's shape rules for Socket Mode (decision 005). The Socket Mode client reads `payload.event.type`
 * of every events_api envelope and Bolt reads `body.user.id` of every click before any listener runs, so an
 * envelope of another shape became an unhandled rejection. Such an envelope is acknowledged (so Slack does not
 * send it again), logged once, and never reaches Bolt.
 */
export function guardSocket(client: SocketClient, o: Listened & { log(message: string): void }): void {
  const inner = client.listeners("ws_message");
  client.removeAllListeners("ws_message");
  client.on("ws_message", (data, isBinary) => {
    let envelope: unknown;
    try {
      envelope = isBinary ? null : JSON.parse(typeof data === "string" ? data : new TextDecoder().decode(data as ArrayBuffer));
    } catch {
      envelope = null;
    }
    const verdict: Verdict = isObject(envelope) ? judge(envelope, o) : { status: "pass" };
    if (verdict.status === "pass" || !isObject(envelope)) {
      for (const listener of inner)
        void Promise.resolve(listener(data, isBinary)).catch((error: unknown) =>
          o.log(`socket: envelope failed (${(error as Error)?.name ?? "error"})`),
        );
      return;
    }
    o.log(`socket: ${verdict.status} ${verdict.reason}`);
    if (typeof envelope.envelope_id === "string") void client.send(envelope.envelope_id).catch(() => {});
  });
}
