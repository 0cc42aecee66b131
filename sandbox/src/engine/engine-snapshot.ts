// A context made by copying memory instead of evaluating the guest bundle (as Wizer does for
// Javy). Evaluating the bundle costs QuickJS 150–200 ms, almost all parsing; copying the memory
// of an engine that already did costs about a millisecond.
//
// Once per worker, a template engine (a module instance in its own WebAssembly memory) makes a
// runtime and context, defines the host functions and evaluates the bundle; its memory is then
// the image. A context is restored on a fresh instance of the same compiled module, in a fresh
// memory: the same cheap calls as the template's (runtime, context, host functions) rebuild the
// JavaScript side, whose objects name C pointers and host-function ids, and allocate exactly
// what the template's did; then the image is copied over the whole memory, so the bundle's state
// appears where the template left it. The rest lives in the image or is the same on any idle
// instance: the wasm stack pointer is back at its base between calls, the function table holds
// only the module's own entries, and the interrupt handler is reached through the runtime's
// pointer. The copy also overwrites what the instance's data segments and constructors wrote.
// Every program run gets its own instance and memory, dropped whole when it ends: nothing is
// shared. REPL sessions, which live long and idle, share an engine instead (session-engine.ts).

import type { ControlBlock } from "./control-block.js";
import type { EngineModule } from "./engine-module.js";
import { GuestContext } from "./guest-context.js";
import { MemoryGuard } from "./memory-guard.js";

/** Copied in pieces of this many bytes, the system's page: a piece all zeros is left out. */
const PIECE = 4096;

/** Whether each piece of `bytes` holds anything but zeros. */
function nonZeroPieces(bytes: Uint8Array): boolean[] {
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length >>> 2);
  const wordsPerPiece = PIECE / 4;
  const pieces: boolean[] = [];
  for (let start = 0; start < words.length; start += wordsPerPiece) {
    const end = Math.min(start + wordsPerPiece, words.length);
    let nonZero = false;
    for (let word = start; word < end && !nonZero; word++) nonZero = words[word] !== 0;
    pieces.push(nonZero);
  }
  return pieces;
}

/** Runs of consecutive pieces for which `wanted` holds, as byte ranges. */
function runsOf(pieceCount: number, wanted: (piece: number) => boolean): { start: number; end: number }[] {
  const runs: { start: number; end: number }[] = [];
  for (let piece = 0; piece < pieceCount; piece++) {
    if (!wanted(piece)) continue;
    const last = runs.at(-1);
    if (last !== undefined && last.end === piece * PIECE) last.end += PIECE;
    else runs.push({ start: piece * PIECE, end: (piece + 1) * PIECE });
  }
  return runs;
}

export class EngineSnapshot {
  private constructor(
    private readonly module: EngineModule,
    /** The parts of the template's memory that are not zeros, copied into a restored one. */
    private readonly copies: { start: number; bytes: Uint8Array }[],
    /** Where the rebuilding calls leave something other than zeros and the image has zeros: cleared. */
    private readonly clears: { start: number; end: number }[],
    /** The template memory's size when the image was taken. */
    private readonly bytes: number,
    private readonly maximumBytes: number,
    private readonly pointers: { runtime: number; context: number },
  ) {}

  /** Evaluates the bundle once in a template engine and keeps its memory. */
  static async create(module: EngineModule, bundle: string, control: ControlBlock, maximumBytes: number): Promise<EngineSnapshot> {
    const guard = new MemoryGuard(maximumBytes);
    const template = new GuestContext(await module.instantiate(guard.memory), control, guard);
    // Where the rebuilding calls wrote: a restored instance holds the same there before the copy.
    const rebuilt = nonZeroPieces(new Uint8Array(guard.memory.buffer));
    template.evaluateBundle(bundle);
    const image = new Uint8Array(guard.memory.buffer);
    const evaluated = nonZeroPieces(image);
    const copies = runsOf(evaluated.length, (piece) => evaluated[piece] === true).map(({ start, end }) => ({
      start,
      bytes: image.slice(start, end),
    }));
    const clears = runsOf(rebuilt.length, (piece) => rebuilt[piece] === true && evaluated[piece] !== true);
    return new EngineSnapshot(module, copies, clears, guard.bytes, maximumBytes, template.enginePointers);
  }

  /** Bytes copied into each restored engine. */
  get imageBytes(): number {
    return this.copies.reduce((sum, copy) => sum + copy.bytes.length, 0);
  }

  /** A fresh context that evaluates the bundle itself, as every context did before snapshots (the bench's "before"). */
  async evaluate(bundle: string, control: ControlBlock): Promise<GuestContext> {
    const guard = new MemoryGuard(this.maximumBytes);
    const context = new GuestContext(await this.module.instantiate(guard.memory), control, guard);
    context.evaluateBundle(bundle);
    context.bindGuest();
    return context;
  }

  /**
   * A fresh context in the engine of a finished one, its memory reset to the snapshot: the parts
   * the image holds are copied, everything else is zeroed, so nothing the run wrote survives.
   * Costs a copy and a fill of memory already paged in, where a restore pays for a new instance,
   * a new memory's page faults and the garbage collection of the old. Null when the engine cannot
   * be reset: its memory grew past the snapshot's size (memory never shrinks), or
   * quickjs-emscripten cached a handle made after the snapshot.
   */
  recycle(finished: GuestContext, control: ControlBlock): GuestContext | null {
    const guard = finished.engineMemory;
    if (finished.inSharedEngine || guard.bytes !== this.bytes || finished.cachesLateHandles) return null;
    const memory = new Uint8Array(guard.memory.buffer);
    let end = 0;
    for (const { start, bytes } of this.copies) {
      memory.fill(0, end, start);
      memory.set(bytes, start);
      end = start + bytes.length;
    }
    memory.fill(0, end);
    const context = new GuestContext(null, control, guard, finished);
    context.bindGuest();
    return context;
  }

  /** A fresh context with the bundle evaluated, in an engine of its own. */
  async restore(control: ControlBlock): Promise<GuestContext> {
    const guard = new MemoryGuard(this.maximumBytes, this.bytes);
    const context = new GuestContext(await this.module.instantiate(guard.memory), control, guard);
    const pointers = context.enginePointers;
    if (pointers.runtime !== this.pointers.runtime || pointers.context !== this.pointers.context)
      throw new Error(
        `a restored engine allocated its runtime at ${pointers.runtime} and context at ${pointers.context}, the template at ${this.pointers.runtime} and ${this.pointers.context}: the snapshot cannot be used`,
      );
    // A fresh memory is zeros, and a page never written is never faulted in: only the parts that
    // differ from zeros are written (the engine's stack and freed parser memory are most of it).
    const memory = new Uint8Array(guard.memory.buffer);
    for (const { start, end } of this.clears) memory.fill(0, start, end);
    for (const { start, bytes } of this.copies) memory.set(bytes, start);
    context.bindGuest();
    return context;
  }
}
