// The widget's URL parameters: theme=light|dark, autorun=1, readonly=1, and
// panels=editor,console,timeline (which panels to show, in that order; all by default).

export type EmbedPanel = "editor" | "console" | "timeline";

export interface EmbedOptions {
  theme: "auto" | "light" | "dark";
  autorun: boolean;
  readOnly: boolean;
  panels: EmbedPanel[];
}

export const EMBED_PANELS: readonly EmbedPanel[] = ["editor", "console", "timeline"];

function flag(value: string | null): boolean {
  return value === "1" || value === "true";
}

export function parseEmbedOptions(search: string): EmbedOptions {
  const parameters = new URLSearchParams(search);
  const theme = parameters.get("theme");
  const listed = parameters
    .get("panels")
    ?.split(",")
    .map((panel) => panel.trim());
  const panels = listed === undefined ? [...EMBED_PANELS] : EMBED_PANELS.filter((panel) => listed.includes(panel));
  return {
    theme: theme === "light" || theme === "dark" ? theme : "auto",
    autorun: flag(parameters.get("autorun")),
    readOnly: flag(parameters.get("readonly")),
    panels: panels.length === 0 ? [...EMBED_PANELS] : panels,
  };
}

/** The query string for `options`, leaving out what is the default. */
export function embedQuery(options: EmbedOptions): string {
  const parameters = new URLSearchParams();
  if (options.theme !== "auto") parameters.set("theme", options.theme);
  if (options.autorun) parameters.set("autorun", "1");
  if (options.readOnly) parameters.set("readonly", "1");
  if (options.panels.length !== EMBED_PANELS.length) parameters.set("panels", options.panels.join(","));
  const query = parameters.toString();
  return query === "" ? "" : `?${query}`;
}
