// The languages Looplab's texts are written in, defined once for the gallery's index and the
// examples' comments.

/** The languages the gallery's texts and the examples' comments are written in; the first is the page's for now. */
export const LANGUAGES = ["en", "zh-CN"] as const;
export type Language = (typeof LANGUAGES)[number];
/** A text in every language. */
export type Localized = Record<Language, string>;

export function isLanguage(name: string): name is Language {
  return (LANGUAGES as readonly string[]).includes(name);
}
