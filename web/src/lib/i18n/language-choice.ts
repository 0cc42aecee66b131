// Which language the page speaks: a choice the person made, else the browser's. Pure, so the
// tests run it without a page; language.svelte.ts keeps the choice and applies it.

import { baseLocale, isLocale, type Locale, locales } from "../../paraglide/runtime.js";

/** The page's languages (web/project.inlang/settings.json): the tag each one's texts are in. */
export type Language = Locale;
export const LANGUAGES: readonly Language[] = locales;
export const DEFAULT_LANGUAGE: Language = baseLocale;

/** Each language named in itself, for the switch in the header and the embed dialog. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: "English", "zh-CN": "简体中文" };

/** "zh-CN", "zh", "ZH-hans-CN" → zh-CN; "en-GB" → en; anything else → null. */
export function parseLanguage(tag: string | null | undefined): Language | null {
  if (tag === null || tag === undefined) return null;
  const trimmed = tag.trim();
  if (isLocale(trimmed)) return trimmed;
  const primary = trimmed.split(/[-_]/)[0]?.toLowerCase();
  if (primary === "zh") return "zh-CN";
  if (primary === "en") return "en";
  return null;
}

/** The browser's preferred languages, in order: any Chinese wins Chinese, else English. */
export function languageFromBrowser(preferred: readonly string[]): Language {
  return preferred.some((tag) => parseLanguage(tag) === "zh-CN") ? "zh-CN" : DEFAULT_LANGUAGE;
}
