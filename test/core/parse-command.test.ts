import { describe, expect, it } from "vitest";
import { parseCommand } from "../../src/core/commands/parse-command.ts";
import { AppError } from "../../src/errors.ts";

function failure(text: string): AppError {
  try {
    parseCommand(text);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`expected "${text}" to be refused`);
}

describe("parseCommand", () => {
  it.each([
    ["", { name: "help" }],
    ["help", { name: "help" }],
    ["  LINK   GHES ", { name: "link", side: "GHES" }],
    ["link cloud", { name: "link", side: "CLOUD" }],
    ["unlink", { name: "unlink", side: null }],
    ["unlink ghes", { name: "unlink", side: "GHES" }],
    ["whoami", { name: "whoami", account: null }],
    ["whoami Acme", { name: "whoami", account: { kind: null, slug: "acme" } }],
    ["whoami enterprise acme-corp", { name: "whoami", account: { kind: "enterprise", slug: "acme-corp" } }],
    ["enable acme", { name: "enable", account: { kind: null, slug: "acme" } }],
    ["enable org acme", { name: "enable", account: { kind: "org", slug: "acme" } }],
    ["disable enterprise acme", { name: "disable", account: { kind: "enterprise", slug: "acme" } }],
    ["status", { name: "status", account: null }],
    ["status acme", { name: "status", account: { kind: null, slug: "acme" } }],
    ["audit", { name: "audit", limit: 10, account: null, user: null }],
    ["audit 25", { name: "audit", limit: 25, account: null, user: null }],
    ["audit acme", { name: "audit", limit: 10, account: { kind: null, slug: "acme" }, user: null }],
    ["audit org acme 50", { name: "audit", limit: 50, account: { kind: "org", slug: "acme" }, user: null }],
    ["audit org 42", { name: "audit", limit: 10, account: { kind: "org", slug: "42" }, user: null }],
    ["audit 5 enterprise 2024", { name: "audit", limit: 5, account: { kind: "enterprise", slug: "2024" }, user: null }],
    ["audit <@U0ALICE|alice> 5", { name: "audit", limit: 5, account: null, user: "U0ALICE" }],
    ["audit <@W0ALICE> enterprise bigco", { name: "audit", limit: 10, account: { kind: "enterprise", slug: "bigco" }, user: "W0ALICE" }],
  ])("accepts %j", (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it("suggests the near-miss for an unknown subcommand", () => {
    const error = failure("enabel acme");
    expect(error.code).toBe("COMMAND_UNKNOWN");
    expect(error.params.suggestion).toBe("/ghconnect enable [org|enterprise] <slug>");
    expect(failure("deploy").params.suggestion).toBeUndefined();
  });

  it.each([
    ["enable", "enable"],
    ["enable org acme extra", "enable"],
    ["link", "link"],
    ["link ghes cloud", "link"],
    ["help me", "help"],
    ["audit 0", "audit"],
    ["audit 51", "audit"],
    ["audit 5 6", "audit"],
    ["audit acme globex", "audit"],
    ["audit <@U0A> <@U0B>", "audit"],
    ["unlink ghes cloud", "unlink"],
  ])("refuses wrong arguments in %j with the usage line", (text, command) => {
    const error = failure(text);
    expect(error.code).toBe("COMMAND_ARGUMENTS");
    expect(error.params.usage).toMatch(new RegExp(`^/ghconnect ${command}`));
  });

  it("refuses a mention Slack sent as a bare name, saying how to send a member", () => {
    const error = failure("audit @alice");
    expect(error.code).toBe("AUDIT_MENTION_UNRESOLVED");
    expect(error.params).toMatchObject({ given: "@alice", usage: "/ghconnect audit [<n>] [[org|enterprise] <slug>] [@user]" });
  });

  it("suggests a side for a mistyped link target", () => {
    const error = failure("link ghe");
    expect(error.code).toBe("COMMAND_ARGUMENTS");
    expect(error.params.suggestion).toBe("/ghconnect link ghes");
  });

  it.each(["__proto__", "constructor", "toString", "hasOwnProperty"])(
    "refuses %s as a side: only ghes and cloud are sides (found by the fuzz)",
    (word) => {
      for (const command of ["link", "unlink"]) expect(failure(`${command} ${word}`).code).toBe("COMMAND_ARGUMENTS");
    },
  );

  it.each([
    ["enable -acme", "hyphens"],
    ["enable acme-", "hyphens"],
    ["enable ac--me", "hyphens"],
    ["enable acme_corp", "characters"],
    ["enable <script>", "characters"],
    [`enable org ${"a".repeat(40)}`, "too_long"],
    [`enable ${"a".repeat(61)}`, "too_long"],
  ])("refuses the slug in %j (%s)", (text, problem) => {
    const error = failure(text);
    expect(error.code).toBe("SLUG_INVALID");
    expect(error.params.problem).toBe(problem);
  });

  it("accepts a 40-character enterprise slug that would be too long for an org", () => {
    expect(parseCommand(`enable enterprise ${"a".repeat(40)}`)).toMatchObject({ name: "enable" });
  });

  it("refuses over-long input and control or invisible characters", () => {
    expect(failure("x".repeat(201)).params.reason).toBe("too_long");
    expect(failure("enable acme\u0000").params.reason).toBe("control");
    expect(failure("enable ac\u200bme").params.reason).toBe("control");
    expect(failure("enable\nacme").params.reason).toBe("control");
  });
});
