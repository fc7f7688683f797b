// Small HTTP helpers shared by the fake GitHub servers.
import { randomBytes, randomInt } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Reply } from "./types.ts";

export const DOCS = "https://docs.github.com/rest";

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Parse a request body by content-type: JSON, form-urlencoded, else raw text; empty -> undefined. */
export function parseBody(text: string, contentType: string | undefined): { body: unknown; error?: string } {
  if (text.length === 0) return { body: undefined };
  if (contentType?.includes("application/x-www-form-urlencoded")) {
    return { body: Object.fromEntries(new URLSearchParams(text)) };
  }
  if (contentType === undefined || contentType.includes("json")) {
    try {
      return { body: JSON.parse(text) as unknown };
    } catch {
      return { body: text, error: `request body is not valid JSON: ${text.slice(0, 80)}` };
    }
  }
  return { body: text };
}

export function headerMap(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): Reply =>
  headers ? { status, body, headers } : { status, body };

export const error = (status: number, message: string, headers?: Record<string, string>): Reply =>
  json(status, { message, documentation_url: DOCS, status: String(status) }, headers);

export const notFound = (): Reply => error(404, "Not Found");
export const badCredentials = (): Reply => error(401, "Bad credentials");
export const noContent = (status = 204): Reply => ({ status });

/** Random string of [a-zA-Z0-9] like GitHub token bodies. */
export function randomToken(prefix: string, length = 36): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  let s = prefix;
  for (let i = 0; i < length; i++) s += alphabet[randomInt(alphabet.length)];
  return s;
}

export const randomHex = (bytes: number): string => randomBytes(bytes).toString("hex");

/** ISO-8601 without milliseconds ("2025-01-01T00:00:00Z"), as GitHub writes timestamps. */
export const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
