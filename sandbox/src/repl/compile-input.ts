// A REPL input from TypeScript to code the session runs: esbuild strips the types (top-level
// await kept), input-rewrite.ts makes it an async function with persistent declarations, and
// the runtime's compile step lowers it. Stack positions map back through both source maps.

import { CompileError, compile } from "@looplab/runtime/compile";
import * as esbuild from "esbuild-wasm";
import { compileCached } from "../compile-cache.js";
import { SNIPPET_LINE_OFFSET } from "../engine/guest-context.js";
import { type PositionMapper, type SnippetSource, sourceMapMapper } from "../stack-frames.js";
import { InputSyntaxError, rewriteInput } from "./input-rewrite.js";

export interface CompiledInput {
  code: string;
  source: SnippetSource;
}

export async function compileInput(input: string, filename: string): Promise<CompiledInput> {
  let stripped: esbuild.TransformResult;
  try {
    stripped = await esbuild.transform(input, {
      loader: "ts",
      format: "esm",
      target: "esnext",
      sourcemap: "external",
      sourcefile: filename,
      logLevel: "silent",
      // Keep imports whose names are not used in this input: later inputs use them.
      tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true } },
    });
  } catch {
    // A TypeScript syntax error: the runtime's compile step reports it with a code frame.
    await compile(input, { filename });
    throw new CompileError([{ file: filename, line: 1, column: 1, message: "the input could not be compiled", frame: "" }]);
  }
  const toTypeScript = sourceMapMapper(stripped.map);
  let rewritten: ReturnType<typeof rewriteInput>;
  try {
    rewritten = rewriteInput(stripped.code);
  } catch (error) {
    if (!(error instanceof InputSyntaxError)) throw error;
    const position = toTypeScript(error.line, error.column) ?? { line: 1, column: 1 };
    throw new CompileError([
      { file: filename, ...position, message: error.message, frame: codeFrame(input, position.line, position.column) },
    ]);
  }
  const compiled = await compileCached(rewritten.code, filename);
  const toRewritten = sourceMapMapper(compiled.map, SNIPPET_LINE_OFFSET);
  const toSource: PositionMapper = (line, column) => {
    const position = toRewritten(line, column);
    if (position === null) return null;
    const strippedColumn = position.line === 1 ? Math.max(1, position.column - rewritten.prefixLength) : position.column;
    return toTypeScript(position.line, strippedColumn);
  };
  return { code: compiled.code, source: { file: filename, lines: input.split("\n"), toSource } };
}

function codeFrame(source: string, line: number, column: number): string {
  const gutter = `${line} | `;
  return `${gutter}${source.split("\n")[line - 1] ?? ""}\n${" ".repeat(gutter.length + column - 1)}^`;
}
