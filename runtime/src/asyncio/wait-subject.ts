// What a task blocked on a lock or a queue is shown waiting on, in the timeline and in deadlock
// reports: the primitive's kind and a label such as "Lock #3" or "Queue #5 get". The number is
// taken from the run's object counter when the primitive is made, so that it is the same with and
// without a listener (a recorded acquire would otherwise number a lock before any task waits).

import type { ResourceKind, WaitTarget } from "../events.js";
import { activeRuntimeOrNull, type Runtime } from "../runtime.js";

/** How many internalPrimitive() calls are under way. */
let makingInternal = 0;

/**
 * Makes a primitive a snippet never sees by itself (a queue's join event, a condition's own
 * lock, whose subject the maker replaces): it takes no number, so the numbers a snippet sees
 * count only its own objects. One still takes a number if anything ever shows it.
 */
export function internalPrimitive<T>(make: () => T): T {
  makingInternal++;
  try {
    return make();
  } finally {
    makingInternal--;
  }
}

export class WaitSubject {
  private objectId = 0;
  private madeTarget: WaitTarget | null = null;

  constructor(
    private readonly kind: ResourceKind,
    private readonly name: string,
    /** The subject this one is an operation of ("Queue #5 get" of "Queue #5"); it owns the number. */
    private readonly owner: WaitSubject | null = null,
    private readonly operation = "",
  ) {
    if (owner === null && makingInternal === 0) this.objectId = activeRuntimeOrNull()?.nextObjectId() ?? 0;
  }

  /** The same object, shown waiting on one of its operations: "Queue #5" → "Queue #5 get". */
  operationOf(operation: string): WaitSubject {
    return new WaitSubject(this.kind, this.name, this, operation);
  }

  /** Made once and shared by every waiter, not a label string built for each wait. */
  target(runtime: Runtime): WaitTarget {
    if (this.madeTarget !== null) return this.madeTarget;
    const numbered = this.owner ?? this;
    if (numbered.objectId === 0) numbered.objectId = runtime.nextObjectId();
    const label = `${this.name} #${numbered.objectId}${this.operation === "" ? "" : ` ${this.operation}`}`;
    this.madeTarget = { kind: this.kind, objectId: numbered.objectId, label };
    return this.madeTarget;
  }
}
