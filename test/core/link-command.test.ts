import { describe, expect, it } from "vitest";
import type { CommandContext, CommandDeps } from "../../src/core/commands/command-context.ts";
import { linkCommand } from "../../src/core/commands/handlers/link-command.ts";
import type { Reply } from "../../src/core/domain/reply.ts";
import { translator } from "../../src/core/messages/translate.ts";

/** A command context with only what `link` uses: the linker (its sign-in already approved), the links, a clock. */
function context(list: () => Promise<Array<{ side: "GHES" | "CLOUD" }>>) {
  const followUps: Reply[] = [];
  let delivered: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    delivered = resolve;
  });
  const deps = {
    linker: {
      start: async () => ({
        code: { userCode: "ABCD-1234", verificationUri: "https://github.example/login/device", expiresInSeconds: 900 },
        completion: Promise.resolve({ login: "alice-gh", previousLogin: null }),
      }),
    },
    links: { list },
    clock: { now: () => new Date("2026-11-28T10:00:00Z"), sleep: async () => {} },
    shutdown: new AbortController().signal,
  } as unknown as CommandDeps;
  const ctx: CommandContext = {
    ref: { team: "T1", user: "UA" },
    requestId: "r1",
    channel: "C1",
    locale: "en",
    t: translator("en"),
    deps,
    followUp: async (reply) => {
      followUps.push(reply);
      delivered();
    },
  };
  return { ctx, followUps, done };
}

const words = (r: Reply | undefined) => (r?.blocks ?? []).map((b) => b.text).join("\n");

describe("link: the next step after a sign-in", () => {
  it("names the other side while it is not linked, and the live check once both are", async () => {
    const one = context(async () => [{ side: "CLOUD" }]);
    await linkCommand(one.ctx, "CLOUD");
    await one.done;
    expect(words(one.followUps[0])).toContain("Next: `/ghconnect link ghes`");
    const both = context(async () => [{ side: "CLOUD" }, { side: "GHES" }]);
    await linkCommand(both.ctx, "CLOUD");
    await both.done;
    expect(words(both.followUps[0])).toContain("Both sides are linked.");
  });

  it("claims nothing about the links when they cannot be read, and says where to look", async () => {
    const broken = context(async () => {
      throw new Error("connection reset");
    });
    await linkCommand(broken.ctx, "CLOUD");
    await broken.done;
    const said = words(broken.followUps[0]);
    expect(said).toContain("Linked: you are *alice-gh* on GitHub Enterprise Cloud.");
    expect(said).not.toContain("Both sides are linked");
    expect(said).toContain("`/ghconnect whoami` shows which sides you have linked");
  });
});
