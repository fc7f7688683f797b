import { AppError } from "../../errors.ts";
import { type AccountSpec, SIDE_WORD } from "../domain/account.ts";
import type { AccountKind, Side } from "../ports.ts";
import { closestWord } from "./closest-word.ts";
import { COMMAND_SPECS, type CommandName, SLASH_COMMAND, usageOf } from "./command-specs.ts";
import { validateSlug } from "./validate-slug.ts";

export type Command =
  | { name: "help" }
  | { name: "doctor" }
  | { name: "link"; side: Side }
  | { name: "unlink"; side: Side | null }
  | { name: "whoami"; account: AccountSpec | null }
  | { name: "enable"; account: AccountSpec }
  | { name: "disable"; account: AccountSpec }
  | { name: "status"; account: AccountSpec | null }
  | { name: "audit"; limit: number; account: AccountSpec | null; user: string | null };

export const MAX_INPUT_LENGTH = 200;
export const MAX_AUDIT_LIMIT = 50;
export const DEFAULT_AUDIT_LIMIT = 10;

const NAMES = COMMAND_SPECS.map((s) => s.name);
// A Map, not an object: a typed word such as `__proto__` or `constructor` must not find a side on the prototype.
const SIDES = new Map<string, Side>(Object.entries(SIDE_WORD).map(([side, word]) => [word, side as Side]));
// Control and invisible format characters (zero-width, bidi overrides) can make a slug look like another.
const FORBIDDEN = /[\p{Cc}\p{Cf}]/u;

function argumentError(name: CommandName, extra: Record<string, string> = {}): AppError {
  return new AppError("COMMAND_ARGUMENTS", { command: name, usage: usageOf(name), ...extra });
}

function parseSide(name: CommandName, word: string): Side {
  const side = SIDES.get(word.toLowerCase());
  if (side) return side;
  const suggestion = closestWord(word, [...SIDES.keys()]);
  throw argumentError(name, suggestion ? { suggestion: `${SLASH_COMMAND} ${name} ${suggestion}` } : {});
}

function parseAccount(name: CommandName, args: string[]): AccountSpec {
  let kind: AccountKind | null = null;
  let rest = args;
  const first = args[0]?.toLowerCase();
  if (args.length === 2 && (first === "org" || first === "enterprise")) {
    kind = first;
    rest = args.slice(1);
  }
  if (rest.length !== 1) throw argumentError(name);
  const slug = rest[0] as string;
  const problem = validateSlug(slug, kind ?? undefined);
  if (problem) throw new AppError("SLUG_INVALID", { slug: slug.slice(0, 80), problem, usage: usageOf(name) });
  return { kind, slug: slug.toLowerCase() };
}

// A Slack mention as an escaped slash command carries it: <@U123> or <@U123|name>.
const MENTION = /^<@([UW][A-Z0-9]{1,20})(?:\|[^>]*)?>$/;

/** `audit [<n>] [[org|enterprise] <slug>] [@user]`, in any order, each at most once. */
function parseAudit(args: string[]): Command {
  let limit: number | null = null;
  let user: string | null = null;
  const accountWords: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i] as string;
    const mention = MENTION.exec(word);
    const kind = word.toLowerCase();
    if ((kind === "org" || kind === "enterprise") && i + 1 < args.length) {
      // The word after `org` or `enterprise` is the account, even all digits (an organization may be named `42`).
      accountWords.push(word, args[++i] as string);
    } else if (/^\d+$/.test(word)) {
      const n = Number(word);
      if (limit !== null || n < 1 || n > MAX_AUDIT_LIMIT) throw argumentError("audit", { max: String(MAX_AUDIT_LIMIT) });
      limit = n;
    } else if (mention) {
      if (user !== null) throw argumentError("audit");
      user = mention[1] as string;
    } else if (word.startsWith("@")) {
      // Slack sent a name, not a member id: the app's slash command does not escape users (manifest.yml).
      throw new AppError("AUDIT_MENTION_UNRESOLVED", { given: word.slice(0, 40), usage: usageOf("audit") });
    } else {
      accountWords.push(word);
    }
  }
  const account = accountWords.length > 0 ? parseAccount("audit", accountWords) : null;
  return { name: "audit", limit: limit ?? DEFAULT_AUDIT_LIMIT, account, user };
}

/** Parses the text after `/ghconnect`. Throws AppError with a usage line on anything it cannot accept. */
export function parseCommand(text: string): Command {
  if (text.length > MAX_INPUT_LENGTH) throw new AppError("COMMAND_INPUT_INVALID", { reason: "too_long", max: MAX_INPUT_LENGTH });
  if (FORBIDDEN.test(text)) throw new AppError("COMMAND_INPUT_INVALID", { reason: "control" });
  const words = text.trim().split(/\s+/).filter(Boolean);
  const [head, ...args] = words;
  if (!head) return { name: "help" };
  const name = NAMES.find((n) => n === head.toLowerCase());
  if (!name) {
    const suggestion = closestWord(head, NAMES) as CommandName | undefined;
    throw new AppError("COMMAND_UNKNOWN", { given: head.slice(0, 40), ...(suggestion ? { suggestion: usageOf(suggestion) } : {}) });
  }
  switch (name) {
    case "help":
    case "doctor":
      if (args.length > 0) throw argumentError(name);
      return { name };
    case "link":
      if (args.length !== 1) throw argumentError(name);
      return { name, side: parseSide(name, args[0] as string) };
    case "unlink":
      if (args.length > 1) throw argumentError(name);
      return { name, side: args[0] ? parseSide(name, args[0]) : null };
    case "whoami":
    case "status":
      return { name, account: args.length === 0 ? null : parseAccount(name, args) };
    case "enable":
    case "disable":
      if (args.length === 0) throw argumentError(name);
      return { name, account: parseAccount(name, args) };
    case "audit":
      return parseAudit(args);
  }
}
