import { SIDE_WORD } from "../domain/account.ts";
import { describeError } from "../messages/describe-error.ts";
import type { Translate } from "../messages/translate.ts";
import type { PolicyResult, SideVerdict } from "./evaluate-policy.ts";

export function verdictLine(t: Translate, v: SideVerdict, requestId: string): string {
  const side = t(`side.${v.side}`);
  switch (v.status) {
    case "not_linked":
      return t("policy.side.not_linked", { side, command: SIDE_WORD[v.side] });
    case "error":
      return t("policy.side.error", { side, error: describeError(t, v.error, requestId).join(" ") });
    default:
      return `${v.status === "allowed" ? "✅" : "⛔"} ${t(v.side === "GHES" ? `policy.GHES.${v.reason}` : `policy.CLOUD.${v.reason}`, v.params)}`;
  }
}

/** Both sides' verdicts, one line each, GHES first. */
export function verdictLines(t: Translate, result: PolicyResult, requestId: string): string {
  return [verdictLine(t, result.ghes, requestId), verdictLine(t, result.cloud, requestId)].join("\n");
}
