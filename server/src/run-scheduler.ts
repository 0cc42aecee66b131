// Admits program runs (HTTP and WebSocket) into the sandbox's run workers, fairly between
// clients. At most `capacity` runs go at once (one per worker, so the sandbox's own first-come
// queue stays empty); the others wait in their client's queue. A free slot goes to the waiting
// client with the fewest runs going, ties to the one whose turn came longest ago, so one
// client's long queue never delays another client's first run by more than about one run.
//
// Invariant: with more than one slot, the last free slot goes only to a client with no run
// going. A run may take seconds (up to the CPU limit), so without that reserve a client that
// fills every slot with long runs makes a newcomer wait for one of them to end; with it, a
// newcomer starts at once. The price is one slot a lone client cannot use.

export interface RunTicket {
  /** Resolves true when the run may start, false when it was withdrawn while waiting. */
  readonly admitted: Promise<boolean>;
  /** Whether it is still waiting for a slot. */
  readonly waiting: boolean;
  /** Withdraws a waiting run or frees a started run's slot; later calls do nothing. */
  release(): void;
}

type TicketState = "waiting" | "running" | "released";

interface Waiter {
  client: string;
  state: TicketState;
  admit(admitted: boolean): void;
}

export class RunScheduler {
  private running = 0;
  private readonly runningPerClient = new Map<string, number>();
  /** Each client's waiting runs in arrival order; the map's own order is the turn order. */
  private readonly queues = new Map<string, Waiter[]>();

  constructor(
    private readonly capacity: number,
    private readonly maxQueuedPerClient: number,
  ) {}

  /** Runs going now, over every client. */
  get runningCount(): number {
    return this.running;
  }

  queuedFor(client: string): number {
    return this.queues.get(client)?.length ?? 0;
  }

  /** Whether a run of `client` would be accepted now (admitted, or queued within its cap). */
  hasRoom(client: string): boolean {
    return this.mayStart(client) || this.queuedFor(client) < this.maxQueuedPerClient;
  }

  /** Whether a slot is free for `client`: any but the last, which is kept for a client with none going. */
  private mayStart(client: string): boolean {
    if (this.running >= this.capacity) return false;
    const lastSlot = this.capacity > 1 && this.running === this.capacity - 1;
    return !lastSlot || !this.runningPerClient.has(client);
  }

  /** Queues a run of `client`; null when its queue is full. */
  enqueue(client: string): RunTicket | null {
    if (!this.hasRoom(client)) return null;
    let admit: (admitted: boolean) => void = () => {};
    const admitted = new Promise<boolean>((resolve) => (admit = resolve));
    const waiter: Waiter = { client, state: "waiting", admit };
    const queue = this.queues.get(client);
    if (queue === undefined) this.queues.set(client, [waiter]);
    else queue.push(waiter);
    this.dispatch();
    return {
      admitted,
      get waiting() {
        return waiter.state === "waiting";
      },
      release: () => this.release(waiter),
    };
  }

  private release(waiter: Waiter): void {
    if (waiter.state === "waiting") {
      const queue = this.queues.get(waiter.client)!;
      queue.splice(queue.indexOf(waiter), 1);
      if (queue.length === 0) this.queues.delete(waiter.client);
      waiter.state = "released";
      waiter.admit(false);
      return;
    }
    if (waiter.state === "running") {
      waiter.state = "released";
      this.running--;
      const left = (this.runningPerClient.get(waiter.client) ?? 1) - 1;
      if (left === 0) this.runningPerClient.delete(waiter.client);
      else this.runningPerClient.set(waiter.client, left);
      this.dispatch();
    }
  }

  private dispatch(): void {
    while (this.running < this.capacity) {
      const client = this.nextClient();
      if (client === null) return;
      const queue = this.queues.get(client)!;
      const waiter = queue.shift()!;
      // Its turn is taken: it goes to the back of the turn order.
      this.queues.delete(client);
      if (queue.length > 0) this.queues.set(client, queue);
      waiter.state = "running";
      this.running++;
      this.runningPerClient.set(client, (this.runningPerClient.get(client) ?? 0) + 1);
      waiter.admit(true);
    }
  }

  /** The waiting client with the fewest runs going; the first in turn order among equals. */
  private nextClient(): string | null {
    let chosen: string | null = null;
    let fewest = Number.POSITIVE_INFINITY;
    for (const client of this.queues.keys()) {
      if (!this.mayStart(client)) continue;
      const running = this.runningPerClient.get(client) ?? 0;
      if (running < fewest) {
        chosen = client;
        fewest = running;
        if (running === 0) break;
      }
    }
    return chosen;
  }
}
