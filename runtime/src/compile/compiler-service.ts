// esbuild's service is one process every compile of the server shares. Input it cannot take
// kills it ("The service was stopped"), after which esbuild answers every later call with "The
// service is no longer running", or wedges it (its Node process stops while a plugin call is
// pending, and the call never settles). Every call goes through callCompiler(), which:
// - restarts the service when it died (esbuild.stop() forgets the dead process, and the next
//   call starts a new one), and when it answered no call for stallTimeoutMs while calls waited;
// - fails the call that caused it, and only that one: a call that was alone on the service when
//   it died is the cause; calls that shared it are run again, alone, one at a time, and the one
//   that fails again is the cause. The others go on as if nothing happened.

import * as esbuild from "esbuild-wasm";

export const DIED_MESSAGE = "the compiler failed on this snippet: its service stopped while compiling it, and was restarted";
/** A stall may be the machine's load, not the snippet: callers should not cache it. */
export const STALLED_MESSAGE = "the compiler failed on this snippet: it took too long, and was restarted";

/** Why the compiler failed on a snippet: its service died or stalled on it. */
export class CompilerFailure extends Error {
  constructor(readonly reason: "died" | "stalled") {
    super(reason === "died" ? DIED_MESSAGE : STALLED_MESSAGE);
    this.name = "CompilerFailure";
  }
}

/** The service died while the call was on it. */
const STOPPED_DURING_CALL = "The service was stopped";
/** The service had died before the call: the call is not the cause. */
const STOPPED_BEFORE_CALL = "The service is no longer running";
export const DEFAULT_STALL_TIMEOUT_MS = 10_000;
/** A new process first loads and compiles esbuild's WebAssembly: more time before its first answer. */
const STARTUP_MS = 10_000;
let stallTimeoutMs = DEFAULT_STALL_TIMEOUT_MS;

/** Sets how long the service may answer nothing while calls wait (tests shorten it); gives the previous value. */
export function setStallTimeout(milliseconds: number): number {
  const previous = stallTimeoutMs;
  stallTimeoutMs = milliseconds;
  return previous;
}

/** One process of the service: the calls on it, and how it ended. */
class ServiceRun {
  readonly calls = new Set<() => void>();
  /** Whether the process has answered a call yet (so it has started). */
  answered = false;
  /** Set when this run ended: the reason, and how many calls it had then. */
  ended: { reason: "died" | "stalled"; calls: number } | null = null;
  private watchdog: ReturnType<typeof setTimeout> | null = null;

  /** Starts (or restarts) the stall timer: called when a call starts on an idle run and whenever one finishes. */
  progressed(): void {
    if (this.watchdog !== null) clearTimeout(this.watchdog);
    this.watchdog = null;
    if (this.calls.size === 0 || this.ended !== null) return;
    this.watchdog = setTimeout(() => endRun(this, "stalled"), this.answered ? stallTimeoutMs : stallTimeoutMs + STARTUP_MS);
    this.watchdog.unref();
  }
}

let current = new ServiceRun();
/** Calls run again alone after a shared failure: new calls wait while one of them runs. */
let exclusive: Promise<unknown> = Promise.resolve();
let exclusiveWaiting = 0;

/** Ends a run of the service: stops its process, and fails the calls still on it. */
function endRun(run: ServiceRun, reason: "died" | "stalled"): void {
  if (run.ended !== null) return;
  run.ended = { reason, calls: run.calls.size };
  run.progressed();
  if (run === current) {
    current = new ServiceRun();
    // Kills the process if it still lives; the next call starts a new one.
    void esbuild.stop();
  }
  // A stalled service never answers them: each fails its own call now.
  for (const fail of [...run.calls]) fail();
}

type Attempt<T> = { ok: true; value: T } | { ok: false; reason: "died" | "stalled"; alone: boolean } | { ok: false; reason: "dead" };

/** One try of the call on the current run of the service. */
function attempt<T>(call: () => Promise<T>): Promise<Attempt<T>> {
  const run = current;
  return new Promise<Attempt<T>>((resolve, reject) => {
    let settled = false;
    const failed = () => {
      if (settled) return;
      settled = true;
      run.calls.delete(failed);
      const ended = run.ended as NonNullable<ServiceRun["ended"]>;
      resolve({ ok: false, reason: ended.reason, alone: ended.calls <= 1 });
    };
    run.calls.add(failed);
    if (run.calls.size === 1) run.progressed();
    call().then(
      (value) => {
        if (settled) return;
        settled = true;
        run.calls.delete(failed);
        run.answered = true;
        run.progressed();
        resolve({ ok: true, value });
      },
      (error: unknown) => {
        if (settled) return;
        if (error instanceof Error && error.message.startsWith(STOPPED_BEFORE_CALL)) {
          // Found dead (it died idle, or another call is about to see it die): restart, try again.
          settled = true;
          run.calls.delete(failed);
          endRun(run, "died");
          resolve({ ok: false, reason: "dead" });
          return;
        }
        if (error instanceof Error && error.message.startsWith(STOPPED_DURING_CALL)) {
          endRun(run, "died");
          failed();
          return;
        }
        settled = true;
        run.calls.delete(failed);
        run.progressed();
        reject(error);
      },
    );
  });
}

/** Runs one call of esbuild's service; a call the service failed on throws CompilerFailure. */
export async function callCompiler<T>(call: () => Promise<T>): Promise<T> {
  while (exclusiveWaiting > 0) await exclusive.catch(() => {});
  let first = await attempt(call);
  for (let tries = 1; !first.ok && first.reason === "dead" && tries < 3; tries++) first = await attempt(call);
  if (first.ok) return first.value;
  if (first.reason === "dead") throw new CompilerFailure("died");
  if (first.alone) throw new CompilerFailure(first.reason);
  // Others shared the service when it failed: run again alone to learn whose input it was.
  exclusiveWaiting++;
  const again = exclusive
    .catch(() => {})
    .then(async () => {
      await idle();
      return attempt(call);
    });
  exclusive = again;
  try {
    const second = await again;
    if (second.ok) return second.value;
    throw new CompilerFailure(second.reason === "dead" ? "died" : second.reason);
  } finally {
    exclusiveWaiting--;
  }
}

/** Resolves when no call is on the service. */
async function idle(): Promise<void> {
  while (current.calls.size > 0) await new Promise((resolve) => setTimeout(resolve, 5));
}
