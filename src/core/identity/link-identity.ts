import { AppError } from "../../errors.ts";
import type { Notice } from "../domain/notice.ts";
import type { AuditLog, Claims, Clock, DeviceCode, DeviceFlowClient, GithubUserApi, LinkStore, Side, SlackUserRef } from "../ports.ts";

export interface LinkOutcome {
  login: string;
  previousLogin: string | null;
}

export interface LinkDeps {
  links: LinkStore;
  deviceFlow: Record<Side, DeviceFlowClient>;
  apis: Record<Side, GithubUserApi>;
  clientIds: Record<Side, string>;
  clock: Clock;
  audit: AuditLog;
  claims: Claims;
}

/** GitHub's device codes live 15 minutes at most; a claim outliving its code would block the user for nothing. */
const SIGN_IN_CLAIM_MS = 16 * 60_000;

export interface StartedLink {
  code: DeviceCode;
  /** Settles when the user approved (the link is stored), or with an AppError (expired, denied, ...). */
  completion: Promise<LinkOutcome>;
}

/** The channel hears who linked what (never a token); keyed by the request, so a retry queues nothing twice. */
function linkNotice(
  ref: SlackUserRef,
  side: Side,
  change: "created" | "replaced" | "removed",
  login: string,
  previous: string | null,
  requestId: string,
): Notice {
  return {
    key: `link:${requestId}:${side}:${change}`,
    thread: null,
    message: { kind: "link.changed", change, user: ref.user, side, login, previous },
  };
}

/**
 * Device flow: GitHub shows the code to type, we poll at the interval it asks for (slower on slow_down),
 * and the proven login comes from GET /user with the new token, never from what the user typed.
 */
export function createLinker(deps: LinkDeps) {
  async function poll(ref: SlackUserRef, side: Side, code: DeviceCode, requestId: string, signal?: AbortSignal): Promise<LinkOutcome> {
    const clientId = deps.clientIds[side];
    const deadline = deps.clock.now().getTime() + code.expiresInSeconds * 1000;
    let interval = code.intervalSeconds;
    for (;;) {
      await deps.clock.sleep(interval * 1000, signal);
      if (deps.clock.now().getTime() > deadline) throw new AppError("LINK_EXPIRED", { side });
      const result = await deps.deviceFlow[side].poll(clientId, code.deviceCode);
      switch (result.status) {
        case "pending":
          continue;
        case "slow_down":
          interval = Math.max(result.intervalSeconds, interval + 5);
          continue;
        case "expired":
          throw new AppError("LINK_EXPIRED", { side });
        case "denied":
          throw new AppError("LINK_DENIED", { side });
        case "disabled":
          throw new AppError("LINK_DEVICE_FLOW_DISABLED", { side });
        case "failed":
          throw new AppError("GITHUB_UNEXPECTED", { side, detail: result.error });
        case "approved": {
          const viewer = await deps.apis[side].viewer(result.tokens.accessToken);
          const previous = await deps.links.get(ref, side);
          await deps.links.save({ ref, side, login: viewer.login, githubUserId: viewer.id, clientId, ...result.tokens });
          const change = previous ? "replaced" : "created";
          await deps.audit.record(
            {
              actor: ref,
              action: `link.${change}`,
              target: `${side}:${viewer.login}`,
              decision: "ok",
              requestId,
              ...(previous ? { reason: `previously ${previous.login}` } : {}),
            },
            [linkNotice(ref, side, change, viewer.login, previous?.login ?? null, requestId)],
          );
          return { login: viewer.login, previousLogin: previous && previous.login !== viewer.login ? previous.login : null };
        }
      }
    }
  }

  return {
    async start(ref: SlackUserRef, side: Side, requestId: string, signal?: AbortSignal): Promise<StartedLink> {
      // One sign-in per user and side across every replica: two `link` commands at once start one device flow.
      const key = `link:${ref.team}:${ref.user}:${side}`;
      if (!(await deps.claims.take(key, SIGN_IN_CLAIM_MS))) throw new AppError("LINK_IN_PROGRESS", { side });
      const release = () => deps.claims.release(key).catch(() => {});
      let code: DeviceCode;
      try {
        code = await deps.deviceFlow[side].start(deps.clientIds[side]);
        await deps.audit.record({ actor: ref, action: "link.started", target: side, decision: "ok", requestId });
      } catch (error) {
        await release();
        throw error;
      }
      const completion = poll(ref, side, code, requestId, signal)
        .catch(async (error: unknown) => {
          const code = error instanceof AppError ? error.code : "internal";
          await deps.audit.record({ actor: ref, action: "link.failed", target: side, decision: "error", reason: code, requestId });
          throw error;
        })
        .finally(release);
      return { code, completion };
    },

    async unlink(ref: SlackUserRef, side: Side | null, requestId: string): Promise<Array<{ side: Side; login: string }>> {
      const links = (await deps.links.list(ref)).filter((l) => side === null || l.side === side);
      const removed: Array<{ side: Side; login: string }> = [];
      for (const link of links) {
        if (await deps.links.remove(ref, link.side)) {
          await deps.audit.record({ actor: ref, action: "link.removed", target: `${link.side}:${link.login}`, decision: "ok", requestId }, [
            linkNotice(ref, link.side, "removed", link.login, null, requestId),
          ]);
          removed.push({ side: link.side, login: link.login });
        }
      }
      return removed;
    },
  };
}

export type Linker = ReturnType<typeof createLinker>;
