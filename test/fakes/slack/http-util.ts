// Small HTTP helpers for the fake Slack server.
import type { IncomingMessage, ServerResponse } from "node:http";

export type Json = Record<string, unknown>;

/** Form fields that WebClient sends as JSON strings; parsed back to objects. */
const JSON_FIELDS = ["blocks", "attachments", "view"];

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export function parseArgs(contentType: string, raw: string): Json {
  if (contentType.startsWith("multipart/")) throw new Error("multipart bodies (file uploads) are not supported by the fake");
  if (contentType.startsWith("application/json")) {
    const parsed: unknown = raw === "" ? {} : JSON.parse(raw);
    return typeof parsed === "object" && parsed !== null ? (parsed as Json) : {};
  }
  const args: Json = Object.fromEntries(new URLSearchParams(raw));
  for (const key of JSON_FIELDS) {
    const v = args[key];
    if (typeof v === "string" && /^\s*[[{]/.test(v)) args[key] = JSON.parse(v) as unknown;
  }
  return args;
}

export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

export const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
