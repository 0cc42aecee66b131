// Gives each `await` and generator `yield` of the compiled snippet its site: the TypeScript line
// and column it came from, packed into one number (lowering/sites.ts). Read from esbuild's source
// map at compile time, so the runtime needs no map to say where a coroutine is parked.

import { originalPositionFor, TraceMap } from "@jridgewell/trace-mapping";
import { packSite } from "../lowering/sites.js";

/** The site of the code at an offset of the compiled script; 0 when the map says nothing there. */
export type SiteOf = (offset: number) => number;

/** From a 1-based position of the compiled source to one in the code the person wrote, or null. */
export type PositionMapper = (line: number, column: number) => { line: number; column: number } | null;

export interface SiteOptions {
  /** Maps the source's positions on, when that source was made from what the person wrote. */
  toWritten?: PositionMapper;
  /** The REPL input the code is, by number. */
  input?: number;
}

export function suspensionSites(code: string, map: string, { toWritten, input = 0 }: SiteOptions = {}): SiteOf {
  const traced = new TraceMap(map);
  const lineStarts = [0];
  for (let index = code.indexOf("\n"); index !== -1; index = code.indexOf("\n", index + 1)) lineStarts.push(index + 1);
  return (offset) => {
    const line = lineAt(lineStarts, offset);
    const original = originalPositionFor(traced, { line: line + 1, column: offset - lineStarts[line] });
    if (original.line === null) return 0;
    const written =
      toWritten === undefined ? { line: original.line, column: original.column + 1 } : toWritten(original.line, original.column + 1);
    return written === null ? 0 : packSite(written.line, written.column, input);
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
