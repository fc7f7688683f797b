/** The one list of subcommands: the parser, the usage lines and help are all generated from it. */
export const COMMAND_SPECS = [
  { name: "help", usage: "help", summaryKey: "help.summary.help" },
  { name: "link", usage: "link ghes|cloud", summaryKey: "help.summary.link" },
  { name: "unlink", usage: "unlink [ghes|cloud]", summaryKey: "help.summary.unlink" },
  { name: "whoami", usage: "whoami [[org|enterprise] <slug>]", summaryKey: "help.summary.whoami" },
  { name: "enable", usage: "enable [org|enterprise] <slug>", summaryKey: "help.summary.enable" },
  { name: "disable", usage: "disable [org|enterprise] <slug>", summaryKey: "help.summary.disable" },
  { name: "status", usage: "status [<slug>]", summaryKey: "help.summary.status" },
  { name: "audit", usage: "audit [<n>] [[org|enterprise] <slug>] [@user]", summaryKey: "help.summary.audit" },
  { name: "doctor", usage: "doctor", summaryKey: "help.summary.doctor" },
] as const;

export type CommandName = (typeof COMMAND_SPECS)[number]["name"];
export const SLASH_COMMAND = "/ghconnect";

export function usageOf(name: CommandName): string {
  const spec = COMMAND_SPECS.find((s) => s.name === name);
  return `${SLASH_COMMAND} ${spec?.usage ?? name}`;
}
