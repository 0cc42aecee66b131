// Where the editor marks a failed run: the first compile diagnostic, or the innermost frame of
// the uncaught error that lies in the snippet itself.

import type { EditorError } from "./editor.ts";
import type { RunModel } from "./run-model.svelte.ts";

const SNIPPET_FILE = "snippet.ts";

export function errorLocation(model: RunModel): EditorError | null {
  const diagnostic = model.compileError?.diagnostics[0];
  if (diagnostic !== undefined) return { line: diagnostic.line, message: diagnostic.message };
  const error = model.error;
  if (error === null) return null;
  const frame = error.frames.find((candidate) => candidate.file === SNIPPET_FILE) ?? error.frames[0];
  if (frame === undefined) return null;
  return { line: frame.line, message: `${error.name}: ${error.message}` };
}
