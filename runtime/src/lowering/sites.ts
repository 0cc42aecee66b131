// Where each coroutine is parked. The compile step (compile/suspension-sites.ts) gives every
// `await` and every generator `yield` of the snippet a site: its TypeScript line and column,
// packed into one number. The yield passes it on the way out, `yield __suspendAt(site, x)`,
// and the chain driver (advanceChain) keeps it on the coroutine that suspended. So the runtime
// knows the line of every suspended coroutine in every await chain, at the cost of one call
// per suspension: awaits that finish at once (lowering/await-now.ts) pass no site at all.

import type { CodeSite } from "../events.js";

/** Columns past this share its value; a snippet is at most 64 KB, so no line number comes near the limit. */
const COLUMNS = 65536;

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

/** One number for a 1-based line and column. */
export function packSite(line: number, column: number): number {
  return line * COLUMNS + Math.min(column, COLUMNS - 1);
}

/** The line and column of a site; null for 0, no site. */
export function unpackSite(site: number): CodeSite | null {
  if (site <= 0) return null;
  return { line: Math.floor(site / COLUMNS), column: site % COLUMNS };
}
