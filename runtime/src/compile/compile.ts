import * as esbuild from "esbuild-wasm";
import { CompilerFailure, callCompiler } from "./compiler-service.js";
import { checkNesting } from "./nesting-bound.js";
import { rewriteHelpers } from "./rewrite-helpers.js";
import { rewriteLowered } from "./rewrite-lowered.js";
import { NestingExceeded } from "./token-bound.js";

/** The modules a snippet may import; anything else is a compile error naming the module. */
export const DEFAULT_IMPORTABLE = [
  "asyncio",
  "time",
  "random",
  "greenlet",
  "gevent",
  "network",
  "aiohttp",
  "aioredis",
  "aiomysql",
  "asyncpg",
  "requests",
  "urllib",
  "pyquery",
  "builtins",
  "contextvars",
];

export interface CompileOptions {
  /** The file name shown in errors and stack traces. */
  filename?: string;
  /** Modules the snippet may import (default: DEFAULT_IMPORTABLE). */
  importable?: readonly string[];
  /**
   * Bound the source's nesting before compiling (default true). False only where the caller
   * bounded the source this code is made from (a REPL input), or in a test that must reach
   * the compiler with input it cannot take.
   */
  checkNesting?: boolean;
  /**
   * Where a position of the source given to compile() is in the code the person wrote, when
   * that source was made from it (a REPL input, rewritten): each await's site is given there.
   */
  toWritten?: (line: number, column: number) => { line: number; column: number } | null;
  /** A REPL input's number (1, 2...): its await sites say so (lowering/sites.ts). */
  input?: number;
}

export interface CompileDiagnostic {
  file: string;
  line: number;
  column: number;
  message: string;
  /** The offending source line with a caret under the column. */
  frame: string;
}

export class CompileError extends Error {
  constructor(readonly diagnostics: CompileDiagnostic[]) {
    super(diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}\n${d.frame}`).join("\n"));
    this.name = "CompileError";
  }
}

export interface CompiledSnippet {
  /** A script to evaluate with the runtime's scope names as parameters (see createRuntime). */
  code: string;
  /** Source map (JSON) from `code` back to the snippet's TypeScript. */
  map: string;
}

const TOP_LEVEL_AWAIT = /Top-level await is (currently )?not (available|supported)/;

/** Compiles a snippet; whatever goes wrong, it throws a CompileError that says what. */
export async function compile(source: string, options: CompileOptions = {}): Promise<CompiledSnippet> {
  const filename = options.filename ?? "snippet.ts";
  if (options.checkNesting !== false) {
    const refused = checkNesting(source, filename);
    if (refused !== null) throw new CompileError([refused]);
  }
  const result = await build(source, filename, options.importable ?? DEFAULT_IMPORTABLE);
  const files = result.outputFiles;
  const code = files.find((file) => file.path.endsWith(".js"))?.text ?? "";
  const map = files.find((file) => file.path.endsWith(".map"))?.text ?? "";
  try {
    return rewriteLowered(rewriteHelpers(code), map, { toWritten: options.toWritten, input: options.input });
  } catch (error) {
    throw compilerError(error, filename);
  }
}

async function build(source: string, filename: string, importable: readonly string[]): Promise<esbuild.BuildResult<{ write: false }>> {
  try {
    return await callCompiler(() =>
      esbuild.build({
        stdin: { contents: source, loader: "ts", sourcefile: filename },
        bundle: true,
        write: false,
        format: "iife",
        platform: "neutral",
        target: "es2022",
        treeShaking: false,
        sourcemap: "external",
        outfile: "snippet.js",
        logLevel: "silent",
        supported: { "async-await": false, "async-generator": false, "for-await": false, using: false },
        // Keep imports that are never used, so `import numpy from "numpy"` fails as it does in Python.
        tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true } },
        plugins: [resolveSnippetImports(importable)],
      }),
    );
  } catch (error) {
    const failure = error as esbuild.BuildFailure;
    if (Array.isArray(failure.errors) && failure.errors.length > 0) {
      throw new CompileError(failure.errors.map((message) => toDiagnostic(message, source, filename)));
    }
    throw compilerError(error, filename);
  }
}

/** A CompileError for anything else the compile step threw: a failed or stalled service, nesting only the compiled code shows, a bug. */
export function compilerError(error: unknown, filename: string): CompileError {
  if (error instanceof CompileError) return error;
  let message: string;
  if (error instanceof CompilerFailure || error instanceof NestingExceeded) {
    message = error.message;
  } else if (error instanceof RangeError || (error instanceof SyntaxError && /stack/.test(error.message))) {
    message = "the compiler ran out of stack on this snippet: split its most deeply nested parts";
  } else {
    message = `the compiler failed on this snippet: ${error instanceof Error ? error.message : String(error)}`;
  }
  return new CompileError([{ file: filename, line: 1, column: 1, message, frame: "" }]);
}

function resolveSnippetImports(importable: readonly string[]): esbuild.Plugin {
  return {
    name: "looplab-modules",
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (importable.includes(args.path)) return { path: args.path, external: true };
        return {
          errors: [
            { text: `Cannot import "${args.path}": Looplab snippets can import ${importable.map((name) => `"${name}"`).join(", ")}` },
          ],
        };
      });
    },
  };
}

function toDiagnostic(message: esbuild.Message, source: string, filename: string): CompileDiagnostic {
  const location = message.location;
  let text = message.text;
  if (TOP_LEVEL_AWAIT.test(text)) {
    text = "top-level await works in the REPL; in a program, put it in `async function main()` and call `asyncio.run(main())`";
  }
  if (!location) return { file: filename, line: 1, column: 1, message: text, frame: "" };
  const lineText = source.split("\n")[location.line - 1] ?? location.lineText;
  const column = location.column + 1;
  const gutter = `${location.line} | `;
  const frame = `${gutter}${lineText}\n${" ".repeat(gutter.length + location.column)}^`;
  return { file: filename, line: location.line, column, message: text, frame };
}

/** Stops esbuild's service so a short-lived process can exit. */
export async function stopCompiler(): Promise<void> {
  await esbuild.stop();
}
