import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { AppError } from "../../errors.ts";

/**
 * AES-256-GCM envelopes: "v1.<keyId>.<iv>.<tag>.<ciphertext>" (base64url). The key id lets a future key
 * rotation tell which key sealed a value. The context (e.g. which link row) is bound as additional data, so
 * a ciphertext copied into another row does not decrypt there.
 */
export interface TokenCipher {
  readonly keyId: string;
  seal(plaintext: string, context: string): string;
  open(envelope: string, context: string): string;
}

export function createTokenCipher(key: Buffer): TokenCipher {
  if (key.length !== 32)
    throw new AppError("CONFIG_INVALID", {}, { message: "ENCRYPTION_KEY must be 32 bytes (base64 of 32 random bytes)" });
  const keyId = createHash("sha256").update(key).digest("hex").slice(0, 8);
  return {
    keyId,
    seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      cipher.setAAD(Buffer.from(context));
      const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return ["v1", keyId, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(".");
    },
    open(envelope, context) {
      const unreadable = (detail: string, cause?: unknown) => new AppError("TOKEN_UNREADABLE", { detail }, { message: detail, cause });
      const [version, id, iv, tag, data] = envelope.split(".");
      if (version !== "v1" || !iv || !tag || data === undefined) throw unreadable("not a sealed value");
      if (id !== keyId) throw unreadable(`sealed with key ${id}, but the configured key is ${keyId}`);
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
        decipher.setAAD(Buffer.from(context));
        decipher.setAuthTag(Buffer.from(tag, "base64url"));
        return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
      } catch (error) {
        // GCM refuses a value changed in the database or moved to another row (the context is its AAD).
        throw unreadable("the sealed value does not authenticate", error);
      }
    },
  };
}
