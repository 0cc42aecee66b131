// The one compile step shared by the runtime's tests and the sandbox: TypeScript in, a script
// out whose async functions, async generators, `for await` and `using` call the runtime's
// helpers. esbuild (pinned, see package.json) lowers them; rewriteHelpers() swaps its helpers
// for ours. This module runs in Node and uses esbuild-wasm; the runtime bundle never imports it.

export { TOP_LEVEL_FUNCTION } from "../lowering/async-function.js";
export {
  type CompileDiagnostic,
  type CompiledSnippet,
  CompileError,
  type CompileOptions,
  compile,
  compilerError,
  DEFAULT_IMPORTABLE,
  stopCompiler,
} from "./compile.js";
export { CompilerFailure, callCompiler, DIED_MESSAGE, STALLED_MESSAGE, setStallTimeout } from "./compiler-service.js";
export { checkNesting, diagnosticAt, SOURCE_LIMITS } from "./nesting-bound.js";
export { REPLACED_HELPERS, rewriteHelpers } from "./rewrite-helpers.js";
export { checkTokens, NestingExceeded, PARSE_LIMITS } from "./token-bound.js";
