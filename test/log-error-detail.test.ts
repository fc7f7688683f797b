import { describe, expect, it } from "vitest";
import { AppError } from "../src/errors.ts";
import { createLogger } from "../src/log/create-logger.ts";
import { secretRedactor } from "../src/log/redact.ts";

describe("a logged failure", () => {
  it("keeps what a reference points to (the code's params and the causes), and still no secret", () => {
    const lines: string[] = [];
    const log = createLogger("info", (line) => lines.push(line), secretRedactor(["ghp_configuredsecret0000"]));
    const cause = Object.assign(new Error("socket hang up while sending ghp_configuredsecret0000"), { code: "ECONNRESET" });
    log.error("request r-42 failed", new AppError("GITHUB_SERVER_ERROR", { side: "GHES", status: 502 }, { cause }));
    const [line] = lines;
    expect(line).toContain("request r-42 failed");
    expect(line).toContain('AppError[GITHUB_SERVER_ERROR]: GITHUB_SERVER_ERROR {"side":"GHES","status":502}');
    expect(line).toContain("(cause: Error[ECONNRESET]: socket hang up while sending");
    expect(line).not.toContain("ghp_configuredsecret0000");
  });
});
