import type { Reply } from "../domain/reply.ts";
import type { Linker } from "../identity/link-identity.ts";
import type { Translate } from "../messages/translate.ts";
import type { Executor } from "../operations/guided-executor.ts";
import type { OperationDeps } from "../operations/operation-deps.ts";
import type { PolicyDeps } from "../policy/evaluate-policy.ts";
import type { AuditLog, LinkStore, SlackUserRef } from "../ports.ts";
import type { WatchView } from "../watch/watch-view.ts";

export interface CommandDeps {
  links: LinkStore;
  linker: Linker;
  policy: PolicyDeps;
  audit: AuditLog;
  /** Background work (device-flow polling) is tied to this signal so shutdown can stop it. */
  shutdown: AbortSignal;
  ops: OperationDeps;
  executor: Executor;
  watch: WatchView;
  /** Whether a text holds a token or a configured secret (pasted by mistake). */
  isSecret(text: string): boolean;
}

export interface CommandContext {
  ref: SlackUserRef;
  requestId: string;
  /** The channel the command came from: confirmation cards are posted there. */
  channel: string;
  /** The user's Slack locale, kept on operations so their cards stay in that language. */
  locale: string;
  t: Translate;
  deps: CommandDeps;
  /** Sends a later answer to the same user (e.g. when a device sign-in completes). */
  followUp(reply: Reply): Promise<void>;
}
