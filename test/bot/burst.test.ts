import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, TEAM, type TestBot } from "../support/start-test-bot.ts";

let t: TestBot;
const USERS = Array.from({ length: 20 }, (_, i) => `UBURST${i}`);

describe("a burst of commands", () => {
  beforeAll(async () => {
    t = await startTestBot();
    for (const id of USERS) t.slack.addUser({ id, team_id: TEAM, locale: "en-US" });
  });
  afterAll(async () => {
    t.slack.assertClean();
    await t?.stop();
  });

  it("acks every command at once while at most eight of them are at work, and answers them all", async () => {
    // Every command first looks its user up; holding that call keeps each started command at work.
    const release = t.slack.hold("users.info");
    const urls = USERS.map(() => t.slack.newResponseUrl());
    const acks = await Promise.all(
      USERS.map((user, i) =>
        t.sender.command({ text: "help", user_id: user, team_id: TEAM, channel_id: "C0WORK", response_url: urls[i] as string }),
      ),
    );
    expect(acks.map((r) => r.status)).toEqual(USERS.map(() => 200));
    const lookups = () => t.slack.calls.filter((c) => c.method === "users.info" && USERS.includes(String(c.args.user))).length;
    await t.slack.waitFor(() => (lookups() >= 8 ? true : undefined));
    // Twenty acked commands, and yet no more than eight started: without the queue all twenty ask at once.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(lookups()).toBe(8);
    release();
    const ids = urls.map((u) => u.split("/").pop());
    await t.slack.waitFor(() => (ids.every((id) => t.slack.responses.some((r) => r.id === id)) ? true : undefined), 30_000);
    expect(lookups()).toBe(20);
  });
});

describe("a full work queue", () => {
  let small: TestBot;
  beforeAll(async () => {
    small = await startTestBot({}, { workQueue: { concurrency: 1, maxWaiting: 1 } });
    for (const id of USERS.slice(0, 3)) small.slack.addUser({ id, team_id: TEAM, locale: "en-US" });
  });
  afterAll(async () => {
    await small?.stop();
  });

  it("tells the user whose command it could not take that nothing was run or recorded, and runs the others", async () => {
    const release = small.slack.hold("users.info");
    const send = async (user: string) => {
      const url = small.slack.newResponseUrl();
      expect(
        (await small.sender.command({ text: "help", user_id: user, team_id: TEAM, channel_id: "C0WORK", response_url: url })).status,
      ).toBe(200);
      return url.split("/").pop() as string;
    };
    const first = await send("UBURST0");
    await small.slack.waitFor(() => small.slack.calls.find((c) => c.method === "users.info"));
    const second = await send("UBURST1");
    const third = await send("UBURST2");
    await small.slack.waitFor(() => small.slack.responses.find((r) => r.id === third));
    expect(small.answers(third).join("\n")).toContain("did not run this; nothing was done or recorded");
    expect(small.logLines.some((l) => l.includes("work queue full"))).toBe(true);
    release();
    for (const id of [first, second])
      expect((await small.slack.waitFor(() => small.slack.responses.find((r) => r.id === id))).body).toBeTruthy();
    expect(small.answers(first).join("\n")).toContain("/ghconnect");
    const recorded = await small.bot.store.prisma.auditEvent.findMany({ where: { action: "command.help" } });
    expect(recorded.map((r) => r.actorUser).sort()).toEqual(["UBURST0", "UBURST1"]);
  });
});
