// A link that opens a run at a given step: `?step=N` in the page's query (the fragment carries
// the code, see fragment-code.ts, and the /s/:id path a saved snippet).

const PARAMETER = "step";

/** The step a page's URL asks for, or null. */
export function stepFromSearch(search: string): number | null {
  const value = new URLSearchParams(search).get(PARAMETER);
  if (value === null || !/^\d{1,9}$/.test(value)) return null;
  return Number(value);
}

/** `url` with its step set to `step`, every other part kept. */
export function withStep(url: string, step: number): string {
  const parsed = new URL(url);
  parsed.searchParams.set(PARAMETER, String(Math.max(0, Math.floor(step))));
  return parsed.toString();
}
