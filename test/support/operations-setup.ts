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
  for (const [user, login] of [["UA", "alice"], ["UB", "bob"], ["UC", "carol"]] as const) {
    await linkUser(t, user, "ghes", login);
    await linkUser(t, user, "cloud", `${login}-gh`);
  }
}

export const OP_ENV = { GHES_ENTERPRISE: "ghes-ent", VERIFY_INTERVAL: "100ms" };

