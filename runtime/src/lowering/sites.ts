// Where each coroutine is parked. The compile step (compile/suspension-sites.ts) gives every
// `await` and every generator `yield` of the snippet a site: its TypeScript line and column,
// packed into one number. The yield passes it on the way out, `yield __suspendAt(site, x)`,
// and the chain driver (advanceChain) keeps it on the coroutine that suspended. So the runtime
// knows the line of every suspended coroutine in every await chain, at the cost of one call
// per suspension: awaits that finish at once (lowering/await-now.ts) pass no site at all.

import type { CodeSite } from "../events.js";

/** Columns and lines past these share the last value; a snippet is at most 64 KB, so none comes near them. */
const COLUMNS = 2 ** 16;
const LINES = 2 ** 21;
/** REPL inputs past this share its number: with the line and column, it fills a double's 53 bits. */
const MAX_INPUT = 2 ** 16 - 2;

/**
 * The site the last yield passed. The driver clears it before each resume, as a property
 * rather than through a call: a snippet's generator iterated by the snippet itself also
 * passes sites, and the runtime's own coroutines, which pass none, must not inherit them.
 */
export const suspension = { site: 0 };

/** What `yield __suspendAt(site, awaited)` calls: notes the site, gives back what is yielded. */
export function __suspendAt(site: number, awaited?: unknown): unknown {
  suspension.site = site;
  return awaited;
}

/** One number for a 1-based line and column, of a REPL input's code when `input` is its number (1, 2...), else of the program's. */
export function packSite(line: number, column: number, input = 0): number {
  return (Math.min(input, MAX_INPUT) * LINES + Math.min(line, LINES - 1)) * COLUMNS + Math.min(column, COLUMNS - 1);
}

/** The line and column of a site, and its REPL input if it has one; null for 0 or anything else that is no site. */
export function unpackSite(site: number): CodeSite | null {
  // A snippet can call __suspendAt itself from code the compile step never saw: only what
  // packSite could have made is a site.
  if (!Number.isSafeInteger(site) || site <= 0) return null;
  const column = site % COLUMNS;
  const rest = (site - column) / COLUMNS;
  const line = rest % LINES;
  const input = (rest - line) / LINES;
  if (line === 0 || column === 0) return null;
  return input === 0 ? { line, column } : { line, column, input };
}
