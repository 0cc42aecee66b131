// Compiled snippets by the hash of their source and file name: the same snippet (a shared
// link opened many times, an embed on a busy page) compiles once.

import { createHash } from "node:crypto";
import { type CompiledSnippet, CompileError, type CompileOptions, compile, STALLED_MESSAGE } from "@looplab/runtime/compile";

const MAX_ENTRIES = 256;
const cache = new Map<string, Promise<CompiledSnippet>>();

/** Compiles (see compile()) or gives the compilation of the same source and file name; `checkNesting` as compile() takes it. */
export function compileCached(
  source: string,
  filename: string,
  options: Pick<CompileOptions, "checkNesting"> = {},
): Promise<CompiledSnippet> {
  const checked = options.checkNesting !== false;
  const key = createHash("sha256")
    .update(filename)
    .update(checked ? "\0" : "\u0001")
    .update(source)
    .digest("hex");
  const cached = cache.get(key);
  if (cached !== undefined) {
    // Refresh its place: the map's order is the eviction order.
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const compiled = compile(source, { filename, checkNesting: checked });
  cache.set(key, compiled);
  // Compile errors are as deterministic as successes (a snippet that killed the compiler's
  // service would kill it again), but a stall may be the machine's load.
  compiled.catch((error: unknown) => {
    if (!(error instanceof CompileError) || error.diagnostics.some((diagnostic) => diagnostic.message === STALLED_MESSAGE)) {
      cache.delete(key);
    }
  });
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  return compiled;
}
