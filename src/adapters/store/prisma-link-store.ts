import type { LinkStore, Side, SlackUserRef, StoredLink, TokenSet } from "../../core/ports.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { TokenCipher } from "../crypto/token-cipher.ts";

type Row = Awaited<ReturnType<PrismaClient["identityLink"]["findFirstOrThrow"]>>;

// The sealing context binds a ciphertext to its row and field: copied elsewhere it no longer opens.
const context = (ref: SlackUserRef, side: Side, field: "access" | "refresh") => `link:${ref.team}:${ref.user}:${side}:${field}`;

export function prismaLinkStore(prisma: PrismaClient, cipher: TokenCipher): LinkStore {
  const where = (ref: SlackUserRef, side: Side) => ({ slackTeam_slackUser_side: { slackTeam: ref.team, slackUser: ref.user, side } });
  const sealTokens = (ref: SlackUserRef, side: Side, t: TokenSet) => ({
    accessToken: cipher.seal(t.accessToken, context(ref, side, "access")),
    refreshToken: t.refreshToken === null ? null : cipher.seal(t.refreshToken, context(ref, side, "refresh")),
    accessExpiresAt: t.accessExpiresAt,
    refreshExpiresAt: t.refreshExpiresAt,
  });
  const toLink = (row: Row): StoredLink => {
    const ref = { team: row.slackTeam, user: row.slackUser };
    return {
      ref,
      side: row.side,
      login: row.login,
      githubUserId: Number(row.githubUserId),
      clientId: row.clientId,
      accessToken: cipher.open(row.accessToken, context(ref, row.side, "access")),
      refreshToken: row.refreshToken === null ? null : cipher.open(row.refreshToken, context(ref, row.side, "refresh")),
      accessExpiresAt: row.accessExpiresAt,
      refreshExpiresAt: row.refreshExpiresAt,
      updatedAt: row.updatedAt,
    };
  };

  return {
    async get(ref, side) {
      const row = await prisma.identityLink.findUnique({ where: where(ref, side) });
      return row ? toLink(row) : null;
    },
    async list(ref) {
      const rows = await prisma.identityLink.findMany({ where: { slackTeam: ref.team, slackUser: ref.user }, orderBy: { side: "asc" } });
      return rows.map(toLink);
    },
    async save(link) {
      const data = {
        login: link.login,
        githubUserId: BigInt(link.githubUserId),
        clientId: link.clientId,
        ...sealTokens(link.ref, link.side, link),
      };
      await prisma.identityLink.upsert({
        where: where(link.ref, link.side),
        create: { slackTeam: link.ref.team, slackUser: link.ref.user, side: link.side, ...data },
        update: data,
      });
    },
    async replaceTokens(ref, side, previousRefresh, tokens) {
      // Ciphertexts differ on every seal, so "still the same refresh token" is checked on the opened value
      // inside a transaction that locks the row.
      return prisma.$transaction(async (tx) => {
        const rows = await tx.$queryRaw<{ refresh_token: string | null }[]>`
          SELECT refresh_token FROM identity_links
          WHERE slack_team = ${ref.team} AND slack_user = ${ref.user} AND side = ${side}::"GithubSide" FOR UPDATE`;
        const row = rows[0];
        if (!row) return false;
        const current = row.refresh_token === null ? null : cipher.open(row.refresh_token, context(ref, side, "refresh"));
        if (current !== previousRefresh) return false;
        await tx.identityLink.update({ where: where(ref, side), data: sealTokens(ref, side, tokens) });
        return true;
      });
    },
    async remove(ref, side) {
      const { count } = await prisma.identityLink.deleteMany({ where: { slackTeam: ref.team, slackUser: ref.user, side } });
      return count > 0;
    },
  };
}
