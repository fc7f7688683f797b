import { describe, expect, it } from "vitest";
import { cloudListEvidence, evidenceWords, ghesAuditEvidence } from "../../src/core/messages/evidence-words.ts";
import { translator } from "../../src/core/messages/translate.ts";

const at = new Date("2026-11-27T21:15:00Z");

describe("evidence, as a reader reads it", () => {
  it("names the GHES audit event, who made it and when (in the reader's zone), in the reader's language", () => {
    const stored = ghesAuditEvidence("dotcom_connection.create", "alice", at);
    expect(stored).toBe("GHES audit log: dotcom_connection.create by alice at 2026-11-27T21:15:00.000Z");
    expect(evidenceWords(translator("en"), stored)).toBe(
      "GHES audit log: `dotcom_connection.create` by *alice*, <!date^1795814100^{date_short_pretty} {time}|2026-11-27 21:15 UTC>",
    );
    expect(evidenceWords(translator("ja"), stored)).toBe(
      "GHES の監査ログ：*alice* による `dotcom_connection.create`（<!date^1795814100^{date_short_pretty} {time}|2026-11-27 21:15 UTC>）",
    );
    expect(evidenceWords(translator("en"), ghesAuditEvidence("dotcom_connection.destroy", "bob", at, true))).toContain(
      "(after ghconnect had stopped waiting)",
    );
  });

  it("says what GitHub Enterprise Cloud lists, and shows a line of another shape as it is", () => {
    expect(evidenceWords(translator("en"), cloudListEvidence(true, "ghes.example.com"))).toBe(
      "GitHub Enterprise Cloud lists ghes.example.com as connected",
    );
    expect(evidenceWords(translator("ja"), cloudListEvidence(false, "ghes.example.com"))).toBe(
      "GitHub Enterprise Cloud の一覧に ghes.example.com が表示されなくなりました",
    );
    expect(evidenceWords(translator("en"), "something older")).toBe("something older");
    expect(evidenceWords(translator("en"), null)).toBe("");
  });
});
