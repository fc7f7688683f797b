// Both journeys (connect, then disconnect) as an admin sees them, in English and in Japanese: every message of
// each step, rendered as Slack receives it, in test/fixtures/journey.<language>.json for a reviewer to read.
// The parts that matter are asserted here; the fixture catches every other change to the words and layout.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardAt, click, latestCard } from "../support/cards.ts";
import { eventually } from "../support/eventually.ts";
import { linkUser } from "../support/link-user.ts";
import { undelivered, watchRow } from "../support/notices.ts";
import { OP_ENV } from "../support/operations-setup.ts";
import { startTestBot, TEAM, type TestBot, textOf } from "../support/start-test-bot.ts";

type Json = Record<string, unknown>;
interface Step {
  step: string;
  messages: Array<{ via: "reply" | "channel"; text: string; blocks?: unknown; attachments?: unknown; thread?: boolean }>;
}

/** What varies from run to run (ports, ids, message times, sign-in codes, dates) becomes a stable placeholder. */
function stable(t: TestBot, value: unknown, operationIds: string[]): unknown {
  const codes = [...t.github.state.ghes.device.codes, ...t.github.state.cloud.device.codes].map((c) => c.userCode);
  let text = JSON.stringify(value);
  for (const code of codes) text = text.replaceAll(code, "<user-code>");
  // An operation is named by its id, or by the id's first eight characters in short lines.
  for (const id of operationIds) text = text.replaceAll(id, "<operation-id>").replaceAll(id.slice(0, 8), "<id8>");
  text = text
    .replace(/http:\/\/127\.0\.0\.1:\d+/g, "http://127.0.0.1:<port>")
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<operation-id>")
    .replace(/<!date\^\d+\^([^|]+)\|[^>]+>/g, "<!date^<epoch>^$1|<utc>>")
    .replace(/\/p\d{16}/g, "/p<ts>")
    .replace(/\b\d{10}\.\d{6}\b/g, "<ts>")
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, "<iso-time>")
    .replace(/req_[A-Za-z0-9]+/g, "req_<id>")
    .replace(/\b[\w.-]+:\d+:[0-9a-f]{6}\b/g, "<process>");
  return JSON.parse(text);
}

async function journey(language: "en" | "ja"): Promise<Step[]> {
  const locale = language === "ja" ? "ja-JP" : "en-US";
  const t = await startTestBot({ ...OP_ENV, NOTIFY_LANGUAGE: language });
  const steps: Step[] = [];
  try {
    const { ghes, cloud } = t.github.state;
    ghes.addSiteAdmin("alice");
    ghes.addSiteAdmin("bob");
    for (const login of ["alice-gh", "bob-gh"]) cloud.addUser(login);
    cloud.addOrg("acme");
    cloud.addOrgMember("acme", "alice-gh", "admin");
    cloud.addOrgMember("acme", "bob-gh", "admin");
    cloud.install(42, { org: "acme" });
    for (const id of ["UA", "UB"]) t.slack.addUser({ id, team_id: TEAM, locale });
    await linkUser(t, "UB", "ghes", "bob");
    await linkUser(t, "UB", "cloud", "bob-gh");
    await eventually("Bob's link notices delivered", async () => ((await undelivered(t)) === 0 ? true : undefined));

    /** Runs one step, waits until `done` holds, and keeps each message it produced as Slack last showed it. */
    const step = async (name: string, act: () => Promise<string[]>, done: () => boolean = () => true) => {
      const callsFrom = t.slack.calls.length;
      const responseIds = await act();
      await t.slack.waitFor(() => done() || undefined, 15_000);
      // What the step owes the channel (link notices, announcements) is in Slack before the step is read.
      await eventually("notices delivered", async () => ((await undelivered(t)) === 0 ? true : undefined));
      const messages: Step["messages"] = [];
      for (const id of responseIds) {
        for (const r of t.slack.responses.filter((x) => x.id === id)) {
          const body = r.body as Json;
          messages.push({ via: "reply", text: textOf(body), blocks: body.blocks });
        }
      }
      // A channel message edited in the step is shown once, as it ended.
      const last = new Map<string, Json>();
      for (const c of t.slack.calls.slice(callsFrom)) {
        if (c.method === "chat.postMessage" && c.ts) last.set(c.ts, c.args);
        if (c.method === "chat.update") last.set(String(c.args.ts), { ...(last.get(String(c.args.ts)) ?? {}), ...c.args });
      }
      for (const args of last.values()) {
        messages.push({
          via: "channel",
          text: textOf(args),
          blocks: args.blocks,
          ...(args.attachments ? { attachments: args.attachments } : {}),
          ...(args.thread_ts ? { thread: true } : {}),
        });
      }
      const ids = (await t.bot.store.sql.query<{ id: string }>("SELECT id::text AS id FROM operations")).map((r) => r.id);
      steps.push({ step: name, messages: stable(t, messages, ids) as Step["messages"] });
    };
    const command =
      (text: string, user = "UA") =>
      async () => [(await t.command(text, user)).responseId];
    const answered = (n: number) => () => t.slack.responses.length >= n;

    await step("help", command("help"));
    for (const side of ["ghes", "cloud"] as const) {
      await step(`link ${side}`, async () => {
        const device = side === "ghes" ? ghes.device : cloud.device;
        const started = await t.command(`link ${side}`, "UA");
        device.approve(device.latest()?.userCode as string, side === "ghes" ? "alice" : "alice-gh");
        await t.slack.waitFor(() => t.answers(started.responseId)[1], 10_000);
        return [started.responseId];
      });
    }
    await step("whoami acme", command("whoami acme"));
    for (const kind of ["enable", "disable"] as const) {
      const [requester, confirmer] = kind === "enable" ? ["UA", "UB"] : ["UB", "UA"];
      await step(`${kind} org acme`, command(`${kind} org acme`, requester));
      const id = latestCard(t)?.operationId as string;
      const [row] = await t.bot.store.sql.query<{ message_ts: string }>("SELECT message_ts FROM operations WHERE id = $1", [id]);
      const cardTs = row?.message_ts as string;
      const before = t.slack.responses.length;
      await step(
        `${kind}: confirmed by the other admin`,
        async () => {
          await click(t, confirmer, "op-confirm", id);
          return [t.slack.responses.at(-1)?.id as string];
        },
        () =>
          answered(before + 1)() &&
          t.slack.calls.some((c) => c.method === "chat.update" && JSON.stringify(c.args.blocks).includes("op-stop")),
      );
      await step(
        `${kind}: the click in GHES, seen in its audit log`,
        async () => {
          ghes.addAuditEvent({
            action: `dotcom_connection.${kind === "enable" ? "create" : "destroy"}`,
            actor: "alice",
            "@timestamp": t.clock.now().getTime() + 1000,
          });
          return [];
        },
        // Done once this operation's card links to its announcement: the card's last edit.
        () => cardAt(t, cardTs)?.text.includes("<https://fake-workspace") ?? false,
      );
      // `status` shows the watcher's picture too: it is read once the watcher has seen the click.
      await eventually("the watcher's picture", async () => {
        const state = (await watchRow(t))?.state as { instance?: { connected?: boolean } } | undefined;
        return state?.instance?.connected === (kind === "enable") ? true : undefined;
      });
      await step(`status acme (after ${kind})`, command("status acme", confirmer));
    }
    // The newest three: this command, its read, and the `status` before it (the background's events are older).
    await step("audit 3", command("audit 3"));
    // Everything about the account, both journeys, oldest last.
    await step("audit acme 50", command("audit acme 50"));
    return steps;
  } finally {
    await t.stop();
  }
}

describe.each(["en", "ja"] as const)("the admin's journeys, rendered (%s)", (language) => {
  let steps: Step[];
  beforeAll(async () => {
    steps = await journey(language);
  }, 120_000);
  afterAll(() => {});

  it("match the reviewed fixture, message by message", async () => {
    await expect(`${JSON.stringify(steps, null, 2)}\n`).toMatchFileSnapshot(`../fixtures/journey.${language}.json`);
  });

  it("show the parts that matter at each step", () => {
    const at = (name: string) => steps.find((s) => s.step === name)?.messages ?? [];
    const words = (name: string) =>
      at(name)
        .map((m) => m.text)
        .join("\n");
    // The device sign-in: the code formatted to copy, a button to the page, the expiry as the reader's time.
    expect(words("link ghes")).toContain("`<user-code>`");
    expect(JSON.stringify(at("link ghes"))).toContain('"type":"button"');
    expect(words("link ghes")).toContain("<!date^<epoch>^");
    // The request: a card in the channel, posted in the channel's language.
    expect(at("enable org acme").some((m) => m.via === "channel" && m.attachments)).toBe(true);
    // Confirmed: the GHES steps with the settings page as a link, and a Stop button.
    expect(words("enable: confirmed by the other admin")).toContain("|");
    expect(JSON.stringify(at("enable: confirmed by the other admin"))).toContain("op-stop");
    // Verified: the card and the announcement link to each other.
    const verified = words("enable: the click in GHES, seen in its audit log");
    expect(verified).toContain("https://fake-workspace.slack.com/archives/C0WORK/p<ts>");
    expect(verified).toContain("https://fake-workspace.slack.com/archives/C0NOTIFY/p<ts>");
    // The disconnection's announcement is a reply in the connection's thread.
    expect(at("disable: the click in GHES, seen in its audit log").some((m) => m.thread)).toBe(true);
  });
});
