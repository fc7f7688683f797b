// The request: authorize, run the preflight, post the card; and the preflight's evidence rule.
import { describe, expect, it } from "vitest";
import type { OperationKind } from "../../src/core/domain/operation.ts";
import { describeError } from "../../src/core/messages/describe-error.ts";
import { translator } from "../../src/core/messages/translate.ts";
import { confirmOperation } from "../../src/core/operations/decide-operation.ts";
import { AppError } from "../../src/errors.ts";
import { ACME, at, event, GLOBEX, MIN, TTL, UA, UB, UC, UD, UE, type World, words, world } from "../support/operations-world.ts";

const PREFLIGHT_PROBLEMS: Array<[string, OperationKind, (w: World) => void, string, string]> = [
  [
    "the license forbids GitHub Connect",
    "enable",
    (w) => {
      w.ghes.script.license = { connectAllowed: false, customerName: null, publicKey: null };
    },
    "preflight:license.connect_not_licensed",
    "does not allow GitHub Connect",
  ],
  [
    "GitHub.com is unreachable and the app is not installed (both reported)",
    "enable",
    (w) => {
      w.preflight.reachable = [{ target: "https://github.com/", ok: false, detail: "ECONNREFUSED" }];
      w.cloud.script.installation = { installed: false, installUrl: "https://github.com/apps/ghconnect/installations/new" };
    },
    "preflight:network.unreachable,app.app_not_installed",
    "https://github.com/apps/ghconnect/installations/new",
  ],
  [
    "already connected: a token update is newer than the create",
    "enable",
    (w) => {
      w.ghes.script.events = [event("create", -2 * MIN), event("token_updated", -MIN)];
    },
    "preflight:state.already_connected",
    "already appears connected",
  ],
  ["nothing to disconnect", "disable", () => {}, "preflight:state.not_connected", "does not appear connected"],
  [
    "no way to verify the result",
    "enable",
    (w) => {
      w.ghes.script.events = null;
    },
    "preflight:evidence.no_evidence_source",
    "GHES_ENTERPRISE",
  ],
  [
    "GHES answering 5xx",
    "enable",
    (w) => {
      w.ghes.script.version = new AppError("GITHUB_SERVER_ERROR", { side: "GHES", status: 503 });
    },
    "preflight:version.github_error",
    "server error (503)",
  ],
];

describe("request: authorize, preflight, post the card", () => {
  it("REQUESTED → AWAITING_CONFIRMATION: the card carries the preflight's facts and the requester's proven logins", async () => {
    const w = await world();
    expect(words(await w.request(UA))).toMatch(
      /I posted the confirmation card in this channel\. It expires at <!date\^\d+\^\{time\}\|12:15 UTC>\./,
    );
    const op = await w.latest();
    expect(op).toMatchObject({
      state: "AWAITING_CONFIRMATION",
      kind: "enable",
      account: ACME,
      requestedBy: UA,
      card: w.cards.posted[0]?.card,
      expiresAt: at(TTL),
      facts: {
        hostname: "ghes.example.com",
        ghesVersion: "3.15.2",
        customerName: "Acme Corp",
        licenseFingerprint: "SHA256:pubkey",
        installationId: 42,
        requesterLogins: { ghes: "alice", cloud: "alice-gh" },
      },
    });
    expect(w.cards.posted).toMatchObject([
      { channel: "C0OPS", op: { id: op.id, state: "AWAITING_CONFIRMATION", facts: { hostname: "ghes.example.com" } } },
    ]);
    expect(w.trail()).toEqual(["operation.enable.requested allowed", "operation.awaiting_confirmation ok"]);
    expect(w.audit.events.filter((e) => e.action.startsWith("operation.")).map((e) => e.detail)).toEqual([
      { operation: op.id },
      { operation: op.id, state: "AWAITING_CONFIRMATION" },
    ]);
  });

  it.each([
    ["not a GHES site admin", UC, "authz.decision", "denied", "GHES=not_site_admin(uc)"],
    ["linked on neither side", UD, "authz.decision", "denied", "GHES=not_linked; CLOUD=not_linked"],
    ["someone GHES fails to answer about", UE, "authz.decision", "error", "GHES=error:GITHUB_SERVER_ERROR"],
  ])("DENIED, for %s: a record, no preflight, no card", async (_who, ref, action, decision, reason) => {
    const w = await world();
    expect(words(await w.request(ref))).toContain("You may not connect this server to the organization *acme*. Nothing was started.");
    expect(await w.latest()).toMatchObject({ state: "DENIED", reason: "not_authorized", requestedBy: ref });
    expect(w.audit.events.find((e) => e.action === action)).toMatchObject({ decision, reason: expect.stringContaining(reason) });
    expect(w.trail()).toEqual(["operation.enable.denied denied"]);
    expect(w.ghes.asked).toEqual([]);
    expect(w.cards.posted).toEqual([]);
  });

  it("a DENIED request supersedes nobody's pending card", async () => {
    const w = await world();
    const pending = await w.awaiting(UA);
    await w.request(UC);
    expect(await w.stateOf(pending)).toBe("AWAITING_CONFIRMATION");
    expect(w.cards.refreshed).toEqual([]);
  });

  it.each(PREFLIGHT_PROBLEMS)(
    "FAILED by the preflight when %s: every problem named, nothing started",
    async (_case, kind, arrange, reason, text) => {
      const w = await world();
      arrange(w);
      const reply = words(await w.request(UA, kind));
      expect(reply).toContain(text);
      expect(reply).toContain("Nothing was started.");
      expect(await w.latest()).toMatchObject({ state: "FAILED", reason });
      expect(w.trail().at(-1)).toBe(`operation.failed denied ${reason}`);
      expect(w.cards.posted).toEqual([]);
    },
  );

  it("FAILED preflight_error when the preflight crashes, and the account is free again", async () => {
    const w = await world();
    w.ghes.script.license = new Error("socket hang up");
    await expect(w.request(UA)).rejects.toThrow("socket hang up");
    expect(await w.latest()).toMatchObject({ state: "FAILED", reason: "preflight_error" });
    expect(w.trail().at(-1)).toBe("operation.failed error preflight_error");
    w.ghes.script.license = null;
    await w.awaiting(UA);
  });

  it("FAILED when Slack refuses the card: CARD_NOT_POSTED with Slack's reason, and the account is free again", async () => {
    const w = await world();
    w.cards.refusePosts = "not_in_channel";
    await expect(w.request(UA)).rejects.toMatchObject({ code: "CARD_NOT_POSTED", params: { detail: "not_in_channel" } });
    expect(await w.latest()).toMatchObject({
      state: "FAILED",
      reason: "CARD_NOT_POSTED",
      card: null,
      facts: { hostname: "ghes.example.com" },
    });
    expect(w.trail().at(-1)).toBe("operation.failed error CARD_NOT_POSTED");
    w.cards.refusePosts = null;
    await w.awaiting(UB);
  });

  it("a request that outlives its time while the card is posted is failed by the worker, the new card says so, and so does the answer", async () => {
    const w = await world();
    w.cards.whilePosting = async () => {
      w.cards.whilePosting = null;
      await w.advance(TTL);
      await w.tick();
    };
    // Not "I posted the confirmation card…": the operation has ended.
    await expect(w.request(UA)).rejects.toMatchObject({ code: "OPERATION_ALREADY_DECIDED" });
    const op = await w.latest();
    expect(op).toMatchObject({ state: "FAILED", reason: "interrupted", card: w.cards.posted[0]?.card });
    expect(w.shown(op)).toBe("FAILED");
  });

  it("supersede: a newer request cancels the unconfirmed card of the same account, whose buttons then do nothing", async () => {
    const w = await world();
    const first = await w.awaiting(UA);
    await w.request(UB);
    const second = await w.latest();
    expect(await w.operations.get(first.id)).toMatchObject({ state: "CANCELLED", reason: "superseded" });
    expect(second).toMatchObject({ state: "AWAITING_CONFIRMATION", requestedBy: UB });
    expect(w.shown(first)).toBe("CANCELLED");
    expect(w.audit.events.find((e) => e.action === "operation.superseded")).toMatchObject({
      actor: UB,
      target: `operation:${first.id}`,
      decision: "ok",
    });
    expect(await w.confirm(UA, first)).toEqual({ kind: "refused", code: "OPERATION_ALREADY_DECIDED" });
    await w.awaiting(UA, "enable", { kind: "org", slug: "beta" });
    expect(await w.stateOf(second)).toBe("AWAITING_CONFIRMATION");
  });

  it("OPERATION_IN_FLIGHT while one is being prepared, confirmed or applied; nothing is written for the refused request", async () => {
    const w = await world();
    w.cards.whilePosting = async () => {
      w.cards.whilePosting = null;
      await expect(w.request(UB)).rejects.toMatchObject({ code: "OPERATION_IN_FLIGHT", params: { slug: "acme", state: "REQUESTED" } });
    };
    const op = await w.awaiting(UA);
    const died = confirmOperation(w.deps, { ref: UA, operationId: op.id, card: op.card, requestId: "r" }, async () =>
      Promise.reject(new Error("process killed")),
    );
    await expect(died).rejects.toThrow("process killed");
    await expect(w.request(UB)).rejects.toMatchObject({ code: "OPERATION_IN_FLIGHT", params: { state: "CONFIRMED" } });
    await w.tick();
    const refused = await w.request(UB).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "OPERATION_IN_FLIGHT", params: { state: "APPLYING", user: "UA", channel: "C0OPS" } });
    // In words: what it is doing, who holds it, where its card is; never the state's code name.
    expect(describeError(translator("en"), refused, "r").join("\n")).toBe(
      "An operation for `acme` is already in progress: confirmed, waiting for the change in GHES, requested by <@UA>. Its card is in <#C0OPS>. Wait for it to end; see `/ghconnect status acme`.",
    );
    expect(w.operations.rows.size).toBe(1);
    expect(w.trail().filter((line) => line.startsWith("operation.enable.requested"))).toHaveLength(1);
  });
});

describe("the preflight's evidence check", () => {
  // Found by this suite: a failed connectedServers() call was dropped, and the check told the admin to set a
  // variable that was set.
  it("GitHub failing to list the connected servers is named as a GitHub error, not as a missing setting", async () => {
    const w = await world();
    w.ghes.script.events = null;
    w.cloud.script.servers = new AppError("GITHUB_SERVER_ERROR", { side: "CLOUD", status: 502 });
    await w.request(UA, "enable", GLOBEX);
    expect(await w.latest()).toMatchObject({ state: "FAILED", reason: "preflight:evidence.github_error" });
  });
});
