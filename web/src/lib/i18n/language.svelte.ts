// The language the page shows, as state: the message functions (web/messages, compiled by
// Paraglide into src/paraglide) read it, so every text that calls one follows a switch at once.

import { overwriteGetLocale } from "../../paraglide/runtime.js";
import { readSetting, writeSetting } from "../settings.ts";
import { type Language, languageFromBrowser, parseLanguage } from "./language-choice.ts";

const LANGUAGE_KEY = "looplab:language";

class PageLanguage {
  current = $state<Language>("en");
}

export const pageLanguage = new PageLanguage();
overwriteGetLocale(() => pageLanguage.current);

/** The remembered choice, else the browser's languages. */
export function storedLanguage(): Language {
  return parseLanguage(readSetting(LANGUAGE_KEY)) ?? languageFromBrowser(navigator.languages ?? [navigator.language]);
}

/** Shows the page in `language` and sets `<html lang>` for fonts and screen readers. */
export function applyLanguage(language: Language): void {
  pageLanguage.current = language;
  document.documentElement.lang = language;
}

export function saveLanguage(language: Language): void {
  writeSetting(LANGUAGE_KEY, language);
}
