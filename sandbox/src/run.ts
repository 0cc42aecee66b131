// A program run: TypeScript source in, an async iterable of events out, on the virtual clock
// by default. Events stream as the worker sends them; a consumer that stops iterating, or aborts
// the run's signal, stops the run at once, and one that falls behind pauses it (the worker
// waits for it to catch up).

import { compilerError } from "@looplab/runtime/compile";
import { AsyncQueue } from "./async-queue.js";
import { compileCached } from "./compile-cache.js";
import { defaultPool } from "./default-pool.js";
import { SNIPPET_LINE_OFFSET, STOPPED_BY_CONSUMER } from "./engine/guest-context.js";
import type { EngineEnd } from "./engine/messages.js";
import { type GuestRecord, SNIPPET_FILE } from "./guest/guest-protocol.js";
import { endEvent, errorEvent, recordEvent } from "./guest-records.js";
import { engineLimits, type Limits, limitEnd, resolveLimits } from "./limits.js";
import type { WorkerPool } from "./pool/worker-pool.js";
import type { EndEvent, ErrorEvent, RunEvent } from "./protocol-events.js";
import { StackMapper, sourceMapMapper } from "./stack-frames.js";

export interface RunOptions {
  /** "virtual" (default) or "real". */
  clock?: "virtual" | "real";
  /** Seed of the `random` module. */
  seed?: number;
  /** Stream task events (default true); without them only output, result, error and end come. */
  events?: boolean;
  /**
   * With events: "full" (default) records everything; "tasks" only task-spawned and task-state,
   * no steps, resources or cancellations (the record from before issue 12, which the bench
   * compares the full record's cost with).
   */
  record?: "full" | "tasks";
  limits?: Partial<Limits>;
  /** The file name tracebacks show (default "snippet.ts"). */
  filename?: string;
  /** The pool to run on (default: the process's shared pool). */
  pool?: WorkerPool;
  /** Stops the run when aborted, wherever it is (compiling, waiting for a worker, running): its last event is an end "stopped". */
  signal?: AbortSignal;
}

const ZERO_COUNTERS = { cpuMs: 0, virtualSeconds: 0, tasks: 0, steps: 0, peakMemoryBytes: 0 };

export function run(source: string, options: RunOptions = {}): AsyncIterable<RunEvent> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<RunEvent> {
      // An async generator's return() waits for its next yield, which a busy or sleeping run may
      // not reach for seconds: the consumer's return() aborts the run first.
      const abandoned = new AbortController();
      const signal = options.signal === undefined ? abandoned.signal : AbortSignal.any([options.signal, abandoned.signal]);
      const events = runEvents(source, options, signal);
      return {
        next: () => events.next(),
        return: (value?: unknown) => {
          abandoned.abort();
          return events.return(value);
        },
      };
    },
  };
}

type Delivery = { kind: "records"; records: GuestRecord[] } | { kind: "end"; end: EngineEnd };

async function* runEvents(source: string, options: RunOptions, signal: AbortSignal): AsyncGenerator<RunEvent> {
  const limits = resolveLimits(options.limits);
  const filename = options.filename ?? "snippet.ts";
  if (source.length > limits.snippetBytes) {
    yield { type: "end", ...limitEnd("snippet-size", limits), counters: ZERO_COUNTERS };
    return;
  }
  let compiled: Awaited<ReturnType<typeof compileCached>>;
  try {
    compiled = await compileCached(source, filename);
  } catch (error) {
    // Whatever the compiler threw, the run ends with a compile error that says so.
    const failure = compilerError(error, filename);
    yield { type: "compile-error", diagnostics: failure.diagnostics };
    yield { type: "end", reason: "error", message: failure.message, counters: ZERO_COUNTERS };
    return;
  }
  const stacks = new StackMapper();
  stacks.register(SNIPPET_FILE, {
    file: filename,
    lines: source.split("\n"),
    toSource: sourceMapMapper(compiled.map, SNIPPET_LINE_OFFSET),
  });
  if (signal.aborted) {
    yield { type: "end", reason: "stopped", message: STOPPED_BY_CONSUMER, counters: ZERO_COUNTERS };
    return;
  }
  const deliveries = new AsyncQueue<Delivery>();
  const pool = options.pool ?? defaultPool();
  const handle = await pool.startRun(
    compiled.code,
    {
      config: {
        clock: options.clock ?? "virtual",
        seed: options.seed,
        events: options.events === false ? false : options.record === "tasks" ? "tasks" : true,
        limits: { outputBytes: limits.outputBytes, events: limits.events, tasks: limits.tasks, virtualSeconds: limits.virtualSeconds },
      },
      limits: engineLimits(limits),
    },
    {
      records: (records) => deliveries.push({ kind: "records", records }),
      ended: (end) => deliveries.push({ kind: "end", end }),
    },
  );
  // A stop asked before the worker begins the run is kept for it (engine/control-block.ts).
  const stop = () => handle.stop();
  if (signal.aborted) stop();
  else signal.addEventListener("abort", stop, { once: true });
  let ended = false;
  let uncaught: ErrorEvent | null = null;
  let time = 0;
  try {
    for (;;) {
      const delivery = await deliveries.shift();
      if (delivery.kind === "end") {
        ended = true;
        const failure = delivery.end.failure;
        if (failure !== null) yield errorEvent(failure, time, stacks);
        const end: EndEvent = endEvent(delivery.end, uncaught, limits);
        yield end;
        return;
      }
      handle.batchTaken();
      for (const record of delivery.records) {
        const event = recordEvent(record, stacks);
        if (event === null) continue;
        if ("time" in event) time = event.time;
        if (event.type === "error") uncaught = event;
        yield event;
      }
    }
  } finally {
    signal.removeEventListener("abort", stop);
    if (!ended) handle.stop();
  }
}
