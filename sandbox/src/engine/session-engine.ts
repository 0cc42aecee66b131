// REPL sessions share one engine per worker: one module instance and memory, each session in a
// QuickJS runtime of its own. A restored snapshot copies a whole engine's memory, stack and freed
// parser memory included, which is cheap to start but costs every idle session several times
// what its runtime holds; a server must hold a thousand idle sessions. So a session's context
// evaluates the bundle in the shared engine instead, and the worker keeps one evaluated spare,
// made when it is idle, so that opening a session rarely waits for the parse.
//
// Each runtime has its own heap of objects and its own limits; they share only the allocator,
// so a closed session's memory is reused by the next. A runtime whose teardown aborts the module
// (quickjs-emscripten #269) poisons the worker and its sessions, as any abort does.

import type { QuickJSWASMModule } from "quickjs-emscripten";
import type { ControlBlock } from "./control-block.js";
import type { EngineModule } from "./engine-module.js";
import { GuestContext } from "./guest-context.js";
import { MemoryGuard } from "./memory-guard.js";

export class SessionEngine {
  private readonly guard: MemoryGuard;
  private engine: Promise<QuickJSWASMModule> | null = null;
  private spare: Promise<GuestContext> | null = null;

  constructor(
    private readonly module: EngineModule,
    private readonly bundle: string,
    private readonly control: ControlBlock,
    maximumBytes: number,
  ) {
    this.guard = new MemoryGuard(maximumBytes);
  }

  /** A context for a new session: the spare if there is one; another spare is then made when the worker is idle. */
  async take(): Promise<GuestContext> {
    const context = await (this.spare ?? this.newContext());
    this.spare = null;
    setImmediate(() => {
      this.spare ??= this.newContext();
      // A failure shows when the spare is taken.
      this.spare.catch(() => {});
    });
    return context;
  }

  /** A context with the bundle evaluated, its runtime freed when it is disposed. */
  private async newContext(): Promise<GuestContext> {
    this.engine ??= this.module.instantiate(this.guard.memory);
    const context = new GuestContext(await this.engine, this.control, this.guard).sharesEngine();
    context.evaluateBundle(this.bundle);
    context.bindGuest();
    return context;
  }
}
