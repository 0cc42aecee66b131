// The greenlet module (https://greenlet.readthedocs.io): stackful coroutines switched by hand.
// A greenlet's `run` is an async function, and `await gr.switch(x)` inside it is where its stack
// is suspended. The snippet's top level, and every asyncio task, is the implicit main greenlet:
// its `gr.switch(x)` returns only once control comes back to main.
//
// Invariants:
// - greenlets are not asyncio tasks: a synchronous trampoline, entered from main's switch(),
//   resumes one greenlet's CoroutineStack at a time and follows the switch each one asks for
//   until one switches, returns or raises into main;
// - inside a greenlet, switch() and throw() return a request; awaiting it suspends the body with
//   a bare yield that the trampoline takes as that request;
// - switching into a dead greenlet switches into its parent (main never dies); a greenlet that
//   returns switches its value into its parent, one that raises raises in its parent, except
//   GreenletExit, which its parent receives as a value.

import { CoroutineStack, FINISHED, isCoroutineLike, type Suspension, toCoroutine } from "../asyncio/coroutines.js";
import { getEventLoop } from "../asyncio/events.js";
import { AttributeError, BaseException, RuntimeError, ValueError } from "../asyncio/exceptions.js";
import { makeModule } from "../asyncio/module.js";
import { typeName } from "../builtins/compare.js";
import type { WaitTarget } from "../events.js";
import type { InstrumentedTask } from "../instrument.js";
import { perRun } from "../per-run.js";
import { pythonClass } from "../python-class.js";
import { isOptionsObject, option } from "../python-names.js";
import type { Runtime } from "../runtime.js";

/** Raised in a greenlet to kill it; its parent receives it as a value instead of an error. */
export class GreenletExit extends BaseException {}

/** greenlet.error: a switch that cannot happen. */
export class GreenletError extends Error {
  constructor(message?: string) {
    super(message ?? "");
    this.name = "error";
  }
}

type Run = (...args: unknown[]) => unknown;

/** What a switch carries: arguments for the target, or an exception to raise in it. */
type Transfer = { throwing: false; args: unknown[] } | { throwing: true; error: unknown };

interface Hop {
  target: Greenlet;
  transfer: Transfer;
}

/** Python hands a resumed switch() its arguments as a tuple; here: none, the one, or an array. */
function unpack(args: unknown[]): unknown {
  if (args.length === 0) return undefined;
  return args.length === 1 ? args[0] : args;
}

class Greenlet {
  static getcurrent = getcurrent;
  static GreenletExit = GreenletExit;
  static error = GreenletError;

  declare run?: Run;
  /** What run() returned, once it has. */
  returned: unknown = undefined;
  private parentGreenlet: Greenlet | null;
  private stack: CoroutineStack | null = null;
  private started: boolean;
  private finished = false;
  private readonly world: World;
  /** How the timeline sees this greenlet; null for main, which is not a lane of its own. */
  readonly lane: InstrumentedTask | null;

  /** `mainOf` is passed only by World, to make its main greenlet. */
  constructor(run?: Run | null, parent?: Greenlet | { parent?: Greenlet | null } | null, mainOf?: World) {
    const world = mainOf ?? worldOf();
    this.world = world;
    if (run !== undefined && run !== null) this.run = run;
    this.started = mainOf !== undefined;
    if (mainOf !== undefined) {
      this.parentGreenlet = null;
      this.lane = null;
      return;
    }
    const parentGreenlet = isOptionsObject(parent) ? option(parent, "parent", null) : parent;
    this.parentGreenlet = world.current;
    if (parentGreenlet !== undefined && parentGreenlet !== null) this.parent = parentGreenlet as Greenlet;
    this.lane = world.openLane(typeof run === "function" ? run.name : "");
  }

  get parent(): Greenlet | null {
    return this.parentGreenlet;
  }

  set parent(parent: Greenlet) {
    if (this.isMain) throw new AttributeError("cannot set the parent of a main greenlet");
    if (!(parent instanceof Greenlet)) {
      throw new TypeError(`GreenletChecker: Expected any type of greenlet, not ${typeName(parent)}`);
    }
    for (let ancestor: Greenlet | null = parent; ancestor !== null; ancestor = ancestor.parentGreenlet) {
      if (ancestor === this) throw new ValueError("cyclic parent chain");
    }
    this.parentGreenlet = parent;
  }

  get dead(): boolean {
    return this.finished;
  }

  private get isMain(): boolean {
    return this.world.main === this;
  }

  /** Switches to this greenlet, passing `args`; returns what is switched back to the caller. */
  switch(...args: unknown[]): unknown {
    return this.world.switchTo(this, { throwing: false, args });
  }

  /** Switches to this greenlet and raises `error` there (a class is instantiated with `value`). */
  throw(error: unknown = GreenletExit, value?: unknown): unknown {
    let exception = error;
    if (typeof error === "function") {
      exception = new (error as new (message?: unknown) => unknown)(...(value === undefined ? [] : [value]));
    } else if (value !== undefined) {
      throw new TypeError("instance exception may not have a separate value");
    }
    return this.world.switchTo(this, { throwing: true, error: exception });
  }

  /** One step of the trampoline: starts or resumes this greenlet; FINISHED once run returned. */
  resume(transfer: Transfer): Suspension | typeof FINISHED {
    const suspension = this.advance(transfer);
    if (suspension === FINISHED && this.stack !== null) this.returned = this.stack.result;
    return suspension;
  }

  die(): void {
    this.finished = true;
    this.stack = null;
  }

  private advance(transfer: Transfer): Suspension | typeof FINISHED {
    if (this.stack !== null) {
      return this.stack.advance(transfer.throwing, transfer.throwing ? transfer.error : unpack(transfer.args));
    }
    this.started = true;
    if (transfer.throwing) throw transfer.error;
    const run = this.run;
    if (typeof run !== "function") throw new AttributeError("'greenlet' object has no attribute 'run'");
    // As in greenlet, a started greenlet no longer has its own `run`.
    if (Object.hasOwn(this, "run")) delete this.run;
    const result = run.apply(this, transfer.args);
    if (!isCoroutineLike(result)) {
      this.returned = result;
      return FINISHED;
    }
    const coroutine = toCoroutine(result);
    coroutine.take();
    this.stack = new CoroutineStack(coroutine, getEventLoop());
    return this.stack.advance(false, undefined);
  }

  get name(): string {
    return this.lane === null ? "main" : this.lane.getName();
  }

  __repr__(): string {
    let state: string;
    if (this.finished) state = "dead";
    else if (!this.started) state = "pending";
    else state = `${this.world.current === this ? "current" : "suspended"} active started${this.isMain ? " main" : ""}`;
    return `<greenlet.greenlet object ${this.name} ${state}>`;
  }
}

/** A switch asked for inside a greenlet: awaiting it is what suspends the greenlet. */
class SwitchRequest {
  constructor(
    private readonly world: World,
    readonly target: Greenlet,
    readonly transfer: Transfer,
  ) {}

  __await__(): Generator<null, unknown, unknown> {
    const request = this;
    return (function* () {
      request.world.requestAwaited(request);
      return yield null;
    })();
  }
}

/** One run's greenlets: main, the current one, and the trampoline that switches between them. */
class World {
  readonly main: Greenlet;
  current: Greenlet;
  private lanes = 0;
  /** A request made by the running greenlet and not awaited (yet). */
  private unawaited: SwitchRequest | null = null;
  /** The request the running greenlet's last bare yield stands for. */
  private awaited: SwitchRequest | null = null;

  constructor(private readonly runtime: Runtime) {
    this.main = new Greenlet(null, null, this);
    this.current = this.main;
  }

  switchTo(target: Greenlet, transfer: Transfer): unknown {
    if (this.current !== this.main) {
      const request = new SwitchRequest(this, target, transfer);
      this.unawaited ??= request;
      return request;
    }
    return this.runFromMain({ target, transfer });
  }

  requestAwaited(request: SwitchRequest): void {
    if (this.unawaited === request) this.unawaited = null;
    this.awaited = request;
  }

  openLane(runName: string): InstrumentedTask {
    const runtime = this.runtime;
    const instrument = runtime.instrument;
    // What runs now: a greenlet, a task, or the top level (made a lane first, so it comes first).
    const parent = instrument?.runningLane() ?? null;
    const name = `greenlet-${++this.lanes}`;
    const lane = { id: runtime.nextTaskId(), getName: () => name };
    instrument?.taskSpawned(lane, parent, runName || "<lambda>");
    return lane;
  }

  private runFromMain(hop: Hop): unknown {
    const instrument = this.runtime.instrument;
    // With a listener, each switch is a step of the lane switched to, scheduled by the step that
    // switched, and the return into main a step of main's lane (the task, or the top level).
    const caller = instrument?.runningLane() ?? null;
    const outer = instrument?.handOffLane ?? null;
    try {
      for (;;) {
        hop = this.skipDead(hop);
        if (hop.target === this.main) {
          this.current = this.main;
          if (instrument !== null) {
            instrument.handOffLane = outer;
            const { transfer } = hop;
            instrument.laneStep(
              caller as InstrumentedTask,
              transfer.throwing ? transfer.error : unpack(transfer.args),
              transfer.throwing,
              0,
            );
          }
          if (hop.transfer.throwing) throw hop.transfer.error;
          return unpack(hop.transfer.args);
        }
        hop = this.step(hop.target, hop.transfer);
      }
    } finally {
      if (instrument !== null) instrument.handOffLane = outer;
    }
  }

  /** Switching into a dead greenlet goes to its parent; a GreenletExit thrown there is a value. */
  private skipDead({ target, transfer }: Hop): Hop {
    while (target.dead) {
      if (transfer.throwing && transfer.error instanceof GreenletExit) transfer = { throwing: false, args: [transfer.error] };
      target = target.parent as Greenlet;
    }
    return { target, transfer };
  }

  /** Runs `greenlet` until it switches away, returns or raises; says where control goes next. */
  private step(greenlet: Greenlet, transfer: Transfer): Hop {
    this.current = greenlet;
    const instrument = this.runtime.instrument;
    const lane = greenlet.lane as InstrumentedTask;
    if (instrument !== null) {
      instrument.handOffLane = lane;
      instrument.laneStep(lane, transfer.throwing ? transfer.error : unpack(transfer.args), transfer.throwing, 0);
      instrument.taskRunning(lane);
    }
    let suspension: Suspension | typeof FINISHED;
    try {
      suspension = greenlet.resume(transfer);
    } catch (error) {
      this.awaited = null;
      return this.die(greenlet, this.takeUnawaitedError(greenlet) ?? error);
    }
    const notAwaited = this.takeUnawaitedError(greenlet);
    const request = this.awaited;
    this.awaited = null;
    if (suspension === FINISHED) {
      if (notAwaited !== null) return this.die(greenlet, notAwaited);
      greenlet.die();
      instrument?.taskFinished(lane, "done", greenlet.returned);
      return { target: greenlet.parent as Greenlet, transfer: { throwing: false, args: [greenlet.returned] } };
    }
    if (notAwaited !== null) return { target: greenlet, transfer: { throwing: true, error: notAwaited } };
    if (suspension !== null) {
      const error = new RuntimeError(
        `${greenlet.name} awaited ${suspension.describeWait().label}: a greenlet can only await switch() and throw(); use gevent for greenlets on the event loop`,
      );
      return { target: greenlet, transfer: { throwing: true, error } };
    }
    if (request === null) return { target: greenlet, transfer: { throwing: false, args: [] } };
    // A switch is a call, not a yield: the compile step gives it no site.
    instrument?.taskWaiting(lane, this.waitTarget(request.target), 0);
    return { target: request.target, transfer: request.transfer };
  }

  private die(greenlet: Greenlet, error: unknown): Hop {
    greenlet.die();
    const killed = error instanceof GreenletExit;
    this.runtime.instrument?.taskFinished(greenlet.lane as InstrumentedTask, killed ? "cancelled" : "failed", error);
    const transfer: Transfer = killed ? { throwing: false, args: [error] } : { throwing: true, error };
    return { target: greenlet.parent as Greenlet, transfer };
  }

  private takeUnawaitedError(greenlet: Greenlet): Error | null {
    if (this.unawaited === null) return null;
    this.unawaited = null;
    return new RuntimeError(`${greenlet.name} called switch() or throw() without await: inside a greenlet write \`await gr.switch()\``);
  }

  private waitTarget(target: Greenlet): WaitTarget {
    return { kind: "greenlet", label: `switch to ${target.name}` };
  }
}

const worldOf = perRun((runtime) => new World(runtime));

export function getcurrent(): Greenlet {
  return worldOf().current;
}

export { Greenlet as greenlet };

export const greenletModule: Record<string, unknown> = {
  ...makeModule({ getcurrent, GreenletExit, error: GreenletError }),
  greenlet: pythonClass(Greenlet),
};
