// Collects a run's records inside QuickJS and hands them to the host in batches: a host call
// costs about 4 µs, so one per event would dominate task-heavy runs. A batch goes out when it
// is full or a few milliseconds old; a snippet that records something and then computes for a
// while records nothing more, so the host also drains the batch from its interrupt handler.
// Invariants: past a limit nothing more is recorded (the host stops the run at its next
// interrupt poll); drain() takes nothing while a method here is half-way through.

import { now, sliceString } from "./captured-intrinsics.js";
import type { GuestHost, GuestLimits, GuestRecord } from "./guest-protocol.js";
import { encodeJson } from "./record-encoder.js";

const MAX_BATCH = 512;
const MAX_BATCH_AGE_MS = 5;

export class RecordBatcher {
  private batch: GuestRecord[] = [];
  /** The first record goes out at once: it is what a person waits for after pressing Run. */
  private lastFlush = Number.NEGATIVE_INFINITY;
  private events = 0;
  private outputBytes = 0;
  private overLimit = false;
  private busy = false;

  constructor(
    private readonly host: GuestHost,
    private readonly limits: GuestLimits,
  ) {}

  /** A runtime event; output events count against the output limit. */
  event(event: GuestRecord): void {
    if (this.overLimit) return;
    this.busy = true;
    try {
      this.count(event);
    } finally {
      this.busy = false;
    }
  }

  /** A record of the sandbox's own (result, error, input done): never dropped, never counted. */
  record(record: GuestRecord): void {
    this.append(record);
  }

  flush(): void {
    this.lastFlush = now();
    if (this.batch.length === 0) return;
    this.busy = true;
    try {
      this.host.flush(this.take());
    } finally {
      this.busy = false;
    }
  }

  /** What is waiting, as JSON, for the host's interrupt handler; "" when empty or busy. */
  drain(): string {
    if (this.busy || this.batch.length === 0) return "";
    this.lastFlush = now();
    return this.take();
  }

  private take(): string {
    const batch = this.batch;
    this.batch = [];
    return encodeJson(batch);
  }

  private count(event: GuestRecord): void {
    if (++this.events > this.limits.events) {
      this.stop("events");
      return;
    }
    if (event.type === "guest-traceback") {
      // Counted by its texts; the traceback the host adds is bounded by the event-bytes limit.
      const length = event.before.length + event.error.message.length + event.after.length;
      if (length > this.limits.outputBytes - this.outputBytes) {
        this.outputBytes = this.limits.outputBytes;
        this.stop("output");
        return;
      }
      this.outputBytes += length;
    } else if (event.type === "output") {
      const room = this.limits.outputBytes - this.outputBytes;
      if (event.text.length > room) {
        if (room > 0) this.push({ ...event, text: sliceString(event.text, 0, room) });
        this.outputBytes = this.limits.outputBytes;
        this.stop("output");
        return;
      }
      this.outputBytes += event.text.length;
    }
    this.push(event);
  }

  private push(record: GuestRecord): void {
    this.append(record);
    if (this.batch.length >= MAX_BATCH || now() - this.lastFlush >= MAX_BATCH_AGE_MS) this.send();
  }

  /** Not Array.prototype.push, which a snippet may replace. */
  private append(record: GuestRecord): void {
    this.batch[this.batch.length] = record;
  }

  private send(): void {
    this.lastFlush = now();
    this.host.flush(this.take());
  }

  private stop(limit: "events" | "output"): void {
    this.overLimit = true;
    if (this.batch.length > 0) this.send();
    this.host.limit(limit);
  }
}
