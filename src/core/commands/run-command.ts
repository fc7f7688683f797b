import { AppError, needsReference } from "../../errors.ts";
import { type Reply, reply, text } from "../domain/reply.ts";
import { describeError } from "../messages/describe-error.ts";
import { localeOf, translator } from "../messages/translate.ts";
import { requestOperation } from "../operations/request-operation.ts";
import type { SlackUserRef } from "../ports.ts";
import type { CommandContext, CommandDeps } from "./command-context.ts";
import { auditCommand } from "./handlers/audit-command.ts";
import { doctorCommand } from "./handlers/doctor-command.ts";
import { helpCommand } from "./handlers/help-command.ts";
import { linkCommand } from "./handlers/link-command.ts";
import { statusCommand } from "./handlers/status-command.ts";
import { unlinkCommand } from "./handlers/unlink-command.ts";
import { whoamiCommand } from "./handlers/whoami-command.ts";
import { type Command, parseCommand } from "./parse-command.ts";

export interface CommandInput {
  ref: SlackUserRef;
  text: string;
  requestId: string;
  channel: string;
}

function targetOf(command: Command): string | undefined {
  if ("account" in command && command.account) return `${command.account.kind ?? "?"}:${command.account.slug}`;
  if ("side" in command) return command.side ?? "both";
  if (command.name === "audit") return [command.limit, command.user ? `@${command.user}` : ""].filter(Boolean).join(" ");
  return undefined;
}

function route(ctx: CommandContext, command: Command): Promise<Reply> {
  switch (command.name) {
    case "help":
      return helpCommand(ctx);
    case "link":
      return linkCommand(ctx, command.side);
    case "unlink":
      return unlinkCommand(ctx, command.side);
    case "whoami":
      return whoamiCommand(ctx, command.account);
    case "enable":
    case "disable":
      return requestOperation(ctx.deps, {
        ref: ctx.ref,
        kind: command.name,
        account: command.account,
        channel: ctx.channel,
        locale: ctx.locale,
        requestId: ctx.requestId,
        t: ctx.t,
      });
    case "status":
      return statusCommand(ctx, command.account);
    case "audit":
      return auditCommand(ctx, command);
    case "doctor":
      return doctorCommand(ctx);
  }
}

/**
 * One slash command from parse to reply. Who the Slack user is (guest, deactivated) is asked before
 * anything else, the command is recorded before any answer, and every failure becomes words, not a trace.
 */
export async function runCommand(
  input: CommandInput,
  deps: CommandDeps,
  followUp: (reply: Reply) => Promise<void>,
  logError: (error: unknown, requestId: string) => void,
): Promise<Reply> {
  const { ref, requestId } = input;
  let t = translator("en");
  const record = (action: string, decision: "ok" | "denied" | "error", target?: string, reason?: string) =>
    deps.audit.record({ actor: ref, action, decision, requestId, ...(target ? { target } : {}), ...(reason ? { reason } : {}) });
  let accepted: Command | null = null;
  try {
    if (deps.isSecret(input.text)) {
      // Never run, stored or repeated: the record says only that a secret was refused.
      const user = await deps.directory.lookup(ref.user).catch(() => null);
      t = translator(localeOf(user?.locale));
      await record("command.invalid", "denied", "[redacted]", "SECRET_IN_INPUT");
      throw new AppError("SECRET_IN_INPUT");
    }
    let command: Command;
    try {
      command = parseCommand(input.text);
    } catch (error) {
      const user = await deps.directory.lookup(ref.user).catch(() => null);
      t = translator(localeOf(user?.locale));
      // Cut on code points: half an emoji is not text the record could keep.
      await record(
        "command.invalid",
        "denied",
        Array.from(input.text).slice(0, 200).join(""),
        error instanceof AppError ? error.code : "internal",
      );
      throw error;
    }
    const user = await deps.directory.lookup(ref.user);
    t = translator(localeOf(user.locale));
    const refusal = { guest: "SLACK_USER_GUEST", deleted: "SLACK_USER_DELETED", bot: "SLACK_USER_BOT", member: null } as const;
    const refused = refusal[user.kind];
    if (refused && command.name !== "help") {
      await record(`command.${command.name}`, "denied", targetOf(command), refused);
      throw new AppError(refused);
    }
    await record(`command.${command.name}`, "ok", targetOf(command));
    accepted = command;
    return await route({ ref, requestId, channel: input.channel, locale: localeOf(user.locale), t, deps, followUp }, command);
  } catch (error) {
    if (needsReference(error)) logError(error, requestId);
    if (accepted) {
      const code = error instanceof AppError ? error.code : "internal";
      await record(`command.${accepted.name}.failed`, "error", targetOf(accepted), code).catch((e: unknown) => logError(e, requestId));
    }
    return reply(...describeError(t, error, requestId, accepted?.name).map(text));
  }
}
