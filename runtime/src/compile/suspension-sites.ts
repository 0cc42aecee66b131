// Gives each `await` and generator `yield` of the compiled snippet its site: the TypeScript line
// and column it came from, packed into one number (lowering/sites.ts). Read from esbuild's source
// map at compile time, so the runtime needs no map to say where a coroutine is parked.

import { originalPositionFor, TraceMap } from "@jridgewell/trace-mapping";
import { packSite } from "../lowering/sites.js";

/** The site of the code at an offset of the compiled script; 0 when the map says nothing there. */
export type SiteOf = (offset: number) => number;

export function suspensionSites(code: string, map: string): SiteOf {
  const traced = new TraceMap(map);
  const lineStarts = [0];
  for (let index = code.indexOf("\n"); index !== -1; index = code.indexOf("\n", index + 1)) lineStarts.push(index + 1);
  return (offset) => {
    const line = lineAt(lineStarts, offset);
    const original = originalPositionFor(traced, { line: line + 1, column: offset - lineStarts[line] });
    return original.line === null ? 0 : packSite(original.line, original.column + 1);
  };
}

/** The 0-based line holding `offset`: the last line start at or before it. */
function lineAt(lineStarts: number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (lineStarts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}
