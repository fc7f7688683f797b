/**
 * What a request from Slack must look like before Bolt sees it, whichever way it came (HTTP or Socket Mode).
 * "pass" reaches Bolt; a number is the HTTP status to answer at once (200: acknowledged and ignored, because
 * the app has no listener for it; 400: a shape Slack never sends, on which Bolt would throw).
 */
export type Verdict = { status: number; reason: string } | { status: "pass" };

export interface Listened {
  /** Actions the app has listeners for; any other is acknowledged at once and ignored. */
  knownAction(actionId: string): boolean;
  /** Slash commands the app answers. */
  commands: readonly string[];
  /** Event types the app has listeners for. */
  events: readonly string[];
}

const PASS: Verdict = { status: "pass" };
export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function checkCommand(command: unknown, userId: unknown, teamId: unknown, o: Listened): Verdict {
  if (typeof command !== "string") return { status: 400, reason: "neither a command nor a payload" };
  if (typeof userId !== "string" || !userId || typeof teamId !== "string" || !teamId)
    return { status: 400, reason: "command without user or team" };
  return o.commands.includes(command) ? PASS : { status: 200, reason: `no listener for command ${command.slice(0, 40)}` };
}

export function checkInteraction(parsed: unknown, o: Listened): Verdict {
  if (!isObject(parsed) || typeof parsed.type !== "string") return { status: 400, reason: "payload is not an object with a type" };
  if (parsed.type !== "block_actions") return { status: 200, reason: `no listener for ${parsed.type.slice(0, 40)}` };
  const user = parsed.user;
  const actions = parsed.actions;
  if (!isObject(user) || typeof user.id !== "string" || !Array.isArray(actions) || actions.length === 0)
    return { status: 400, reason: "block_actions without a user or an action" };
  const first = actions[0];
  if (!isObject(first) || typeof first.action_id !== "string") return { status: 400, reason: "action without an action_id" };
  return o.knownAction(first.action_id) ? PASS : { status: 200, reason: `no listener for action ${first.action_id.slice(0, 40)}` };
}

export function checkEvent(parsed: unknown, o: Listened): Verdict {
  if (!isObject(parsed) || typeof parsed.type !== "string") return { status: 400, reason: "body is not an object with a type" };
  if (parsed.type === "url_verification") return PASS;
  if (parsed.type !== "event_callback" || !isObject(parsed.event) || typeof parsed.event.type !== "string")
    return { status: 200, reason: `no listener for ${parsed.type.slice(0, 40)}` };
  return o.events.includes(parsed.event.type) ? PASS : { status: 200, reason: `no listener for event ${parsed.event.type.slice(0, 40)}` };
}
