// A REPL input from TypeScript to code the session runs: esbuild strips the types (top-level
// await kept), input-rewrite.ts makes it an async function with persistent declarations, and
// the runtime's compile step lowers it. Stack positions map back through both source maps.
// Whatever fails on the way is a CompileError: the input's, or the compiler's, said plainly.

import { CompileError, callCompiler, checkNesting, checkTokens, compile, compilerError } from "@looplab/runtime/compile";
import * as esbuild from "esbuild-wasm";
import { SNIPPET_LINE_OFFSET } from "../engine/guest-context.js";
import { type PositionMapper, type SnippetSource, sourceMapMapper } from "../stack-frames.js";
import { InputSyntaxError, rewriteInput } from "./input-rewrite.js";

export interface CompiledInput {
  code: string;
  source: SnippetSource;
}

/** How input-rewrite.ts parses the stripped input. */
const INPUT_PARSE = { ecmaVersion: "latest", sourceType: "module", allowAwaitOutsideFunction: true } as const;

/** `inputId` numbers the input in the session, as its await sites give it (runtime/src/lowering/sites.ts). */
export async function compileInput(input: string, filename: string, inputId: number): Promise<CompiledInput> {
  try {
    return await compileChecked(input, filename, inputId);
  } catch (error) {
    throw compilerError(error, filename);
  }
}

/**
 * The input's JavaScript, its types stripped, once its nesting was bounded before and after
 * stripping (so acorn can parse it in this thread); null when it does not compile or is bounded out.
 */
export async function strippedInput(input: string, filename: string): Promise<string | null> {
  try {
    if (checkNesting(input, filename) !== null) return null;
    const { code } = await stripTypes(input, filename);
    return checkTokens(code, INPUT_PARSE) === null ? code : null;
  } catch {
    return null;
  }
}

async function compileChecked(input: string, filename: string, inputId: number): Promise<CompiledInput> {
  const refused = checkNesting(input, filename);
  if (refused !== null) throw new CompileError([refused]);
  const stripped = await stripTypes(input, filename);
  const toTypeScript = sourceMapMapper(stripped.map);
  // input-rewrite.ts parses with acorn in the server's thread: bound what it will see exactly.
  const tooDeep = checkTokens(stripped.code, INPUT_PARSE);
  if (tooDeep !== null) {
    const position = toTypeScript(...lineAndColumn(stripped.code, tooDeep.index)) ?? { line: 1, column: 1 };
    throw new CompileError([
      { file: filename, ...position, message: tooDeep.detail, frame: codeFrame(input, position.line, position.column) },
    ]);
  }
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
  const rewrittenToTypeScript: PositionMapper = (line, column) =>
    toTypeScript(line, line === 1 ? Math.max(1, column - rewritten.prefixLength) : column);
  // The input was bounded above; its rewrite only wraps it. Not cached: its await sites are the input's own.
  const compiled = await compile(rewritten.code, { filename, checkNesting: false, toWritten: rewrittenToTypeScript, input: inputId });
  const toRewritten = sourceMapMapper(compiled.map, SNIPPET_LINE_OFFSET);
  const toSource: PositionMapper = (line, column) => {
    const position = toRewritten(line, column);
    return position === null ? null : rewrittenToTypeScript(position.line, position.column);
  };
  return { code: compiled.code, source: { file: filename, lines: input.split("\n"), toSource } };
}

async function stripTypes(input: string, filename: string): Promise<esbuild.TransformResult> {
  try {
    return await callCompiler(() =>
      esbuild.transform(input, {
        loader: "ts",
        format: "esm",
        target: "esnext",
        sourcemap: "external",
        sourcefile: filename,
        logLevel: "silent",
        // Keep imports whose names are not used in this input: later inputs use them.
        tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true } },
      }),
    );
  } catch (error) {
    if (!Array.isArray((error as esbuild.TransformFailure).errors)) throw error;
    // A TypeScript syntax error: the runtime's compile step reports it with a code frame.
    await compile(input, { filename });
    throw new CompileError([{ file: filename, line: 1, column: 1, message: "the input could not be compiled", frame: "" }]);
  }
}

/** The 1-based line and column of code[index]. */
function lineAndColumn(code: string, index: number): [number, number] {
  const before = code.slice(0, index);
  const lineStart = before.lastIndexOf("\n") + 1;
  return [before.split("\n").length, index - lineStart + 1];
}

function codeFrame(source: string, line: number, column: number): string {
  const gutter = `${line} | `;
  return `${gutter}${source.split("\n")[line - 1] ?? ""}\n${" ".repeat(gutter.length + column - 1)}^`;
}
