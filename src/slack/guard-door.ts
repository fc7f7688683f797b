import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { checkCommand, checkEvent, checkInteraction, type Listened, type Verdict } from "./payload-shape.ts";

export interface DoorOptions extends Listened {
  signingSecret: string;
  /** Seconds since the epoch; injected so tests can check the skew rules. */
  nowSeconds(): number;
  log(message: string): void;
  bodyLimitBytes?: number;
}

/** Slack's own window, applied both ways: a timestamp in the future is as suspect as one in the past. */
const SKEW_SECONDS = 300;
const SIGNATURE = /^v0=[0-9a-f]{64}$/;
const FORM = "application/x-www-form-urlencoded";

function answer(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  res.writeHead(status, { "content-type": "text/plain" });
  res.end(status === 200 ? "" : String(status));
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Headers and signature, strictly: one timestamp within ±5 minutes, exactly `v0=<64 hex>`, and the HMAC. */
export function checkSignature(
  headers: IncomingMessage["headers"],
  body: Buffer,
  o: Pick<DoorOptions, "signingSecret" | "nowSeconds">,
): Verdict {
  const ts = headers["x-slack-request-timestamp"];
  const signature = headers["x-slack-signature"];
  if (typeof ts !== "string" || !/^\d{1,12}$/.test(ts)) return { status: 401, reason: "timestamp missing or malformed" };
  if (Math.abs(o.nowSeconds() - Number(ts)) > SKEW_SECONDS) return { status: 401, reason: "timestamp outside ±5 minutes" };
  if (typeof signature !== "string" || !SIGNATURE.test(signature)) return { status: 401, reason: "signature malformed" };
  const expected = createHmac("sha256", o.signingSecret).update(`v0:${ts}:`).update(body).digest();
  const given = Buffer.from(signature.slice(3), "hex");
  if (!timingSafeEqual(expected, given)) return { status: 401, reason: "signature does not match" };
  return { status: "pass" };
}

/** What the body must look like before Bolt sees it; anything the app has no listener for is acked at once. */
export function checkShape(
  contentType: string | undefined,
  body: Buffer,
  o: Pick<DoorOptions, "knownAction" | "commands" | "events">,
): Verdict {
  const text = body.toString("utf8");
  if (contentType === FORM) {
    const params = new URLSearchParams(text);
    const keys = [...params.keys()];
    if (new Set(keys).size !== keys.length) return { status: 400, reason: "a form field is repeated" };
    if (params.get("ssl_check") === "1") return { status: "pass" };
    const payload = params.get("payload");
    if (payload === null) return checkCommand(params.get("command") ?? undefined, params.get("user_id"), params.get("team_id"), o);
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload);
    } catch {
      return { status: 400, reason: "payload is not JSON" };
    }
    return checkInteraction(parsed, o);
  }
  if (contentType?.split(";")[0]?.trim() === "application/json") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return { status: 400, reason: "body is not JSON" };
    }
    return checkEvent(parsed, o);
  }
  return { status: 400, reason: "unsupported content type" };
}

/**
 * The door in front of Bolt's HTTP receiver. Bolt refuses old timestamps but not future ones, accepts text after
 * a valid signature, throws outside any listener on shapes it does not expect (`payload=null`), and lets requests
 * without a listener wait 3 s for a 404. Here every request is judged at once, and only what the app handles, in
 * the shape it expects, reaches Bolt (with its body already read: Bolt reuses it and checks the signature again).
 */
export function guardDoor(bolt: RequestListener, o: DoorOptions): RequestListener {
  const limit = o.bodyLimitBytes ?? 4 * 1024 * 1024;
  const judge = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req, limit);
    if (body === null) return answer(res, 413);
    const signed = checkSignature(req.headers, body, o);
    const contentType = req.headers["content-type"];
    // ssl_check is Slack's unsigned reachability probe; Bolt answers it and drops anything smuggled with it.
    const sslCheck = contentType === FORM && new URLSearchParams(body.toString("utf8")).get("ssl_check") === "1";
    const verdict = signed.status !== "pass" && !sslCheck ? signed : checkShape(contentType, body, o);
    if (verdict.status !== "pass") {
      o.log(`door: ${verdict.status} ${verdict.reason}`);
      return answer(res, verdict.status);
    }
    (req as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
    await bolt(req, res);
  };
  return (req, res) => {
    if (req.method !== "POST" || !(req.url ?? "").startsWith("/slack/events")) return bolt(req, res);
    judge(req, res).catch((error: unknown) => {
      o.log(`door: request failed (${(error as Error)?.name ?? "error"})`);
      answer(res, 400);
    });
  };
}
