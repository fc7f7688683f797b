import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { click, latestCard } from "../support/cards.ts";
import { linkUser } from "../support/link-user.ts";
import { OP_ENV } from "../support/operations-setup.ts";
import { startTestBot, TEAM, type TestBot } from "../support/start-test-bot.ts";

/** Who clicks or asks: every combination that matters of linked, GHES site admin, cloud owner, Slack guest. */
const PEOPLE = {
  UN: { what: "unlinked", linked: false, admin: true, owner: true, guest: false },
  UP: { what: "linked, neither admin nor owner", linked: true, admin: false, owner: false, guest: false },
  UG: { what: "GHES site admin only", linked: true, admin: true, owner: false, guest: false },
  UO: { what: "cloud owner only", linked: true, admin: false, owner: true, guest: false },
  UA: { what: "admin and owner (the requester)", linked: true, admin: true, owner: true, guest: false },
  UB: { what: "admin and owner (another person)", linked: true, admin: true, owner: true, guest: false },
  UX: { what: "a guest with admin and owner links", linked: true, admin: true, owner: true, guest: true },
} as const;
type Person = keyof typeof PEOPLE;
const ORGS = Array.from({ length: 24 }, (_, i) => `matrix${i}`);

async function setUp(t: TestBot, people: readonly Person[]): Promise<void> {
  const { ghes, cloud } = t.github.state;
  for (const org of ORGS) {
    if (!cloud.org(org)) {
      cloud.addOrg(org);
      cloud.install(42, { org });
    }
  }
  for (const id of people) {
    const p = PEOPLE[id];
    const login = id.toLowerCase();
    if (!ghes.user(login)) ghes.addUser(login, { siteAdmin: p.admin });
    if (!cloud.user(`${login}-gh`)) {
      cloud.addUser(`${login}-gh`);
      for (const org of ORGS) cloud.addOrgMember(org, `${login}-gh`, p.owner ? "admin" : "member");
    }
    t.slack.addUser({ id, team_id: TEAM, locale: "en-US", ...(p.guest ? { is_restricted: true } : {}) });
    if (p.linked && !p.guest) {
      await linkUser(t, id, "ghes", login);
      await linkUser(t, id, "cloud", `${login}-gh`);
    }
  }
  // A guest's links were made while a member; the refusal must come from Slack's answer at the time of asking.
  if (people.includes("UX")) {
    t.slack.addUser({ id: "UX", team_id: TEAM, locale: "en-US" });
    await linkUser(t, "UX", "ghes", "ux");
    await linkUser(t, "UX", "cloud", "ux-gh");
    t.slack.addUser({ id: "UX", team_id: TEAM, locale: "en-US", is_restricted: true });
  }
}

/** Everyone who may neither confirm nor cancel someone else's card: the answer, and the card left live. */
const refused = (action: "confirm" | "cancel") => {
  const notAllowed = { answer: `You may not ${action} this operation:`, state: "AWAITING_CONFIRMATION" };
  return {
    UN: notAllowed,
    UP: notAllowed,
    UG: notAllowed,
    UO: notAllowed,
    UX: { answer: "Guest accounts cannot use ghconnect.", state: "AWAITING_CONFIRMATION" },
  };
};

let next = 0;
/** A fresh card for a fresh account, requested by the authorized requester UA. */
async function card(t: TestBot): Promise<string> {
  const org = ORGS[next++] as string;
  expect((await t.command(`enable org ${org}`, "UA")).text).toContain("I posted the confirmation card");
  return latestCard(t)?.operationId as string;
}
const stateOf = async (t: TestBot, id: string) =>
  (await t.bot.store.sql.query<{ state: string }>("SELECT state FROM operations WHERE id = $1", [id]))[0]?.state;

describe("the authorization matrix, without a second approver", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot(OP_ENV);
    await setUp(t, Object.keys(PEOPLE) as Person[]);
  }, 120_000);
  afterAll(async () => {
    t.github.assertClean();
    await t?.stop();
  });

  it("request: only a linked, non-guest GHES site admin who owns the account", async () => {
    const expected: Record<Person, string> = {
      UN: "You may not connect",
      UP: "You may not connect",
      UG: "You may not connect",
      UO: "You may not connect",
      UA: "I posted the confirmation card",
      UB: "I posted the confirmation card",
      UX: "Guest accounts cannot use ghconnect.",
    };
    for (const [id, words] of Object.entries(expected)) {
      const org = ORGS[next++] as string;
      expect((await t.command(`enable org ${org}`, id)).text, `${id}: ${PEOPLE[id as Person].what}`).toContain(words);
    }
  });

  it("confirm: anyone authorized, the requester included; everyone else refused and the card stays live", async () => {
    const expected: Record<Person, { answer: string; state: string }> = {
      ...refused("confirm"),
      UA: { answer: "Confirmed.", state: "APPLYING" },
      UB: { answer: "Confirmed.", state: "APPLYING" },
    };
    for (const [id, cell] of Object.entries(expected)) {
      const op = await card(t);
      expect(await click(t, id, "op-confirm", op), `${id}: ${PEOPLE[id as Person].what}`).toContain(cell.answer);
      expect(await stateOf(t, op), id).toBe(cell.state);
    }
  });

  it("cancel: the requester, or anyone who could confirm; everyone else refused", async () => {
    const expected: Record<Person, { answer: string; state: string }> = {
      ...refused("cancel"),
      UA: { answer: "Cancelled.", state: "CANCELLED" },
      UB: { answer: "Cancelled.", state: "CANCELLED" },
    };
    for (const [id, cell] of Object.entries(expected)) {
      const op = await card(t);
      expect(await click(t, id, "op-cancel", op), `${id}: ${PEOPLE[id as Person].what}`).toContain(cell.answer);
      expect(await stateOf(t, op), id).toBe(cell.state);
    }
  });
});

describe("the authorization matrix with REQUIRE_SECOND_APPROVER", () => {
  let t: TestBot;
  beforeAll(async () => {
    next = 0;
    t = await startTestBot({ ...OP_ENV, REQUIRE_SECOND_APPROVER: "true" });
    await setUp(t, ["UA", "UB", "UP"]);
  }, 120_000);
  afterAll(async () => {
    t.github.assertClean();
    await t?.stop();
  });

  it("confirm: another authorized person only; the requester may still cancel", async () => {
    let op = await card(t);
    expect(await click(t, "UA", "op-confirm", op)).toContain("A second approver is required");
    expect(await click(t, "UP", "op-confirm", op)).toContain("You may not confirm this operation:");
    expect(await stateOf(t, op)).toBe("AWAITING_CONFIRMATION");
    expect(await click(t, "UB", "op-confirm", op)).toContain("Confirmed.");
    expect(await stateOf(t, op)).toBe("APPLYING");
    op = await card(t);
    expect(await click(t, "UA", "op-cancel", op)).toContain("Cancelled.");
    op = await card(t);
    expect(await click(t, "UP", "op-cancel", op)).toContain("You may not cancel this operation:");
    expect(await click(t, "UB", "op-cancel", op)).toContain("Cancelled.");
  });
});
