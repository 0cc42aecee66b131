// The timeline's colours, read from the page's CSS variables so one drawing serves light and
// dark. Reading them forces a style recalculation: the canvas keeps them until the theme changes.

import { WAIT_FAMILIES, type WaitFamily, waitColourVariable } from "./wait-kinds.ts";

const NAMED = {
  background: "--surface",
  text: "--text",
  muted: "--text-muted",
  grid: "--border",
  hover: "--hover",
  cursor: "--accent",
  link: "--accent",
  pending: "--state-pending",
  running: "--state-running",
  waiting: "--state-waiting",
  done: "--state-done",
  failed: "--state-failed",
  cancelled: "--state-cancelled",
  waitingText: "--state-waiting-text",
} as const;

export type Palette = Record<keyof typeof NAMED | `wait-${WaitFamily}`, string>;

export function readPalette(element: Element): Palette {
  const style = getComputedStyle(element);
  const read = (name: string) => style.getPropertyValue(name).trim();
  const palette = {} as Palette;
  for (const [name, variable] of Object.entries(NAMED)) palette[name as keyof typeof NAMED] = read(variable);
  for (const family of WAIT_FAMILIES) palette[`wait-${family}`] = read(waitColourVariable(family)) || palette.waiting;
  return palette;
}
