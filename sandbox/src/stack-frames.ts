// QuickJS stack frames ("    at main (snippet.js:14:9)") mapped back to the snippet's own
// TypeScript, and the Python-style traceback built from them. Frames inside the runtime
// bundle are left out: they are Looplab's, not the snippet's.

import { SourceMap } from "node:module";
import type { AwaitFrame } from "@looplab/runtime/await-trace";
import { BUNDLE_FILE, inputFile } from "./guest/guest-protocol.js";
import type { StackFrame } from "./protocol-events.js";

/** Maps a 1-based position in compiled code to one in the source it came from, or null. */
export type PositionMapper = (line: number, column: number) => { line: number; column: number } | null;

export interface SnippetSource {
  /** The name the traceback shows, e.g. "snippet.ts". */
  file: string;
  lines: readonly string[];
  toSource: PositionMapper;
}

/** A mapper through an esbuild source map; `lineOffset` lines of wrapper come before the code. */
export function sourceMapMapper(mapJson: string, lineOffset = 0): PositionMapper {
  const map = new SourceMap(JSON.parse(mapJson));
  return (line, column) => {
    const generatedLine = line - 1 - lineOffset;
    const entry = map.findEntry(generatedLine, Math.max(0, column - 1)) as {
      generatedLine?: number;
      originalLine?: number;
      originalColumn?: number;
    };
    // A line with no mapping is the compiler's own code (the iife's call), not the snippet's.
    if (entry.generatedLine !== generatedLine || entry.originalLine === undefined || entry.originalColumn === undefined) return null;
    return { line: entry.originalLine + 1, column: entry.originalColumn + 1 };
  };
}

/** Python prints a frame three times in a row at most, then counts the rest. */
const REPEATS_SHOWN = 3;
const MAX_EVENT_FRAMES = 100;
/** The guest may write its own stack: longer lines are not QuickJS's, and would make the match slow. */
const MAX_FRAME_LINE_CHARACTERS = 1000;
/** A frame's source line and function name, as an event and a traceback show them. */
const MAX_FRAME_TEXT_CHARACTERS = 200;
/** Traceback entries kept from each end when there are more (after repeats are folded). */
const TRACEBACK_ENTRIES_KEPT = 50;
const FRAME = /^\s*at (.*) \(([^()]+?):(\d+)(?::(\d+))?\)\s*$/;

export class StackMapper {
  private readonly sources = new Map<string, { source: SnippetSource; characters: number }>();
  private characters = 0;

  /**
   * `maxCharacters` bounds the sources kept (a REPL session registers one per input, for as long
   * as it lives): past it the oldest are dropped, and their frames leave tracebacks.
   */
  constructor(private readonly maxCharacters = Number.POSITIVE_INFINITY) {}

  /** Registers the compiled file name QuickJS shows for a snippet or REPL input; `characters` is what it holds. */
  register(compiledFile: string, source: SnippetSource, characters = 0): void {
    this.sources.set(compiledFile, { source, characters });
    this.characters += characters;
    for (const [file, entry] of this.sources) {
      if (this.characters <= this.maxCharacters || file === compiledFile) break;
      this.sources.delete(file);
      this.characters -= entry.characters;
    }
  }

  /**
   * The snippet's frames of a QuickJS stack, innermost first. `awaitFrames` (outermost first) are
   * the coroutines the exception was thrown into on its way out (runtime/src/asyncio/await-trace.ts):
   * they go where the stack enters the step that raised, below the frames of that step. The
   * frames below that, the code that started the loop, are kept only `withOuter`: an exception
   * that reached them, not one a task or the loop caught, as Python's traceback ends where the
   * exception was caught.
   */
  frames(stack: string, awaitFrames: readonly AwaitFrame[] = [], withOuter = true): StackFrame[] {
    const frames: StackFrame[] = [];
    /** Where the step that raised was entered: the chain driver's frame, or else the first runtime frame. */
    let driverAt = -1;
    let firstRuntimeAt = -1;
    let source: SnippetSource | undefined;
    for (const line of stack.split("\n")) {
      if (line.length > MAX_FRAME_LINE_CHARACTERS) continue;
      const match = FRAME.exec(line);
      if (match === null) continue;
      const [, name, file, lineText, columnText] = match as unknown as [string, string, string, string, string | undefined];
      const frameSource = this.sources.get(file)?.source;
      if (frameSource === undefined) {
        if (file === BUNDLE_FILE && name === CHAIN_DRIVER && driverAt === -1) driverAt = frames.length;
        if (firstRuntimeAt === -1) firstRuntimeAt = frames.length;
        continue;
      }
      const position = frameSource.toSource(Number(lineText), columnText === undefined ? 1 : Number(columnText));
      if (position === null) continue;
      source ??= frameSource;
      frames.push(frameAt(frameSource, name, position.line, position.column));
    }
    const entered = driverAt !== -1 ? driverAt : firstRuntimeAt !== -1 ? firstRuntimeAt : frames.length;
    if (!withOuter) frames.length = entered;
    if (awaitFrames.length > 0 && source !== undefined) {
      const awaited = [...awaitFrames].reverse().map((frame) => {
        // A REPL input's coroutine may have been defined by an earlier input than the step's.
        const frameSource = frame.input === undefined ? source : (this.sources.get(inputFile(frame.input))?.source ?? source);
        return frameAt(frameSource, frame.function, frame.line, frame.column);
      });
      frames.splice(entered, 0, ...awaited);
    }
    nameTopLevel(frames, withOuter);
    return frames;
  }
}

/**
 * The stack of `new Boom()` starts in Boom's constructor; Python's traceback starts at the raise.
 * `frames` is innermost first; `errorName` is the class name the error event carries.
 */
export function withoutConstructorFrames(frames: StackFrame[], errorName: string): StackFrame[] {
  let start = 0;
  while (start < frames.length - 1 && frames[start]?.function === errorName) start++;
  return start === 0 ? frames : frames.slice(start);
}

/** The innermost frame of a QuickJS stack: its function and file, or null when it has none. */
export function innermostFrame(stack: string): { function: string; file: string } | null {
  for (const line of stack.split("\n", 8)) {
    if (line.length > MAX_FRAME_LINE_CHARACTERS) continue;
    const match = FRAME.exec(line);
    if (match !== null) return { function: match[1] as string, file: match[2] as string };
  }
  return null;
}

/** The function that resumes a coroutine (runtime/src/asyncio/coroutines.ts): below it, the step's caller is the loop. */
const CHAIN_DRIVER = "advanceChain";

function frameAt(source: SnippetSource, name: string, line: number, column: number): StackFrame {
  return {
    function: shortened(name),
    file: source.file,
    line,
    column,
    code: shortened((source.lines[line - 1] ?? "").trim()),
  };
}

/**
 * QuickJS calls the snippet's top level and its arrow functions "<anonymous>"; Python says
 * <module> and <lambda>. The top level is the outermost frame, when the outer frames are kept.
 */
function nameTopLevel(frames: StackFrame[], withOuter: boolean): void {
  frames.forEach((frame, index) => {
    if (frame.function === "<anonymous>" || frame.function === "<eval>") {
      frame.function = withOuter && index === frames.length - 1 ? "<module>" : "<lambda>";
    }
  });
}

function shortened(text: string): string {
  return text.length <= MAX_FRAME_TEXT_CHARACTERS ? text : `${text.slice(0, MAX_FRAME_TEXT_CHARACTERS - 1)}…`;
}

/**
 * Python's traceback: outermost frame first, each with its source line, then "Name: message".
 * Its size is bounded: entries past 2 × TRACEBACK_ENTRIES_KEPT are counted, not shown.
 */
export function formatTraceback(name: string, message: string, frames: readonly StackFrame[]): string {
  const lines: string[] = [];
  if (frames.length > 0) {
    let previous = "";
    let repeats = 0;
    const flushRepeats = () => {
      if (repeats >= REPEATS_SHOWN) lines.push(`  [Previous line repeated ${repeats - REPEATS_SHOWN + 1} more times]`);
      repeats = 0;
    };
    for (const frame of [...frames].reverse()) {
      const entry = `  File "${frame.file}", line ${frame.line}, in ${frame.function}${frame.code === "" ? "" : `\n    ${frame.code}`}`;
      if (entry === previous) {
        if (++repeats < REPEATS_SHOWN) lines.push(entry);
        continue;
      }
      flushRepeats();
      previous = entry;
      lines.push(entry);
    }
    flushRepeats();
    lines.splice(0, lines.length, "Traceback (most recent call last):", ...keepEnds(lines));
  }
  lines.push(name === "" ? message : message === "" ? name : `${name}: ${message}`);
  return `${lines.join("\n")}\n`;
}

function keepEnds(entries: string[]): string[] {
  if (entries.length <= 2 * TRACEBACK_ENTRIES_KEPT) return entries;
  const omitted = entries.length - 2 * TRACEBACK_ENTRIES_KEPT;
  return [...entries.slice(0, TRACEBACK_ENTRIES_KEPT), `  [${omitted} more lines not shown]`, ...entries.slice(-TRACEBACK_ENTRIES_KEPT)];
}

/** The frames an error event carries: deep recursion keeps its two ends. */
export function boundedFrames(frames: StackFrame[]): StackFrame[] {
  if (frames.length <= MAX_EVENT_FRAMES) return frames;
  const half = MAX_EVENT_FRAMES / 2;
  return [...frames.slice(0, half), ...frames.slice(-half)];
}
