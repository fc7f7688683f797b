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

/** For a side that said no, who can change that, in words. */
export function fixLine(t: Translate, v: SideVerdict): string | null {
  if (v.status !== "denied") return null;
  if (v.side === "GHES") return v.reason === "not_site_admin" ? t("policy.fix.not_site_admin", v.params) : null;
  switch (v.reason) {
    case "org_not_owner":
    case "org_pending":
    case "org_not_member":
    case "enterprise_not_owner":
    case "enterprise_hidden":
      return t(`policy.fix.${v.reason}`, v.params);
    default:
      return null;
  }
}

/** Both sides' verdicts, one line each, GHES first; under a refusal, how to fix it. */
export function verdictLines(t: Translate, result: PolicyResult, requestId: string): string {
  return [result.ghes, result.cloud]
    .flatMap((v) => {
      const fix = fixLine(t, v);
      return [verdictLine(t, v, requestId), ...(fix ? [`      ${fix}`] : [])];
    })
    .join("\n");
}
