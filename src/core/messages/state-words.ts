import type { MessageKey, Translate } from "./translate.ts";

const IN_FLIGHT_WORDS = {
  REQUESTED: "state.REQUESTED",
  AWAITING_CONFIRMATION: "state.AWAITING_CONFIRMATION",
  CONFIRMED: "state.CONFIRMED",
  APPLYING: "state.APPLYING",
} as const satisfies Record<string, MessageKey>;

/** An operation in flight's state as words a reader understands, never its code name. */
export function stateWords(t: Translate, state: unknown): string {
  return typeof state === "string" && state in IN_FLIGHT_WORDS
    ? t(IN_FLIGHT_WORDS[state as keyof typeof IN_FLIGHT_WORDS])
    : t("state.inFlight");
}
