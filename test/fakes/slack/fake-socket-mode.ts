import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";

/**
 * Slack's side of Socket Mode: a WebSocket server that greets with `hello`, delivers envelopes and collects
 * the app's acknowledgements ({ envelope_id, payload? }).
 */
export interface FakeSocketMode {
  url: string;
  /** Resolves once the app has connected and been greeted. */
  connected(): Promise<void>;
  /** Sends an envelope and resolves with the app's acknowledgement of it. */
  deliver(type: "slash_commands" | "interactive" | "events_api", payload: Record<string, unknown>): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startFakeSocketMode(): Promise<FakeSocketMode> {
  const server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  let socket: WebSocket | undefined;
  let onConnect: () => void = () => {};
  const connected = new Promise<void>((resolve) => (onConnect = resolve));
  const waiting = new Map<string, (ack: Record<string, unknown>) => void>();
  let seq = 0;

  server.on("connection", (ws) => {
    socket = ws;
    ws.on("message", (data) => {
      const message = JSON.parse(data.toString()) as Record<string, unknown>;
      const id = String(message.envelope_id ?? "");
      waiting.get(id)?.(message);
      waiting.delete(id);
    });
    ws.send(
      JSON.stringify({
        type: "hello",
        num_connections: 1,
        debug_info: { host: "fake", approximate_connection_time: 3600 },
        connection_info: { app_id: "A0TEST" },
      }),
    );
    onConnect();
  });

  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/link`,
    connected: () => connected,
    deliver(type, payload) {
      if (!socket) throw new Error("no Socket Mode connection yet");
      const envelopeId = `env-${++seq}`;
      const ack = new Promise<Record<string, unknown>>((resolve) => waiting.set(envelopeId, resolve));
      socket.send(
        JSON.stringify({
          envelope_id: envelopeId,
          type,
          payload,
          accepts_response_payload: type !== "events_api",
          retry_attempt: 0,
          retry_reason: "",
        }),
      );
      return ack;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}
