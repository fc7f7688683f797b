import { describeError } from "../messages/describe-error.ts";
import type { Params, Translate } from "../messages/translate.ts";
import type { DoctorLine, DoctorStatus } from "./run-doctor.ts";

export interface DoctorText {
  status: DoctorStatus;
  check: string;
  text: string;
}

/**
 * Each line in the reader's words. `time` renders a moment for the surface (a terminal prints UTC, Slack the
 * reader's own zone); a failure from the other side is worded by the same rules as anywhere else in the bot.
 */
export function doctorText(lines: DoctorLine[], t: Translate, time: (iso: string) => string, requestId: string): DoctorText[] {
  return lines.map((l) => {
    const params: Params = { ...l.params, ...(typeof l.params.date === "string" ? { date: time(l.params.date) } : {}) };
    // Numbers said in words: "less than a day" rather than "0 day(s)", "ahead of"/"behind" rather than a sign.
    if (typeof l.params.days === "number")
      params.days = l.params.days < 1 ? t("doctor.days.lessThanOne") : t("doctor.days.some", { days: l.params.days });
    if (l.key === "doctor.clock.skewed" && typeof l.params.seconds === "number") {
      params.seconds = Math.abs(l.params.seconds);
      params.direction = t(l.params.seconds > 0 ? "doctor.clock.ahead" : "doctor.clock.behind");
    }
    const text = l.error ? describeError(t, l.error, requestId).join(" ") : t(l.key, params);
    return { status: l.status, check: l.check, text };
  });
}

export function doctorSummary(lines: DoctorLine[], t: Translate): string {
  const count = (s: DoctorStatus) => lines.filter((l) => l.status === s).length;
  return t("doctor.summary", { ok: count("ok"), warn: count("warn"), fail: count("fail"), skip: count("skip") });
}
