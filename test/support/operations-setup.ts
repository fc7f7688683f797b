import { expect } from "vitest";
import { click, latestCard } from "./cards.ts";
import { eventually } from "./eventually.ts";
import { linkUser } from "./link-user.ts";
import { TEAM, type TestBot } from "./start-test-bot.ts";

/** Alice and Bob are GHES site admins and owners of acme; Carol is neither. All three are linked. */
export async function setUpAdmins(t: TestBot): Promise<void> {
  const { ghes, cloud } = t.github.state;
  ghes.addSiteAdmin("alice");
  ghes.addSiteAdmin("bob");
  ghes.addUser("carol");
  for (const login of ["alice-gh", "bob-gh", "carol-gh"]) cloud.addUser(login);
  cloud.addOrg("acme");
  cloud.addOrgMember("acme", "alice-gh", "admin");
  cloud.addOrgMember("acme", "bob-gh", "admin");
  cloud.addOrgMember("acme", "carol-gh", "member");
  cloud.install(42, { org: "acme" });
  cloud.addOrg("noapp");
  cloud.addOrgMember("noapp", "alice-gh", "admin");
  for (const id of ["UA", "UB", "UC"]) t.slack.addUser({ id, team_id: TEAM, locale: "en-US" });
  for (const [user, login] of [
    ["UA", "alice"],
    ["UB", "bob"],
    ["UC", "carol"],
  ] as const) {
    await linkUser(t, user, "ghes", login);
    await linkUser(t, user, "cloud", `${login}-gh`);
  }
}

export const OP_ENV = { GHES_ENTERPRISE: "ghes-ent", VERIFY_INTERVAL: "100ms" };

export const MONITOR_TOKEN = "ghp_monitortoken0000000000";
/** No GHES_ENTERPRISE: the GHES audit log is not read; GitHub.com's records, through the monitor token, are. */
export const MONITOR_ENV = { VERIFY_INTERVAL: "100ms", GITHUB_MONITOR_TOKEN: MONITOR_TOKEN };

/** The enterprise bigco: Alice (UA, linked on both sides) and the monitor token's user own it; the app is installed. */
export async function setUpEnterprise(t: TestBot): Promise<void> {
  const { ghes, cloud } = t.github.state;
  ghes.addSiteAdmin("alice");
  cloud.addUser("alice-gh");
  cloud.addUser("monitor");
  cloud.addEnterprise("bigco");
  cloud.addEnterpriseOwner("bigco", "alice-gh");
  cloud.addEnterpriseOwner("bigco", "monitor");
  cloud.issueToken("monitor", { token: MONITOR_TOKEN, scopes: ["read:enterprise"] });
  cloud.install(42, { enterprise: "bigco" });
  t.slack.addUser({ id: "UA", team_id: TEAM, locale: "en-US" });
  await linkUser(t, "UA", "ghes", "alice");
  await linkUser(t, "UA", "cloud", "alice-gh");
}

/** Posts a fresh card for acme (superseding any pending one): the card as posted, and the ts of its message. */
export async function requestCard(t: TestBot, user = "UA", command = "enable org acme") {
  const answer = await t.command(command, user);
  expect(answer.text).toContain("I posted the confirmation card in this channel");
  const card = latestCard(t);
  const [row] = await t.bot.store.sql.query<{ message_ts: string }>("SELECT message_ts FROM operations WHERE id = $1", [card?.operationId]);
  if (!card?.operationId || !row) throw new Error("no card was posted");
  return { ...card, ts: row.message_ts };
}

export async function connectionState(t: TestBot): Promise<string | undefined> {
  const [row] = await t.bot.store.sql.query<{ state: string }>("SELECT state FROM connections");
  return row?.state;
}

/** GHES writes a Connect event to its audit log, stamped a second after the bot's (injected) now. */
export function ghesEvent(t: TestBot, action: string, actor = "alice") {
  t.github.state.ghes.addAuditEvent({ action, actor, "@timestamp": t.clock.now().getTime() + 1000 });
}

/** Brings acme to CONNECTED through the product's own path, unless it is connected already. */
export async function ensureConnected(t: TestBot) {
  if ((await connectionState(t)) === "CONNECTED") return;
  const card = await requestCard(t);
  expect(await click(t, "UA", "op-confirm", card.operationId)).toContain("Confirmed.");
  ghesEvent(t, "dotcom_connection.create");
  await eventually("acme connected", async () => ((await connectionState(t)) === "CONNECTED" ? true : undefined));
}
