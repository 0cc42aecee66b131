// A guest error's Python traceback, an exception group's as CPython prints it: each
// sub-exception's own traceback, boxed and numbered (Lib/traceback.py, TracebackException.format
// and _ExceptionPrintContext), down to the levels and widths the guest describes.

import { type GuestError, MAX_GROUP_DEPTH } from "./guest/guest-protocol.js";
import type { StackFrame } from "./protocol-events.js";
import { explainedMessage } from "./receiver-message.js";
import { formatTraceback, type StackMapper, withoutConstructorFrames } from "./stack-frames.js";

const TRACEBACK_HEADER = "Traceback (most recent call last):";
const GROUP_HEADER = "Exception Group Traceback (most recent call last):";

/**
 * The error's own frames (innermost first), its message as the traceback shows it, and its
 * whole traceback. `withOuter` as StackMapper.frames has it.
 */
export function errorTraceback(
  error: GuestError,
  stacks: StackMapper,
  withOuter: boolean,
): { frames: StackFrame[]; message: string; traceback: string } {
  const frames = framesOf(error, stacks, withOuter);
  const message = explainedMessage(error);
  if (error.exceptions === undefined) return { frames, message, traceback: formatTraceback(error.name, message, frames) };
  const context = new PrintContext();
  const lines: string[] = [];
  formatGroup(error, frames, stacks, context, lines);
  return { frames, message, traceback: `${lines.join("\n")}\n` };
}

function framesOf(error: GuestError, stacks: StackMapper, withOuter: boolean): StackFrame[] {
  return withoutConstructorFrames(stacks.frames(error.stack, error.awaitFrames, withOuter), error.name);
}

/** CPython's _ExceptionPrintContext: how deep in groups, and whether a box still needs its bottom line. */
class PrintContext {
  depth = 0;
  needClose = false;

  indent(): string {
    return " ".repeat(2 * this.depth);
  }

  /** Each line of `text` with the indent and, inside a group, the box's margin. */
  emit(lines: string[], text: string, marginChar = "|"): void {
    const prefix = this.depth > 0 ? `${this.indent()}${marginChar} ` : "";
    for (const line of text.replace(/\n$/, "").split("\n")) lines.push(`${prefix}${line}`);
  }
}

function formatError(error: GuestError, stacks: StackMapper, context: PrintContext, lines: string[]): void {
  // A sub-exception was caught where its task or group caught it: no frames below that.
  const frames = framesOf(error, stacks, false);
  if (error.exceptions === undefined) context.emit(lines, formatTraceback(error.name, explainedMessage(error), frames));
  else if (context.depth > MAX_GROUP_DEPTH) context.emit(lines, `... (max_group_depth is ${MAX_GROUP_DEPTH})`);
  else formatGroup(error, frames, stacks, context, lines);
}

function formatGroup(group: GuestError, frames: StackFrame[], stacks: StackMapper, context: PrintContext, lines: string[]): void {
  const topLevel = context.depth === 0;
  if (topLevel) context.depth++;
  const traceback = formatTraceback(group.name, group.message, frames);
  if (traceback.startsWith(TRACEBACK_HEADER)) {
    const [, ...rest] = traceback.split("\n");
    context.emit(lines, GROUP_HEADER, topLevel ? "+" : "|");
    context.emit(lines, rest.join("\n"));
  } else {
    context.emit(lines, traceback);
  }
  const members = group.exceptions ?? [];
  const count = Math.max(group.exceptionCount ?? members.length, members.length);
  const shown = count > members.length ? members.length + 1 : members.length;
  context.needClose = false;
  for (let index = 0; index < shown; index++) {
    const last = index === shown - 1;
    if (last) context.needClose = true;
    const member = members[index];
    const title = member === undefined ? "..." : `${index + 1}`;
    lines.push(`${context.indent()}${index === 0 ? "+-" : "  "}+---------------- ${title} ----------------`);
    context.depth++;
    if (member !== undefined) {
      formatError(member, stacks, context, lines);
    } else {
      const remaining = count - members.length;
      context.emit(lines, `and ${remaining} more exception${remaining > 1 ? "s" : ""}`);
    }
    if (last && context.needClose) {
      lines.push(`${context.indent()}+------------------------------------`);
      context.needClose = false;
    }
    context.depth--;
  }
  if (topLevel) context.depth = 0;
}
