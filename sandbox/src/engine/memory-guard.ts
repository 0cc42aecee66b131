// Bounds how far an engine's WebAssembly memory may grow during one guest operation.
// QuickJS's own memory limit counts allocations rather than bytes in this build (it lacks
// malloc_usable_size), and a loop of large allocations reaches the interrupt handler too
// rarely for sampling to catch it; growing the memory is where large allocations show, so the
// guard refuses growth past the bound: the allocation fails, QuickJS raises "out of memory",
// and the run is told which limit it met.

const WASM_PAGE = 64 * 1024;

/** The part of WebAssembly.Memory used here (the lib this project compiles against has no WebAssembly types). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

interface WebAssemblyGlobal {
  Memory: new (descriptor: { initial: number; maximum: number }) => WasmMemory;
}

export class MemoryGuard {
  readonly memory: WasmMemory;
  private limit = Number.POSITIVE_INFINITY;
  private onRefused: (() => void) | null = null;

  /** A memory of `initialBytes` (16 MB, the engine's own minimum, by default) that can never grow past `maximumBytes`, whatever the bound. */
  constructor(maximumBytes: number, initialBytes = 256 * WASM_PAGE) {
    const { Memory } = (globalThis as unknown as { WebAssembly: WebAssemblyGlobal }).WebAssembly;
    this.memory = new Memory({ initial: Math.ceil(initialBytes / WASM_PAGE), maximum: Math.ceil(maximumBytes / WASM_PAGE) });
    const grow = this.memory.grow.bind(this.memory);
    this.memory.grow = (pages: number) => {
      if (this.memory.buffer.byteLength + pages * WASM_PAGE > this.limit) {
        this.onRefused?.();
        throw new RangeError("the run's memory limit does not allow the engine's memory to grow");
      }
      return grow(pages);
    };
  }

  get bytes(): number {
    return this.memory.buffer.byteLength;
  }

  /** Lets the memory grow by at most `bytes` from now; growth past that is refused and reported. */
  bound(bytes: number, onRefused: () => void): void {
    this.limit = this.memory.buffer.byteLength + bytes;
    this.onRefused = onRefused;
  }

  release(): void {
    this.limit = Number.POSITIVE_INFINITY;
    this.onRefused = null;
  }
}
