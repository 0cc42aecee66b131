// Takes turns among the REPL sessions of one worker. Each session's loop says when it next
// needs a tick; the scheduler runs one due tick per turn of the worker's event loop, so the
// worker reads its messages (other users' inputs) between any two ticks. Among due sessions
// the one that held the worker least over the share window goes first: sessions alike take
// turns, and one that computes without pause goes after every other. Each operation is also
// accounted: how long it held the worker while another session waited (session-share.ts).

import { SessionShare, type ShareBound } from "./session-share.js";

interface Entry {
  tick: () => void;
  share: SessionShare;
  /** When its next tick is due (performance.now()), or null when only an input can wake it. */
  dueAt: number | null;
}

/** A timer may fire a little before its time as performance.now() counts it. */
const TIMER_SLACK_MS = 1;

export class SessionScheduler {
  private readonly entries = new Map<number, Entry>();
  private immediate: ReturnType<typeof setImmediate> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private timerAt = Number.POSITIVE_INFINITY;

  constructor(
    private readonly bound: ShareBound,
    /** Whether messages wait for the worker (another session's input or opening, say). */
    private readonly messagesWaiting: () => boolean,
  ) {}

  add(id: number, tick: () => void): void {
    this.entries.set(id, { tick, share: new SessionShare(this.bound), dueAt: null });
  }

  remove(id: number): void {
    this.entries.delete(id);
    this.arm();
  }

  /** Asks for a tick of session `id` in `delayMs`, or sooner if one is due sooner; a negative delay asks for none. */
  wake(id: number, delayMs: number): void {
    const entry = this.entries.get(id);
    if (entry === undefined || delayMs < 0) return;
    const at = performance.now() + delayMs;
    entry.dueAt = entry.dueAt === null ? at : Math.min(entry.dueAt, at);
    this.arm();
  }

  /**
   * Accounts one operation of session `id`: the time it held the worker, and the part of it during
   * which another session was due or a message waited. Returns the sentence that ends the session
   * when that passed its share, else null.
   */
  account(id: number, startedAt: number, endedAt: number): string | null {
    const entry = this.entries.get(id);
    if (entry === undefined) return null;
    let waitingSince = this.messagesWaiting() ? startedAt : Number.POSITIVE_INFINITY;
    for (const [other, { dueAt }] of this.entries) {
      if (other !== id && dueAt !== null) waitingSince = Math.min(waitingSince, dueAt);
    }
    const contendedMs = Math.max(0, endedAt - Math.max(startedAt, waitingSince));
    entry.share.add(endedAt, endedAt - startedAt, contendedMs);
    return entry.share.excess(endedAt);
  }

  /** One turn: at most one tick, then the event loop (messages, timers) before the next. */
  private turn(): void {
    this.immediate = null;
    const entry = this.next(performance.now());
    if (entry !== null) {
      entry.dueAt = null;
      entry.tick();
    }
    this.arm();
  }

  /** The due session that held the worker least in the window; the one due first among equals. */
  private next(now: number): Entry | null {
    let best: Entry | null = null;
    let bestHeld = Number.POSITIVE_INFINITY;
    for (const entry of this.entries.values()) {
      if (entry.dueAt === null || entry.dueAt > now + TIMER_SLACK_MS) continue;
      const held = entry.share.heldMs(now);
      if (held < bestHeld || (held === bestHeld && entry.dueAt < (best?.dueAt ?? Number.POSITIVE_INFINITY))) {
        best = entry;
        bestHeld = held;
      }
    }
    return best;
  }

  /** Invariant: a turn is queued while a tick is due, and a timer is set for the earliest one that is not. */
  private arm(): void {
    if (this.immediate !== null) return;
    let earliest = Number.POSITIVE_INFINITY;
    for (const { dueAt } of this.entries.values()) if (dueAt !== null && dueAt < earliest) earliest = dueAt;
    const now = performance.now();
    if (earliest <= now + TIMER_SLACK_MS) {
      this.clearTimer();
      this.immediate = setImmediate(() => this.turn());
      return;
    }
    if (earliest === this.timerAt) return;
    this.clearTimer();
    if (earliest === Number.POSITIVE_INFINITY) return;
    this.timerAt = earliest;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerAt = Number.POSITIVE_INFINITY;
      this.turn();
    }, earliest - now);
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = Number.POSITIVE_INFINITY;
  }
}
