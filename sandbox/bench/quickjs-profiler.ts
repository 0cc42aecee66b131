// A sampling profiler for the runtime inside QuickJS, for the bench only: the production bundle
// and engine are untouched. QuickJS has no profiler, but it polls for interrupts at every call
// (of a JavaScript or a native function) and every branch, and every 10,000th poll calls the
// interrupt handler. The profiler writes the context's poll counter itself, so that the
// handler is called after a random number of polls (200 on average, uniform, so that no loop's
// period can line up with it), and takes the guest's stack there as `new Error().stack` does.
//
// The distortion, by construction: samples are spread over polls, not time. A function's share
// is its share of the calls and branches the run made. Work between two polls (building an
// object, a property write, a native call that calls no JavaScript) counts only through the
// poll that follows it, so code that allocates much per call weighs more in time than here. At
// a call, the poll comes before the callee's frame exists: it is charged to the caller, at the
// line of the call; a function with no branch and no call inside is never a sample's innermost frame.
// Timing each interval between polls instead was tried: the handler's own cost per poll (100–900 ns
// on this loaded machine, varying run to run) is as large as the guest's, and cannot be taken off.
//
// The program runs as the engine worker runs it (startProgram, the compiled snippet, runProgram,
// endProgram) on the production bundle, with no limits and no record, in its own engine instance.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { compile } from "@looplab/runtime/compile";
import { newQuickJSWASMModuleFromVariant, newVariant, type QuickJSContext, type QuickJSHandle, RELEASE_SYNC } from "quickjs-emscripten";
import { batchNumbers } from "../src/boundary/batch-numbers.js";
import { readGuestBatch } from "../src/boundary/read-guest-records.js";
import { buildBundleWithSourceMap, guestBundle } from "../src/bundle/guest-bundle.js";
import { BUNDLE_FILE, GUEST_GLOBAL, type GuestRunConfig, HOST_GLOBAL, SNIPPET_FILE } from "../src/guest/guest-protocol.js";

/** What a sampled run gives: its stacks as QuickJS writes them ("    at put (looplab-runtime.js:1:2345)" per frame, innermost first). */
export interface StackSamples {
  /** Each distinct stack text, the probe's own frame removed, with how many samples it got. */
  stacks: Map<string, number>;
  samples: number;
  /** Polls between two samples, on average. */
  pollsPerSample: number;
  /** The same program's run without the profiler, in milliseconds of this process's CPU time. */
  unprofiledCpuMs: number;
  output: string;
  /** The bundle's source map, to map frames to source files. */
  bundle: { map: string; sourceRoot: string };
}

const MEAN_POLLS_PER_SAMPLE = 200;
/** QuickJS's own spacing of handler calls (JS_INTERRUPT_COUNTER_INIT). */
const POLLS_PER_HANDLER_CALL = 10_000;
/** The file name the probe function is evaluated under, so its frame can be dropped. */
const PROBE_FILE = "profiler-probe.js";
/** Enough for a workload of 100k tasks; a run that needs more fails with out of memory. */
const MAXIMUM_MEMORY_BYTES = 2 ** 31 - 2 ** 16;
const WASM_PAGE = 64 * 1024;

/** How much of the record the profiled run makes: none, today's task events only, or the full record (issue 12's cost). */
export type ProfiledRecord = "none" | "tasks" | "full";

function runConfig(record: ProfiledRecord): GuestRunConfig {
  return {
    clock: "virtual",
    events: record === "none" ? false : record === "tasks" ? "tasks" : true,
    limits: { outputBytes: 2 ** 30, events: 10_000_000, tasks: 10_000_000, virtualSeconds: 1e9 },
  };
}

interface WebAssemblyApi {
  compile(bytes: Uint8Array): Promise<object>;
  Memory: new (descriptor: { initial: number; maximum: number }) => { buffer: ArrayBuffer };
}

/** What the interrupt handler does at each poll that reaches it. */
type PollHandler = () => void;

/** One engine instance with the bundle evaluated and the guest's API bound, and a way to drive its poll counter. */
class ProfiledEngine {
  private pollHandler: PollHandler = () => this.findCounter();
  private counterAddress = -1;
  private api!: QuickJSHandle;
  private readonly probe: QuickJSHandle;
  readonly output: string[] = [];

  private constructor(
    private readonly context: QuickJSContext,
    private readonly memory: { buffer: ArrayBuffer },
  ) {
    const runtime = context.runtime;
    const host = {
      flush: (records?: QuickJSHandle, numbers?: QuickJSHandle, count?: QuickJSHandle) => {
        const values = batchNumbers(context, numbers, count);
        if (typeof values === "string") throw new Error(`the guest flushed ${values}`);
        const reading = readGuestBatch(records === undefined ? "" : context.getString(records), values);
        if (!reading.ok) throw new Error(`the guest sent ${reading.problem}`);
        for (const record of reading.value) {
          if (record.type === "output") this.output.push(record.text);
          if (record.type === "guest-error") this.output.push(`${record.error.name}: ${record.error.message}\n${record.error.stack}`);
        }
      },
      limit: () => {},
      now: () => context.newNumber(performance.now() / 1000),
      blockingSleep: () => {},
      runJobs: () => {
        runtime.executePendingJobs().dispose();
      },
    };
    const hostObject = context.newObject();
    for (const [name, body] of Object.entries(host)) context.newFunction(name, body).consume((fn) => context.setProp(hostObject, name, fn));
    context.setProp(context.global, HOST_GLOBAL, hostObject);
    hostObject.dispose();
    this.probe = this.evaluate("(function probe() { return new Error().stack; })", PROBE_FILE);
    runtime.setInterruptHandler(() => {
      this.pollHandler();
      return false;
    });
  }

  static async create(compiledWasm: object, bundle: string): Promise<ProfiledEngine> {
    const { WebAssembly } = globalThis as unknown as { WebAssembly: WebAssemblyApi };
    const memory = new WebAssembly.Memory({ initial: 256, maximum: MAXIMUM_MEMORY_BYTES / WASM_PAGE });
    const options = { wasmMemory: memory, wasmModule: compiledWasm } as unknown as Parameters<typeof newVariant>[1];
    const module = await newQuickJSWASMModuleFromVariant(newVariant(RELEASE_SYNC, options));
    const engine = new ProfiledEngine(module.newRuntime().newContext(), memory);
    // Evaluating the bundle polls thousands of times: its first handler call finds the counter.
    engine.evaluate(bundle, BUNDLE_FILE).dispose();
    if (engine.counterAddress < 0) throw new Error("the profiler could not find QuickJS's poll counter in the context");
    engine.api = engine.context.getProp(engine.context.global, GUEST_GLOBAL);
    return engine;
  }

  /**
   * The poll counter is an int in the context's struct, just reset to 10,000 when the handler
   * runs; a call from the handler decrements it. Its offset varies between QuickJS versions, so
   * it is found rather than assumed: the one int that reads 10,000 and drops after a call.
   */
  private findCounter(): void {
    this.pollHandler = () => {};
    const contextAddress = (this.context as unknown as { ctx: { value: number } }).ctx.value;
    const ints = () => new Int32Array(this.memory.buffer, contextAddress, 256);
    const candidates = [...ints().keys()].filter((index) => ints()[index] === POLLS_PER_HANDLER_CALL);
    this.stack();
    const found = candidates.filter((index) => (ints()[index] as number) < POLLS_PER_HANDLER_CALL);
    if (found.length === 1) this.counterAddress = contextAddress + 4 * (found[0] as number);
  }

  /** The next `polls` polls reach the handler one by one (1), or as QuickJS spaces them (10,000). */
  setCountdown(polls: number): void {
    new Int32Array(this.memory.buffer, this.counterAddress, 1)[0] = polls;
  }

  onPoll(handler: PollHandler): void {
    this.pollHandler = handler;
  }

  /** The guest's stack at this moment, innermost frame first, the probe's own frame left out. */
  stack(): string {
    const result = this.context.unwrapResult(this.context.callFunction(this.probe, this.context.undefined));
    const text = this.context.getString(result);
    result.dispose();
    return text.slice(text.indexOf("\n") + 1);
  }

  evaluate(code: string, filename: string): QuickJSHandle {
    return this.context.unwrapResult(this.context.evalCode(code, filename));
  }

  private call(method: string, ...args: (string | QuickJSHandle)[]): string {
    const handles = args.map((arg) => (typeof arg === "string" ? this.context.newString(arg) : arg));
    const fn = this.context.getProp(this.api, method);
    const result = this.context.unwrapResult(this.context.callFunction(fn, this.api, ...handles));
    fn.dispose();
    const value = this.context.typeof(result) === "string" ? this.context.getString(result) : "";
    result.dispose();
    return value;
  }

  /** A program run as the engine worker makes it (engine-worker.ts). */
  runProgram(code: string, record: ProfiledRecord): void {
    const scopeNames = this.call("startProgram", JSON.stringify(runConfig(record)));
    const snippet = this.evaluate(`(function(${scopeNames}){\n${code}\n})`, SNIPPET_FILE);
    this.call("runProgram", snippet);
    snippet.dispose();
    this.call("endProgram");
  }
}

let bundleWithMap: ReturnType<typeof buildBundleWithSourceMap> | null = null;

/**
 * Profiles one snippet's program run inside QuickJS; `source` is TypeScript, compiled as the
 * sandbox compiles it. Two runs, each in a fresh engine of the same compiled module: one without
 * the profiler, timed, then the sampled one.
 */
export async function profileSnippet(source: string, record: ProfiledRecord = "none"): Promise<StackSamples> {
  bundleWithMap ??= buildBundleWithSourceMap();
  const bundle = await bundleWithMap;
  if (bundle.code !== (await guestBundle())) throw new Error("the profiler's bundle differs from the production bundle");
  const { code } = await compile(source.trimStart());
  const wasmFile = createRequire(import.meta.url).resolve("@jitl/quickjs-wasmfile-release-sync/wasm");
  const { WebAssembly } = globalThis as unknown as { WebAssembly: WebAssemblyApi };
  const compiledWasm = await WebAssembly.compile(readFileSync(wasmFile));
  const unprofiled = await ProfiledEngine.create(compiledWasm, bundle.code);
  const cpuBefore = process.cpuUsage();
  unprofiled.runProgram(code, record);
  const cpu = process.cpuUsage(cpuBefore);

  const engine = await ProfiledEngine.create(compiledWasm, bundle.code);
  const stacks = new Map<string, number>();
  // Uniform gaps, so that no loop's period can line up with them; the probe's own polls count nowhere.
  const nextGap = () => 1 + Math.floor(Math.random() * (2 * MEAN_POLLS_PER_SAMPLE - 1));
  let samples = 0;
  engine.onPoll(() => {
    engine.setCountdown(1_000_000_000);
    const stack = engine.stack();
    stacks.set(stack, (stacks.get(stack) ?? 0) + 1);
    samples++;
    engine.setCountdown(nextGap());
  });
  engine.setCountdown(nextGap());
  engine.runProgram(code, record);
  engine.onPoll(() => {});
  return {
    stacks,
    pollsPerSample: MEAN_POLLS_PER_SAMPLE,
    samples,
    unprofiledCpuMs: (cpu.user + cpu.system) / 1000,
    output: engine.output.join(""),
    bundle: { map: bundle.map, sourceRoot: bundle.sourceRoot },
  };
}
