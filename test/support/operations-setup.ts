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
