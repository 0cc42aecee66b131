// Light or dark: the person's choice, or the system's while they chose "auto". The page's
// colours follow <html data-theme>, which this keeps current when the system changes.

import { readSetting, writeSetting } from "./settings.ts";

export type ThemeChoice = "auto" | "light" | "dark";

const THEME_KEY = "looplab:theme";
const systemDark = () => window.matchMedia("(prefers-color-scheme: dark)");

export function storedTheme(): ThemeChoice {
  const stored = readSetting(THEME_KEY);
  return stored === "light" || stored === "dark" ? stored : "auto";
}

export function applyTheme(choice: ThemeChoice): void {
  const dark = choice === "dark" || (choice === "auto" && systemDark().matches);
  document.documentElement.dataset.theme = dark ? "dark" : "light";
}

/** Applies `choice` and follows the system while it is "auto"; returns a function that stops following. */
export function followTheme(choice: ThemeChoice): () => void {
  applyTheme(choice);
  const query = systemDark();
  const onChange = () => applyTheme(choice);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}

export function saveTheme(choice: ThemeChoice): void {
  writeSetting(THEME_KEY, choice);
}
