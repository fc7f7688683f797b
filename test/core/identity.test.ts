import { describe, expect, it } from "vitest";
import { createLinker } from "../../src/core/identity/link-identity.ts";
import { createUserTokens } from "../../src/core/identity/user-tokens.ts";
import type { DeviceFlowClient, DevicePoll, GithubUserApi, TokenSet } from "../../src/core/ports.ts";
import { AppError } from "../../src/errors.ts";
import { manualClock, memoryAudit, memoryClaims, memoryLinks } from "../support/memory-ports.ts";

const ref = { team: "T1", user: "U1" };
const tokens = (n: string, expiresAt: Date | null = null): TokenSet => ({
  accessToken: `ghu_${n}`,
  accessExpiresAt: expiresAt,
  refreshToken: `ghr_${n}`,
  refreshExpiresAt: null,
});

function scriptedDeviceFlow(polls: DevicePoll[], refreshed: TokenSet | null = null): DeviceFlowClient & { refreshCalls: number } {
  const client = {
    refreshCalls: 0,
    start: async () => ({
      deviceCode: "d".repeat(40),
      userCode: "ABCD-EFGH",
      verificationUri: "https://github.test/login/device",
      expiresInSeconds: 900,
      intervalSeconds: 5,
    }),
    poll: async () => polls.shift() ?? { status: "pending" as const },
    refresh: async () => {
      client.refreshCalls++;
      return refreshed;
    },
  };
  return client;
}

const viewerApi: GithubUserApi = { viewer: async (token) => ({ login: token === "ghu_bob" ? "bob" : "alice", id: 7, siteAdmin: true }) };

function linker(polls: DevicePoll[]) {
  const links = memoryLinks();
  const audit = memoryAudit();
  const clock = manualClock();
  const flow = scriptedDeviceFlow(polls);
  const l = createLinker({
    links,
    audit,
    clock,
    deviceFlow: { GHES: flow, CLOUD: flow },
    apis: { GHES: viewerApi, CLOUD: viewerApi },
    clientIds: { GHES: "g", CLOUD: "c" },
    claims: memoryClaims(),
  });
  return { l, links, audit, clock };
}

describe("device-flow linking", () => {
  it("polls at the interval, slows down when told, and stores the proven login", async () => {
    const { l, links, audit, clock } = linker([
      { status: "pending" },
      { status: "slow_down", intervalSeconds: 10 },
      { status: "pending" },
      { status: "approved", tokens: tokens("alice") },
    ]);
    const started = await l.start(ref, "GHES", "r1");
    expect(started.code.userCode).toBe("ABCD-EFGH");
    await expect(started.completion).resolves.toEqual({ login: "alice", previousLogin: null });
    expect(clock.sleeps).toEqual([5000, 5000, 10000, 10000]);
    expect((await links.get(ref, "GHES"))?.login).toBe("alice");
    expect(audit.events.map((e) => e.action)).toEqual(["link.started", "link.created"]);
  });

  it.each([
    [{ status: "expired" } as DevicePoll, "LINK_EXPIRED"],
    [{ status: "denied" } as DevicePoll, "LINK_DENIED"],
    [{ status: "disabled" } as DevicePoll, "LINK_DEVICE_FLOW_DISABLED"],
  ])("ends %j with %s and records the failure", async (poll, code) => {
    const { l, links, audit } = linker([poll]);
    const { completion } = await l.start(ref, "CLOUD", "r1");
    await expect(completion).rejects.toMatchObject({ code });
    expect(await links.get(ref, "CLOUD")).toBeNull();
    expect(audit.events.at(-1)).toMatchObject({ action: "link.failed", reason: code });
  });

  it("gives up by itself when the code's lifetime has passed", async () => {
    const { l } = linker([]);
    const { completion } = await l.start(ref, "GHES", "r1");
    await expect(completion).rejects.toMatchObject({ code: "LINK_EXPIRED" });
  });

  it("refuses a second sign-in for the same side while one is waiting", async () => {
    const { l } = linker([{ status: "pending" }, { status: "denied" }]);
    const first = await l.start(ref, "GHES", "r1");
    await expect(l.start(ref, "GHES", "r2")).rejects.toMatchObject({ code: "LINK_IN_PROGRESS" });
    await first.completion.catch(() => {});
  });
});

describe("user tokens", () => {
  it("refreshes an expired token once, even when asked twice at the same time", async () => {
    const links = memoryLinks();
    const audit = memoryAudit();
    const clock = manualClock();
    await links.save({
      ref,
      side: "CLOUD",
      login: "alice",
      githubUserId: 2,
      clientId: "c",
      ...tokens("old", new Date(clock.now().getTime() + 30_000)),
    });
    const flow = scriptedDeviceFlow([], tokens("new", new Date(clock.now().getTime() + 8 * 3600_000)));
    const t = createUserTokens({ links, audit, clock, deviceFlow: { GHES: flow, CLOUD: flow } });
    const seen = await Promise.all([t.withToken(ref, "CLOUD", async (token) => token), t.withToken(ref, "CLOUD", async (token) => token)]);
    expect(seen).toEqual(["ghu_new", "ghu_new"]);
    expect(flow.refreshCalls).toBe(1);
    expect(audit.events.map((e) => e.action)).toEqual(["link.refreshed"]);
  });

  it("turns a rejected refresh or a 401 into TOKEN_REVOKED and forgets the link", async () => {
    const links = memoryLinks();
    const audit = memoryAudit();
    const clock = manualClock();
    const flow = scriptedDeviceFlow([], null);
    const t = createUserTokens({ links, audit, clock, deviceFlow: { GHES: flow, CLOUD: flow } });
    await links.save({
      ref,
      side: "GHES",
      login: "alice",
      githubUserId: 1,
      clientId: "g",
      ...tokens("old", new Date(clock.now().getTime() - 1)),
    });
    await expect(t.withToken(ref, "GHES", async () => "unused")).rejects.toMatchObject({ code: "TOKEN_REVOKED" });
    expect(await links.get(ref, "GHES")).toBeNull();

    await links.save({ ref, side: "GHES", login: "alice", githubUserId: 1, clientId: "g", ...tokens("fresh") });
    await expect(
      t.withToken(ref, "GHES", async () => {
        throw new AppError("GITHUB_UNAUTHORIZED", { side: "GHES" });
      }),
    ).rejects.toMatchObject({ code: "TOKEN_REVOKED" });
    expect(await links.get(ref, "GHES")).toBeNull();
    expect(audit.events.filter((e) => e.action === "link.revoked")).toHaveLength(2);
  });

  it("says NOT_LINKED when there is no link", async () => {
    const flow = scriptedDeviceFlow([]);
    const t = createUserTokens({
      links: memoryLinks(),
      audit: memoryAudit(),
      clock: manualClock(),
      deviceFlow: { GHES: flow, CLOUD: flow },
    });
    await expect(t.withToken(ref, "GHES", async () => 1)).rejects.toMatchObject({ code: "NOT_LINKED" });
  });
});
