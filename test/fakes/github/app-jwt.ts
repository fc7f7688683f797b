// Verification of GitHub App JWTs (RS256; iss = app id or client id; exp at most 10 min ahead), github-facts §0, §4.
import { createPublicKey, verify } from "node:crypto";
import type { FakeApp } from "./cloud-state.ts";
import { isObject } from "./types.ts";

export type JwtCheck = { ok: true; app: FakeApp } | { ok: false; message: string };

const UNDECODABLE = "A JSON web token could not be decoded";

function decodePart(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function looksLikeJwt(token: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token);
}

/** Check an app JWT against the registered apps at server time `nowSec`. Messages are GitHub's. */
export function verifyAppJwt(token: string, apps: Iterable<FakeApp>, nowSec: number): JwtCheck {
  if (!looksLikeJwt(token)) return { ok: false, message: UNDECODABLE };
  const [h = "", p = "", s = ""] = token.split(".");
  const header = decodePart(h);
  const payload = decodePart(p);
  if (!header || !payload || header.alg !== "RS256") return { ok: false, message: UNDECODABLE };
  const iss = payload.iss;
  const app = [...apps].find((a) => String(a.id) === String(iss) || a.clientId === iss);
  if (!app) return { ok: false, message: "'Issuer' claim ('iss') must be an Integer" };
  const signed = verify("RSA-SHA256", Buffer.from(`${h}.${p}`), createPublicKey(app.publicKeyPem), Buffer.from(s, "base64url"));
  if (!signed) return { ok: false, message: UNDECODABLE };
  const { iat, exp } = payload;
  if (typeof iat !== "number" || iat > nowSec) {
    return { ok: false, message: "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued" };
  }
  if (typeof exp !== "number" || exp <= nowSec) {
    return {
      ok: false,
      message: "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
    };
  }
  if (exp > nowSec + 600 || exp - iat > 600) {
    return { ok: false, message: "'Expiration time' claim ('exp') is too far in the future" };
  }
  return { ok: true, app };
}
