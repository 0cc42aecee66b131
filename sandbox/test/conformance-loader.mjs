// A module resolution hook: the runtime's test files, loaded by conformance.test.ts, get the
// QuickJS harness wherever they import their own, and node:test with host-specific tests skipped.
const replacements = new Map([
  ["./harness.js", new URL("./quickjs-harness.ts", import.meta.url).href],
  ["node:test", new URL("./conformance-test-api.ts", import.meta.url).href],
]);

export async function resolve(specifier, context, nextResolve) {
  const replacement = replacements.get(specifier);
  if (replacement !== undefined && context.parentURL?.includes("/runtime/test/")) return nextResolve(replacement, context);
  return nextResolve(specifier, context);
}
