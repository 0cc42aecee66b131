// The TypeScript environment a snippet is checked in: a virtual file system holding the
// snippet, the runtime's generated declarations (web/build/snippet-types.ts) and the standard
// library QuickJS runs. The same function serves the editor's worker and the tests in Node.

import { createSystem, createVirtualTypeScriptEnvironment, type VirtualTypeScriptEnvironment } from "@typescript/vfs";
import type TypeScript from "typescript";

import { SNIPPET_PATH } from "./environment-path.ts";

export { SNIPPET_PATH };

/** Files the generator writes that hold declarations every snippet sees (not reached by an import). */
const AMBIENT_FILE = /^\/looplab-[a-z]+\.d\.ts$/;

export function createSnippetEnvironment(
  typescript: typeof TypeScript,
  files: Record<string, string>,
  code: string,
): VirtualTypeScriptEnvironment {
  const libraries = Object.keys(files)
    .filter((file) => /^\/lib\.[a-z0-9.]+\.d\.ts$/.test(file))
    .map((file) => file.slice(1));
  const options: TypeScript.CompilerOptions = {
    target: typescript.ScriptTarget.ES2022,
    module: typescript.ModuleKind.ESNext,
    moduleResolution: typescript.ModuleResolutionKind.Bundler,
    lib: libraries,
    types: [],
    strict: true,
    // The runtime types "any function" parameters (Python's callables: run_in_executor, call_soon)
    // as (...args: unknown[]) => R, which checked strictly refuses every callback with typed
    // parameters; checked bivariantly, as methods are, they are accepted.
    strictFunctionTypes: false,
    skipLibCheck: true,
    noEmit: true,
    // Each module is declared with `export =`: `import asyncio from "asyncio"` is the whole module.
    esModuleInterop: true,
  };
  const map = new Map(Object.entries(files));
  // The file system takes an empty file for a missing one.
  map.set(SNIPPET_PATH, code === "" ? "\n" : code);
  const system = createSystem(map);
  const roots = [SNIPPET_PATH, ...Object.keys(files).filter((file) => AMBIENT_FILE.test(file))];
  return createVirtualTypeScriptEnvironment(system, roots, typescript, options);
}
