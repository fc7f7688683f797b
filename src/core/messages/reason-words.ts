import type { Translate } from "./translate.ts";

/** Why an operation failed, in words; the card and the announcement say it the same way. */
export function reasonWords(t: Translate, reason: string | null, requester: string): string {
  switch (reason) {
    case "apply_timeout":
      return t("reason.apply_timeout");
    case "interrupted":
      return t("reason.interrupted", { requester });
    case "stopped":
      return t("reason.stopped");
    default:
      return t("reason.other", { reason: reason ?? "unknown" });
  }
}
