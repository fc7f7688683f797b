import { en, type MessageKey } from "./en.ts";
import { ja } from "./ja.ts";

export type Locale = "en" | "ja";
export type Params = Record<string, string | number | undefined>;
export type Translate = (key: MessageKey, params?: Params) => string;

/** Slack locales look like "ja-JP"; anything not Japanese falls back to English. */
export function localeOf(slackLocale: string | null | undefined): Locale {
  return slackLocale?.toLowerCase().startsWith("ja") ? "ja" : "en";
}

export function translator(locale: Locale): Translate {
  const table = locale === "ja" ? ja : en;
  return (key, params = {}) =>
    table[key].replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      return value === undefined ? whole : String(value);
    });
}

export type { MessageKey };
