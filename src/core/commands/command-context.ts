import type { DoctorLine } from "../doctor/run-doctor.ts";
import type { ConnectionStore } from "../domain/operation.ts";
import type { Reply } from "../domain/reply.ts";
import type { Linker } from "../identity/link-identity.ts";
import type { Translate } from "../messages/translate.ts";
import type { RequestDeps } from "../operations/request-operation.ts";
import type { AuditLog, LinkStore, SlackDirectory, SlackUserRef } from "../ports.ts";
import type { WatchView } from "../watch/watch-view.ts";

/** What the commands use, each once: `enable`/`disable` need what a request needs (RequestDeps), the rest reads. */
export type CommandDeps = RequestDeps & {
  links: LinkStore;
  linker: Linker;
  audit: AuditLog;
  connections: ConnectionStore;
  directory: SlackDirectory;
  /** Background work (device-flow polling) is tied to this signal so shutdown can stop it. */
  shutdown: AbortSignal;
  watch: WatchView;
  /** Every check of the bot's configuration and connections (`/ghconnect doctor`). */
  doctor(): Promise<DoctorLine[]>;
  /** Whether a text holds a token or a configured secret (pasted by mistake). */
  isSecret(text: string): boolean;
};

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
