// Compiled snippets by the hash of their source and file name: the same snippet (a shared
// link opened many times, an embed on a busy page) compiles once.

import { createHash } from "node:crypto";
import { type CompiledSnippet, CompileError, compile } from "@looplab/runtime/compile";

const MAX_ENTRIES = 256;
const cache = new Map<string, Promise<CompiledSnippet>>();

export function compileCached(source: string, filename: string): Promise<CompiledSnippet> {
  const key = createHash("sha256").update(filename).update("\0").update(source).digest("hex");
  const cached = cache.get(key);
  if (cached !== undefined) {
    // Refresh its place: the map's order is the eviction order.
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const compiled = compile(source, { filename });
  cache.set(key, compiled);
  // Compile errors are as deterministic as successes; anything else may not be.
  compiled.catch((error: unknown) => {
    if (!(error instanceof CompileError)) cache.delete(key);
  });
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  return compiled;
}
