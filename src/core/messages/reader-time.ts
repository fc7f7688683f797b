/**
 * A time as each Slack reader sees it, in their own zone (`<!date^…>`); clients that cannot render it show the UTC
 * text after the bar. `time` for a moment within the day (expiries, deadlines), `full` for anything else.
 */
export function readerTime(at: Date | string | null | undefined, style: "full" | "time" = "full"): string {
  if (at === null || at === undefined) return "?";
  const ms = typeof at === "string" ? Date.parse(at) : at.getTime();
  if (Number.isNaN(ms)) return typeof at === "string" ? at : "?";
  const iso = new Date(ms).toISOString();
  const format = style === "time" ? "{time}" : "{date_short_pretty} {time}";
  const fallback = style === "time" ? `${iso.slice(11, 16)} UTC` : `${iso.slice(0, 16).replace("T", " ")} UTC`;
  return `<!date^${Math.floor(ms / 1000)}^${format}|${fallback}>`;
}
