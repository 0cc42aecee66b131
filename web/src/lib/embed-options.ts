// The widget's URL parameters: theme=light|dark, lang=en|zh-CN (the reader's browser decides
// without it), autorun=1, readonly=1, and panels=editor,console,stepper,timeline (which panels
// to show, always in that order; editor, console and timeline by default). A link's step=N (read
// by steps/step-link.ts) opens the stepper at step N.

import { type Language, parseLanguage } from "./i18n/language-choice.ts";

export type EmbedPanel = "editor" | "console" | "stepper" | "timeline";

export interface EmbedOptions {
  theme: "auto" | "light" | "dark";
  /** The widget's language, or "auto" to follow the reader's browser. */
  lang: "auto" | Language;
  autorun: boolean;
  readOnly: boolean;
  panels: EmbedPanel[];
}

/** Every panel, in the order the widget shows them. */
export const EMBED_PANELS: readonly EmbedPanel[] = ["editor", "console", "stepper", "timeline"];

/** The panels of a widget whose address names none. */
export const DEFAULT_EMBED_PANELS: readonly EmbedPanel[] = EMBED_PANELS.filter((panel) => panel !== "stepper");

function flag(value: string | null): boolean {
  return value === "1" || value === "true";
}

function isDefault(panels: readonly EmbedPanel[]): boolean {
  return panels.length === DEFAULT_EMBED_PANELS.length && panels.every((panel) => DEFAULT_EMBED_PANELS.includes(panel));
}

export function parseEmbedOptions(search: string): EmbedOptions {
  const parameters = new URLSearchParams(search);
  const theme = parameters.get("theme");
  const listed = parameters
    .get("panels")
    ?.split(",")
    .map((panel) => panel.trim());
  const panels = listed === undefined ? [] : EMBED_PANELS.filter((panel) => listed.includes(panel));
  return {
    theme: theme === "light" || theme === "dark" ? theme : "auto",
    lang: parseLanguage(parameters.get("lang")) ?? "auto",
    autorun: flag(parameters.get("autorun")),
    readOnly: flag(parameters.get("readonly")),
    panels: panels.length === 0 ? [...DEFAULT_EMBED_PANELS] : panels,
  };
}

/** The query string for `options`, leaving out what is the default. */
export function embedQuery(options: EmbedOptions): string {
  const parameters = new URLSearchParams();
  if (options.theme !== "auto") parameters.set("theme", options.theme);
  if (options.lang !== "auto") parameters.set("lang", options.lang);
  if (options.autorun) parameters.set("autorun", "1");
  if (options.readOnly) parameters.set("readonly", "1");
  if (!isDefault(options.panels)) parameters.set("panels", options.panels.join(","));
  const query = parameters.toString();
  return query === "" ? "" : `?${query}`;
}
