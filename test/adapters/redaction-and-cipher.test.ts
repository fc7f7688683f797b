import { describe, expect, it } from "vitest";
import { createTokenCipher } from "../../src/adapters/crypto/token-cipher.ts";
import { redact, secretRedactor } from "../../src/log/redact.ts";

describe("redact", () => {
  it.each([
    "token ghu_abcdefghijklmnopqrstuvwxyz0123",
    "refresh ghr_abcdefghijklmnopqrstuvwxyz0123",
    "installation ghs_abcdefghijklmnop",
    "slack xoxb-123-456-abcdefgh",
    "Authorization: Bearer abcdefghijklmnopqrstu",
    "device_code=0123456789abcdef0123 and more",
    ["-----BEGIN", "RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----"].join(" "),
  ])("removes the secret from %j", (text) => {
    const out = redact(text);
    expect(out).toContain("[redacted]");
    expect(out).not.toMatch(/gh[urs]_abc|xoxb-123|abcdefghijklmnopqrstu|0123456789abcdef0123|MIIEow/);
  });

  it("leaves ordinary words alone and removes configured secrets by value", () => {
    expect(redact("Linked: you are alice on GHES")).toBe("Linked: you are alice on GHES");
    expect(secretRedactor(["hunter2-password"])("pw is hunter2-password")).toBe("pw is [redacted]");
  });
});

describe("token cipher", () => {
  const cipher = createTokenCipher(Buffer.alloc(32, 1));

  it("round-trips and never stores the plaintext", () => {
    const sealed = cipher.seal("ghu_secret_value_123", "link:T:U:GHES:access");
    expect(sealed).not.toContain("ghu_secret");
    expect(sealed.startsWith(`v1.${cipher.keyId}.`)).toBe(true);
    expect(cipher.open(sealed, "link:T:U:GHES:access")).toBe("ghu_secret_value_123");
    expect(cipher.seal("same", "c")).not.toBe(cipher.seal("same", "c"));
  });

  it("refuses another row's context, a tampered value and another key", () => {
    const sealed = cipher.seal("ghu_secret", "link:T:U:GHES:access");
    expect(() => cipher.open(sealed, "link:T:V:GHES:access")).toThrow();
    const parts = sealed.split(".");
    parts[4] = Buffer.from("tampered").toString("base64url");
    expect(() => cipher.open(parts.join("."), "link:T:U:GHES:access")).toThrow();
    expect(() => createTokenCipher(Buffer.alloc(32, 2)).open(sealed, "link:T:U:GHES:access")).toThrow(/key/);
  });
});

describe("text a record can always keep", () => {
  it("escapes NUL and controls, repairs lone surrogates, cuts on code points", async () => {
    const { storableText, storableJson } = await import("../../src/adapters/store/storable-text.ts");
    expect(storableText("a\u0000b\tc\nd\u001b", 100)).toBe("a\\u0000b\tc\nd\\u001b");
    expect(storableText("x\ud800y\udc00", 100)).toBe("x\ufffdy\ufffd");
    expect(storableText("ab😀cd", 3)).toBe("ab😀");
    expect(storableJson({ k: "\u0000", n: 1, deep: ["😀😀"] }, 1)).toEqual({ k: "\\", n: 1, deep: ["😀"] });
  });
});
