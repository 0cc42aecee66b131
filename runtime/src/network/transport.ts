// One end of a simulated TCP connection (asyncio's Transport, with the Protocol callbacks of
// CPython Lib/asyncio/protocols.py). Two Transports are each other's peer; what one writes
// reaches the other's protocol half a round trip later, after the bytes before it, at the
// link's bandwidth.
//
// Invariants:
// - segments (data, end of file, reset) arrive in the order they were written;
// - bytes count in the writer's buffer from write() until the peer's protocol receives them,
//   so a peer that stops reading (its buffer past the limit) makes the writer's drain() wait,
//   as TCP's window does; pause_writing()/resume_writing() follow the high and low water marks;
// - close() stops reading at once and sends end of file after what is written; the protocol's
//   connection_lost(None) comes one loop iteration later, as in asyncio.

import { RuntimeError, ValueError } from "../asyncio/exceptions.js";
import type { EventLoop } from "../asyncio/loop.js";
import { addSnakeCaseAliases, isOptionsObject, option } from "../python-names.js";
import { type Bytes, type BytesLike, toBytes, typeName } from "./bytes.js";
import { connectionReset } from "./errors.js";
import { formatSeconds, type LinkSettings, networkDeadline } from "./hosts.js";
import type { Tuple } from "./tuple.js";

/** asyncio.Protocol's callbacks, as the transport calls them. */
export interface Protocol {
  connectionMade(transport: Transport): void;
  dataReceived(data: Bytes): void;
  /** A falsy answer closes the transport; a true one keeps it half open. */
  eofReceived(): unknown;
  connectionLost(error: unknown): void;
  pauseWriting(): void;
  resumeWriting(): void;
}

const END_OF_FILE = Symbol("end of file");
const RESET = Symbol("reset");
type Segment = Bytes | typeof END_OF_FILE | typeof RESET;

const DEFAULT_HIGH_WATER = 64 * 1024;

export class Transport {
  peer: Transport | null = null;
  /** Called once this end is lost: a server counts its open connections with it. */
  onLost: (() => void) | null = null;
  private closing = false;
  private lost = false;
  private endOfFileWritten = false;
  private readingPaused = false;
  /** Segments that arrived while reading was paused. */
  private held: Segment[] = [];
  private buffered = 0;
  private writingPaused = false;
  private highWater = DEFAULT_HIGH_WATER;
  private lowWater = DEFAULT_HIGH_WATER / 4;
  /** When this direction's wire is free again: bytes leave one after another at the bandwidth. */
  private wireFreeAt = 0;
  private readonly arriveAtPeer = (segment: Segment) => this.peer?.arrive(segment);

  constructor(
    private readonly loop: EventLoop,
    private readonly protocol: Protocol,
    private readonly link: LinkSettings,
    private readonly sockname: Tuple,
    private readonly peername: Tuple,
  ) {}

  /** "127.0.0.1:8080", for timeline labels. */
  get peerLabel(): string {
    return `${this.peername[0]}:${this.peername[1]}`;
  }

  write(data: BytesLike): void {
    if (!(typeof data === "string" || data instanceof Uint8Array)) {
      throw new TypeError(`data argument must be a bytes-like object or a string, not '${typeName(data)}'`);
    }
    if (this.endOfFileWritten && !this.closing) throw new RuntimeError("Cannot call write() after write_eof()");
    const bytes = toBytes(data);
    // asyncio drops what is written after close().
    if (bytes.length === 0 || this.closing) return;
    this.buffered += bytes.length;
    this.send(bytes);
    if (!this.writingPaused && this.buffered > this.highWater) {
      this.writingPaused = true;
      this.protocol.pauseWriting();
    }
  }

  writelines(lines: Iterable<BytesLike>): void {
    for (const line of lines) this.write(line);
  }

  writeEof(): void {
    if (this.closing || this.endOfFileWritten) return;
    this.endOfFileWritten = true;
    this.send(END_OF_FILE);
  }

  canWriteEof(): boolean {
    return true;
  }

  isClosing(): boolean {
    return this.closing;
  }

  close(): void {
    if (this.closing) return;
    this.closing = true;
    if (!this.endOfFileWritten) {
      this.endOfFileWritten = true;
      this.send(END_OF_FILE);
    }
    this.dropHeld();
    this.loop.scheduleInternal((error: unknown) => this.loseConnection(error), [null]);
  }

  /** Closes at once: the peer's reads fail with ConnectionResetError. */
  abort(): void {
    if (this.lost) return;
    this.closing = true;
    this.send(RESET);
    this.dropHeld();
    this.loop.scheduleInternal((error: unknown) => this.loseConnection(error), [null]);
  }

  getExtraInfo(name: string, fallback: unknown = null): unknown {
    if (name === "peername") return this.peername;
    if (name === "sockname") return this.sockname;
    return fallback;
  }

  isReading(): boolean {
    return !this.readingPaused && !this.closing;
  }

  pauseReading(): void {
    if (this.closing) return;
    this.readingPaused = true;
  }

  resumeReading(): void {
    if (!this.readingPaused) return;
    this.readingPaused = false;
    this.loop.scheduleInternal(() => this.deliverHeld(), []);
  }

  getWriteBufferSize(): number {
    return this.buffered;
  }

  /** set_write_buffer_limits(high=None, low=None), as asyncio's transports compute them. */
  setWriteBufferLimits(high?: number | null | { high?: number; low?: number }, low?: number | null): void {
    if (isOptionsObject(high)) {
      low = option<number | null>(high, "low", null);
      high = option<number | null>(high, "high", null);
    }
    const highMark = high ?? (low == null ? DEFAULT_HIGH_WATER : 4 * low);
    const lowMark = low ?? Math.floor(highMark / 4);
    if (!(highMark >= lowMark && lowMark >= 0)) throw new ValueError(`high (${highMark}) must be >= low (${lowMark}) must be >= 0`);
    this.highWater = highMark;
    this.lowWater = lowMark;
    if (!this.writingPaused && this.buffered > this.highWater) {
      this.writingPaused = true;
      this.protocol.pauseWriting();
    }
  }

  getWriteBufferLimits(): [number, number] {
    return [this.lowWater, this.highWater];
  }

  /** Why a task waits on this connection, for the timeline. */
  waitLabel(what: string): string {
    return `${what} ${this.peerLabel} (${formatSeconds(this.link.latency)} round trip)`;
  }

  __repr__(): string {
    return `<Transport ${this.closing ? "closing" : "open"} peer=${this.peerLabel}>`;
  }

  /** The transport is connected: the protocol learns it. */
  connectionMade(): void {
    this.protocol.connectionMade(this);
  }

  /** This end is gone: the protocol hears connection_lost(error) once. */
  loseConnection(error: unknown): void {
    if (this.lost) return;
    this.lost = true;
    this.closing = true;
    this.dropHeld();
    this.protocol.connectionLost(error);
    this.onLost?.();
  }

  private send(segment: Segment): void {
    const loop = this.loop;
    const size = segment instanceof Uint8Array ? segment.length : 0;
    const start = Math.max(loop.time(), this.wireFreeAt);
    const bandwidth = this.link.bandwidth;
    this.wireFreeAt = start + (Number.isFinite(bandwidth) ? size / bandwidth : 0);
    const arrival = networkDeadline(loop, this.wireFreeAt - loop.time() + this.link.latency / 2);
    loop.callAt(arrival, this.arriveAtPeer, segment);
  }

  private arrive(segment: Segment): void {
    if (this.closing) {
      if (segment instanceof Uint8Array) this.peer?.delivered(segment.length);
      return;
    }
    if (this.readingPaused) this.held.push(segment);
    else this.deliver(segment);
  }

  private deliver(segment: Segment): void {
    if (segment === END_OF_FILE) {
      if (!this.protocol.eofReceived()) this.close();
    } else if (segment === RESET) {
      this.loseConnection(connectionReset());
    } else {
      this.peer?.delivered(segment.length);
      this.protocol.dataReceived(segment);
    }
  }

  private deliverHeld(): void {
    while (this.held.length > 0 && !this.readingPaused && !this.closing) this.deliver(this.held.shift() as Segment);
  }

  private dropHeld(): void {
    for (const segment of this.held) if (segment instanceof Uint8Array) this.peer?.delivered(segment.length);
    this.held = [];
  }

  /** The peer's protocol received `size` of our bytes: they leave our buffer. */
  private delivered(size: number): void {
    this.buffered -= size;
    if (this.writingPaused && this.buffered <= this.lowWater) {
      this.writingPaused = false;
      if (!this.lost) this.protocol.resumeWriting();
    }
  }
}
addSnakeCaseAliases(Transport);
