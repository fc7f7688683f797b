// Test helper: sign a GitHub App JWT (RS256) with a key generated at test time; never commit keys.
import { generateKeyPairSync, type KeyObject, sign } from "node:crypto";

export interface TestKeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** PKCS#1 PEM, the format GitHub hands out for app keys. */
  privateKeyPem: string;
}

export function generateAppKeyPair(): TestKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { privateKey, publicKey, privateKeyPem: privateKey.export({ type: "pkcs1", format: "pem" }).toString() };
}

/** iat 30 s back and exp = iat + 600 like universal-github-app-jwt, unless overridden. */
export function signAppJwt(privateKey: KeyObject, iss: number | string, claims: { iat?: number; exp?: number } = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const iat = claims.iat ?? now - 30;
  const payload = { iat, exp: claims.exp ?? iat + 600, iss };
  const enc = (v: object): string => Buffer.from(JSON.stringify(v)).toString("base64url");
  const data = `${enc({ alg: "RS256", typ: "JWT" })}.${enc(payload)}`;
  return `${data}.${sign("RSA-SHA256", Buffer.from(data), privateKey).toString("base64url")}`;
}
