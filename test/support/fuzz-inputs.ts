import fc from "fast-check";
import type { SqlDriver } from "../../src/adapters/store/sql-driver.ts";
import type { FakeSlack } from "../fakes/slack/fake-slack.ts";
import type { SlackSender } from "../fakes/slack/slack-sender.ts";

const WORDS = [
  "help",
  "whoami",
  "unlink",
  "enable",
  "disable",
  "status",
  "audit",
  "org",
  "enterprise",
  "ghes",
  "cloud",
  "acme",
  "-acme-",
  "50",
  "0",
  "999",
  "__proto__",
  "constructor",
  "a".repeat(40),
];
const ODD = [
  "\u0000",
  "\u0001",
  "\u200b",
  "\u202e",
  "😀",
  "\ud800",
  "\t",
  "\n",
  "  ",
  "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
  "'; DROP TABLE operations; --",
  "%00",
  "<@U1>",
  "*bold*",
  "日本語",
  "é",
];

/** What a person (or a paste) may type after `/ghconnect`: command-like word salads, odd characters, anything. */
export function commandText(): fc.Arbitrary<string> {
  const word = fc.oneof(
    fc.constantFrom(...WORDS),
    fc.constantFrom(...ODD),
    fc.string({ maxLength: 12 }),
    fc.string({ unit: "binary", maxLength: 6 }),
  );
  const salad = fc.array(word, { maxLength: 6 }).map((ws) => ws.join(" "));
  const long = fc.tuple(fc.string({ unit: "grapheme", minLength: 190, maxLength: 260 }), fc.constantFrom("", "😀", "é"));
  return fc.oneof(
    { weight: 5, arbitrary: salad },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 250 }) },
    { weight: 1, arbitrary: long.map(([a, b]) => a + b) },
  );
}

/** One command through the whole path: signed request, ack, reply, record. */
export async function tryCommand(
  t: { slack: FakeSlack; sender: SlackSender; sql: SqlDriver; team: string },
  text: string,
): Promise<{ status: number; internal: boolean; recorded: boolean; resets: number }> {
  const [before] = await t.sql.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_events");
  const responseUrl = t.slack.newResponseUrl();
  const id = responseUrl.split("/").pop();
  const send = () => t.sender.command({ text, user_id: "UF", team_id: t.team, channel_id: "C0WORK", response_url: responseUrl });
  // A kept-alive connection the server closed just as the request went out is reset before the server reads
  // it (a client-side race, counted and reported); Slack would send again, and so does this.
  let resets = 0;
  const response = await send().catch(async (error: unknown) => {
    if ((error as { cause?: { code?: string } })?.cause?.code !== "ECONNRESET") throw error;
    resets++;
    return send();
  });
  if (response.status !== 200) return { status: response.status, internal: false, recorded: false, resets };
  // A ceiling, not a measure: a busy machine may take long, and only a reply that never comes is a finding.
  const reply = await t.slack.waitFor(() => t.slack.responses.find((r) => r.id === id), 120_000);
  const [after] = await t.sql.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_events");
  return {
    status: 200,
    internal: JSON.stringify(reply.body).includes("Something failed inside ghconnect"),
    recorded: (after?.n ?? 0) > (before?.n ?? 0),
    resets,
  };
}
