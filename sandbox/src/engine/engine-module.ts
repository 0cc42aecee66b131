// The QuickJS engine's WebAssembly, compiled once per worker: every context's engine is an
// instance of it in a memory of its own (a program run's) or a shared one (the sessions').

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { setFlagsFromString } from "node:v8";
import {
  newQuickJSWASMModuleFromVariant,
  newVariant,
  type QuickJSSyncVariant,
  type QuickJSWASMModule,
  RELEASE_SYNC,
} from "quickjs-emscripten";
import type { WasmMemory } from "./memory-guard.js";
import type { EngineName } from "./messages.js";

/** The compiled module, as WebAssembly gives it (the lib this project compiles against has no WebAssembly types). */
type CompiledWasm = object;

interface WebAssemblyCompiler {
  compile(bytes: Uint8Array): Promise<CompiledWasm>;
}

const WASM_FILES: Record<EngineName, string> = {
  quickjs: "@jitl/quickjs-wasmfile-release-sync/wasm",
  "quickjs-ng": "@jitl/quickjs-ng-wasmfile-release-sync/wasm",
};

export class EngineModule {
  private constructor(
    private readonly variant: QuickJSSyncVariant,
    private readonly compiled: CompiledWasm,
  ) {}

  static async load(engine: EngineName): Promise<EngineModule> {
    const variant = (
      engine === "quickjs-ng" ? (await import("@jitl/quickjs-ng-wasmfile-release-sync")).default : RELEASE_SYNC
    ) as QuickJSSyncVariant;
    const wasmFile = createRequire(import.meta.url).resolve(WASM_FILES[engine]);
    const { WebAssembly } = globalThis as unknown as { WebAssembly: WebAssemblyCompiler };
    // V8 first compiles WebAssembly with its baseline compiler and optimises a function only
    // after it ran a while, and only for its next call. A snippet's loop runs inside one call of
    // QuickJS's interpreter, so on a worker's first runs it ran unoptimised to its end, about twice
    // as slow: a gallery example that takes 1.2 s of CPU took 2 s and hit the CPU limit. The flag
    // is the process's, and the engine is its only WebAssembly (esbuild's runs in a process of its own).
    setFlagsFromString("--no-liftoff");
    return new EngineModule(variant, await WebAssembly.compile(readFileSync(wasmFile)));
  }

  /** A new instance of the compiled module, in `memory`. */
  instantiate(memory: WasmMemory): Promise<QuickJSWASMModule> {
    const options = { wasmMemory: memory, wasmModule: this.compiled } as unknown as Parameters<typeof newVariant>[1];
    return newQuickJSWASMModuleFromVariant(newVariant(this.variant, options));
  }
}
