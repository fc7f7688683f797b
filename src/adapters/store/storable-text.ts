/**
 * Text as PostgreSQL can keep it: a NUL (which no `text` or `jsonb` value may hold) and the other C0 controls
 * are written as `\uXXXX`, lone surrogates as U+FFFD, and the length is cut on code points, so a cut never splits
 * a character. A record is then always written, whatever a user typed.
 */
export function storableText(text: string, maxCodePoints: number): string {
  const escaped = text
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
  const points = Array.from(escaped);
  return points.length <= maxCodePoints ? escaped : points.slice(0, maxCodePoints).join("");
}

/** The same for every string inside a JSON value (audit `detail`). */
export function storableJson<T>(value: T, maxCodePoints: number): T {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === "string" ? storableText(v, maxCodePoints) : v))) as T;
}
