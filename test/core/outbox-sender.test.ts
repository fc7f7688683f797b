import { describe, expect, it } from "vitest";
import type { NoticeChannel, OutboxQueue, PendingNotice } from "../../src/core/domain/notice.ts";
import { backoffMs, sendOneNotice } from "../../src/core/notices/run-outbox-sender.ts";

const T0 = Date.parse("2026-11-27T10:00:00Z");
const pending = (over: Partial<PendingNotice> = {}): PendingNotice => ({
  id: "1",
  channel: "C0NOTIFY",
  thread: null,
  threadTs: null,
  broadcast: false,
  message: { kind: "watch.recovered", sources: ["ghes_audit"] },
  revision: 1,
  ts: null,
  attempts: 0,
  ...over,
});

/** An in-memory queue holding one notice, recording what the sender did with it. */
function harness(notice: PendingNotice, send: (n: PendingNotice, ts?: string) => Promise<string | undefined>) {
  const did: string[] = [];
  let taken = false;
  const queue: OutboxQueue = {
    claim: async () => {
      if (taken) return null;
      taken = true;
      return notice;
    },
    delivered: async (_n, _h, ts) => void did.push(`delivered ${ts}`),
    failed: async (_n, _h, error, retryAt) => void did.push(`failed ${error} retry +${(retryAt.getTime() - T0) / 1000}s`),
    giveUp: async (_n, _h, error) => void did.push(`gave up ${error}`),
    backlog: async () => ({ waiting: 0, oldest: null, lastError: null, givenUp: 0 }),
  };
  const channel: NoticeChannel = {
    post: async (n) => (await send(n)) as string,
    update: async (n, ts) => void (await send(n, ts)),
  };
  const deps = { queue, channel, clock: { now: () => new Date(T0), sleep: async () => {} }, holder: "h", warn: () => {}, pollMs: 1000 };
  return { did, run: () => sendOneNotice(deps) };
}

const slackError = (error: string, extra: object = {}) =>
  Object.assign(new Error(error), { code: "slack_webapi_platform_error", data: { ok: false, error } }, extra);

describe("the outbox sender", () => {
  it("posts a new notice and edits a delivered one in place", async () => {
    const posted = harness(pending(), async () => "111.1");
    expect(await posted.run()).toBe(true);
    expect(posted.did).toEqual(["delivered 111.1"]);
    const edits: string[] = [];
    const edited = harness(pending({ ts: "111.1", revision: 2 }), async (_n, ts) => void edits.push(String(ts)));
    await edited.run();
    expect(edits).toEqual(["111.1"]);
    expect(edited.did).toEqual(["delivered 111.1"]);
  });

  it("backs off on an outage, waits as long as a rate limit says, and gives up only on a refusal no retry can change", async () => {
    const outage = harness(pending({ attempts: 3 }), async () => {
      throw Object.assign(new Error("503"), { code: "slack_webapi_http_error" });
    });
    await outage.run();
    expect(outage.did).toEqual([`failed slack_webapi_http_error retry +${backoffMs(4) / 1000}s`]);
    const limited = harness(pending(), async () => {
      throw Object.assign(new Error("limited"), { code: "slack_webapi_rate_limited_error", retryAfter: 120 });
    });
    await limited.run();
    expect(limited.did).toEqual(["failed slack_webapi_rate_limited_error retry +120s"]);
    const refused = harness(pending(), async () => {
      throw slackError("not_in_channel");
    });
    await refused.run();
    expect(refused.did).toEqual(["gave up not_in_channel"]);
    const revoked = harness(pending(), async () => {
      throw slackError("invalid_auth");
    });
    await revoked.run();
    expect(revoked.did).toEqual(["failed invalid_auth retry +1s"]);
  });

  it("does nothing when nothing is due", async () => {
    const idle = harness(pending(), async () => "1");
    await idle.run();
    expect(await idle.run()).toBe(false);
    expect(backoffMs(1)).toBe(1000);
    expect(backoffMs(20)).toBe(300_000);
  });
});
