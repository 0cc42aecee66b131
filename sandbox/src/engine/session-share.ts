// How much of its worker one REPL session took, over a sliding window: the wall time its
// operations held the worker, and the part of it during which another session waited to run.
// Sessions share a worker thread, and an operation cannot be preempted (the guest's loop would
// be left mid-step), so a session that computes without pause delays every other one; it may
// do so for at most `fraction` of any window before it is ended. Wall time, not CPU time, is
// what the others wait through, whatever else the machine is doing.

export interface ShareBound {
  windowMs: number;
  /** Of the window, how much a session may hold the worker while others wait. */
  fraction: number;
  /**
   * Of the window, how much it may hold the worker even when no other session waits: a worker
   * thread is a core that program runs and other workers' sessions need too.
   */
  fractionAlone: number;
}

export const DEFAULT_SESSION_SHARE: ShareBound = { windowMs: 10_000, fraction: 0.25, fractionAlone: 0.75 };

interface Span {
  endedAt: number;
  heldMs: number;
  contendedMs: number;
}

export class SessionShare {
  /** Spans in the order they ended; those before `first` ended before the window. */
  private spans: Span[] = [];
  private first = 0;
  private held = 0;
  private contended = 0;

  constructor(private readonly bound: ShareBound) {}

  add(endedAt: number, heldMs: number, contendedMs: number): void {
    this.spans.push({ endedAt, heldMs, contendedMs });
    this.held += heldMs;
    this.contended += contendedMs;
  }

  /** Milliseconds it held the worker in the window ending at `now`: who goes next favours the least. */
  heldMs(now: number): number {
    this.forget(now);
    return this.held;
  }

  /** The sentence that ends the session when it held the worker too long while others waited, else null. */
  excess(now: number): string | null {
    this.forget(now);
    const { windowMs, fraction, fractionAlone } = this.bound;
    if (this.held > fractionAlone * windowMs) {
      return (
        `CPU share exceeded: the session's tasks kept its sandbox busy for ${seconds(this.held)} s of the last ` +
        `${seconds(windowMs)} s (a session may take ${Math.round(fractionAlone * 100)}% of it, even alone)`
      );
    }
    if (this.contended <= fraction * windowMs) return null;
    return (
      `CPU share exceeded: the session's tasks used more than their share of CPU: they held the sandbox it shares ` +
      `with other sessions for ${seconds(this.contended)} s of the last ${seconds(windowMs)} s while those waited ` +
      `(a session may take ${Math.round(fraction * 100)}% of it)`
    );
  }

  private forget(now: number): void {
    const since = now - this.bound.windowMs;
    while (this.first < this.spans.length && (this.spans[this.first] as Span).endedAt < since) {
      const span = this.spans[this.first] as Span;
      this.held -= span.heldMs;
      this.contended -= span.contendedMs;
      this.first++;
    }
    // Sums of floats drift: an empty window holds nothing.
    if (this.first === this.spans.length) this.held = this.contended = 0;
    if (this.first > 1024 && this.first * 2 > this.spans.length) {
      this.spans = this.spans.slice(this.first);
      this.first = 0;
    }
  }
}

function seconds(milliseconds: number): string {
  return String(Math.round(milliseconds / 100) / 10);
}
