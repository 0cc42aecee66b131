// The compile step's last pass over esbuild's lowered code: one parse, then the rewrites that
// need the syntax tree, each in its own module. The edits shift columns, so their source map is
// composed with esbuild's: stack frames still point at the snippet's TypeScript.

import remapping from "@jridgewell/remapping";
import MagicString from "magic-string";
import { loweredBodies, rewriteAwait, rewriteYield } from "./await-now.js";
import { rewriteBoundMembers } from "./bound-members.js";
import { mayHaveSpreadCall, rewriteSpreadCall } from "./spread-calls.js";
import { type SiteOptions, suspensionSites } from "./suspension-sites.js";
import { parseScript, visit } from "./syntax.js";

/** A property read, which bound-members.ts may rewrite. */
const MEMBER = /[\w$)\]]\s*\.\s*[A-Za-z_$]/;

export function rewriteLowered(code: string, map: string, sites: SiteOptions = {}): { code: string; map: string } {
  // Nothing to rewrite: skip the parse, which every compile would pay.
  if (!code.includes("yield") && !mayHaveSpreadCall(code) && !MEMBER.test(code)) return { code, map };
  const program = parseScript(code);
  const bodies = loweredBodies(program);
  const siteOf = suspensionSites(code, map, sites);
  const edited = new MagicString(code);
  let edits = 0;
  // Children are visited first, so a nested rewrite's text lands inside its parent's.
  visit(program, null, (node, enclosing) => {
    edits += rewriteBoundMembers(code, edited, node);
    if (node.type === "CallExpression") {
      if (rewriteSpreadCall(code, edited, node)) edits++;
    } else if (node.type === "YieldExpression") {
      const site = siteOf(node.start);
      if (!node.delegate && node.argument !== null && enclosing !== null && bodies.has(enclosing)) rewriteAwait(code, edited, node, site);
      else rewriteYield(edited, node, site);
      edits++;
    }
  });
  if (edits === 0) return { code, map };
  const rewriteMap = edited.generateMap({ hires: true, source: "lowered.js" });
  // A chain of maps, the last transform first; the snippet's own sources load nothing further.
  const composed = remapping([rewriteMap.toString(), map], () => null);
  return { code: edited.toString(), map: composed.toString() };
}
