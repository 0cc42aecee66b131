// mixins._LoopBoundMixin (CPython Lib/asyncio/mixins.py): a lock or queue belongs to the loop
// that first makes a task wait on it, and refuses to be waited on from any other loop.

import { repr } from "../builtins/format.js";
import type { Instrument } from "../instrument.js";
import { activeInstrument } from "../runtime.js";
import { getRunningLoop } from "./events.js";
import { RuntimeError } from "./exceptions.js";
import type { Future } from "./futures.js";
import type { EventLoop } from "./loop.js";
import type { WaitSubject } from "./wait-subject.js";

export abstract class LoopBoundMixin {
  private loop: EventLoop | null = null;
  /**
   * Where the object records what is done to it: the run's instrument when it was made, null
   * without a listener (every hook site is then a null check) or for an object inside another
   * (a Queue's join Event, a Barrier's Lock), which the outer one records.
   */
  recorder: Instrument | null = activeInstrument();

  /** Python's _get_loop(): the running loop, which this object binds to on first use. */
  protected bindLoop(): EventLoop {
    const loop = getRunningLoop();
    if (this.loop === null) this.loop = loop;
    if (loop !== this.loop) throw new RuntimeError(`${repr(this)} is bound to a different event loop`);
    return loop;
  }

  /** A future for a task to block on, labelled with what it waits for. */
  protected createWaiter<T>(subject: WaitSubject): Future<T> {
    const loop = this.bindLoop();
    const waiter = loop.createFuture<T>();
    waiter.waitTarget = subject.target(loop.runtime);
    return waiter;
  }
}
