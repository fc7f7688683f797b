import { AppError, isAppError } from "../../errors.ts";
import type { AuditLog, Clock, DeviceFlowClient, LinkStore, Side, SlackUserRef, StoredLink } from "../ports.ts";

/** Refresh a little before expiry so a token does not die between check and use. */
const REFRESH_MARGIN_MS = 60_000;

export interface UserTokens {
  /**
   * Runs fn with the user's live token for that side. A token GitHub no longer accepts removes the link
   * (its secret is useless and should not linger) and becomes TOKEN_REVOKED: "link again".
   */
  withToken<T>(ref: SlackUserRef, side: Side, fn: (token: string, link: StoredLink) => Promise<T>): Promise<T>;
}

export function createUserTokens(deps: {
  links: LinkStore;
  deviceFlow: Record<Side, DeviceFlowClient>;
  clock: Clock;
  audit: AuditLog;
}): UserTokens {
  const refreshing = new Map<string, Promise<StoredLink>>();

  async function revoke(link: StoredLink, reason: string): Promise<never> {
    await deps.links.remove(link.ref, link.side);
    await deps.audit.record({ actor: link.ref, action: "link.revoked", target: `${link.side}:${link.login}`, decision: "ok", reason });
    throw new AppError("TOKEN_REVOKED", { side: link.side });
  }

  async function refresh(link: StoredLink): Promise<StoredLink> {
    const now = deps.clock.now().getTime();
    if (!link.refreshToken || (link.refreshExpiresAt && link.refreshExpiresAt.getTime() <= now)) {
      return revoke(link, "access token expired and no usable refresh token");
    }
    const tokens = await deps.deviceFlow[link.side].refresh(link.clientId, link.refreshToken);
    if (!tokens) return revoke(link, "refresh token rejected");
    const won = await deps.links.replaceTokens(link.ref, link.side, link.refreshToken, tokens);
    if (won) {
      await deps.audit.record({ actor: link.ref, action: "link.refreshed", target: `${link.side}:${link.login}`, decision: "ok" });
      return { ...link, ...tokens };
    }
    // Another replica refreshed first; its tokens are the valid ones now.
    const current = await deps.links.get(link.ref, link.side);
    if (!current) throw new AppError("NOT_LINKED", { side: link.side });
    return current;
  }

  async function usable(ref: SlackUserRef, side: Side): Promise<StoredLink> {
    const link = await deps.links.get(ref, side);
    if (!link) throw new AppError("NOT_LINKED", { side });
    const expires = link.accessExpiresAt?.getTime();
    if (expires === undefined || expires - REFRESH_MARGIN_MS > deps.clock.now().getTime()) return link;
    const key = `${ref.team}:${ref.user}:${side}`;
    let pending = refreshing.get(key);
    if (!pending) {
      pending = refresh(link).finally(() => refreshing.delete(key));
      refreshing.set(key, pending);
    }
    return pending;
  }

  return {
    async withToken(ref, side, fn) {
      const link = await usable(ref, side);
      try {
        return await fn(link.accessToken, link);
      } catch (error) {
        if (isAppError(error, "GITHUB_UNAUTHORIZED")) return revoke(link, "GitHub answered 401 to the user's token");
        throw error;
      }
    },
  };
}
