// Streams (CPython Lib/asyncio/streams.py): StreamReader, StreamWriter and the protocol that
// joins them to a transport. Invariants, as in CPython:
// - one coroutine at a time may wait for data on a reader;
// - the reader's limit bounds a line (readline/readuntil) and, doubled, the buffer: past it the
//   transport stops reading until the buffer is consumed;
// - drain() waits while the transport's write buffer is above its high water mark.

import { Coroutine } from "../asyncio/coroutines.js";
import { getEventLoop } from "../asyncio/events.js";
import { IncompleteReadError, LimitOverrunError, RuntimeError, StopAsyncIteration, ValueError } from "../asyncio/exceptions.js";
import type { Future } from "../asyncio/futures.js";
import type { EventLoop } from "../asyncio/loop.js";
import { sleep } from "../asyncio/sleep.js";
import { repr } from "../builtins/format.js";
import { addSnakeCaseAliases, isOptionsObject, option } from "../python-names.js";
import { ByteBuffer } from "./byte-buffer.js";
import { Bytes, type BytesLike, concatBytes, toBytes } from "./bytes.js";
import { ConnectionResetError } from "./errors.js";
import type { Protocol, Transport } from "./transport.js";

/** 64 KiB, asyncio's _DEFAULT_LIMIT. */
export const DEFAULT_LIMIT = 2 ** 16;

type Step<T> = Generator<unknown, T, unknown>;

export interface StreamReaderOptions {
  limit?: number;
  loop?: EventLoop;
}

export class StreamReader {
  private readonly limit: number;
  private readonly loop: EventLoop;
  private readonly buffer = new ByteBuffer();
  private eof = false;
  private waiter: Future<null> | null = null;
  private error: unknown = null;
  private transport: Transport | null = null;
  private paused = false;

  constructor(limit: number | StreamReaderOptions = DEFAULT_LIMIT, loop?: EventLoop) {
    const options = isOptionsObject(limit) ? limit : { limit, loop };
    const size = option(options, "limit", DEFAULT_LIMIT);
    if (size <= 0) throw new ValueError("Limit cannot be <= 0");
    this.limit = size;
    this.loop = option<EventLoop | undefined>(options, "loop", undefined) ?? getEventLoop();
  }

  exception(): unknown {
    return this.error;
  }

  setException(error: unknown): void {
    this.error = error;
    const waiter = this.waiter;
    if (waiter !== null) {
      this.waiter = null;
      if (!waiter.cancelled()) waiter.setException(error);
    }
  }

  setTransport(transport: Transport): void {
    if (this.transport !== null) throw new RuntimeError("Transport already set");
    this.transport = transport;
  }

  feedEof(): void {
    this.eof = true;
    this.wakeUpWaiter();
  }

  /** True when the buffer is empty and feed_eof() was called. */
  atEof(): boolean {
    return this.eof && this.buffer.length === 0;
  }

  feedData(data: BytesLike): void {
    if (this.eof) throw new RuntimeError("feed_data after feed_eof");
    const bytes = toBytes(data);
    if (bytes.length === 0) return;
    this.buffer.append(bytes);
    this.wakeUpWaiter();
    if (this.transport !== null && !this.paused && this.buffer.length > 2 * this.limit) {
      this.transport.pauseReading();
      this.paused = true;
    }
  }

  /** read(n=-1): up to n bytes as soon as any are there; n < 0 reads to the end of the stream. */
  read(n = -1): Coroutine<Bytes> {
    const reader = this;
    return Coroutine.fromFunction("StreamReader.read", function* () {
      if (reader.error !== null) throw reader.error;
      if (n === 0) return new Bytes(0);
      if (n < 0) {
        const blocks: Bytes[] = [];
        for (;;) {
          const block = (yield reader.read(reader.limit)) as Bytes;
          if (block.length === 0) break;
          blocks.push(block);
        }
        return concatBytes(blocks);
      }
      if (reader.buffer.length === 0 && !reader.eof) yield* reader.waitForData("read");
      const data = reader.buffer.take(n);
      reader.maybeResumeTransport();
      return data;
    });
  }

  /** A line ending in b'\n'; at the end of the stream, what is left (maybe b''). */
  readline(): Coroutine<Bytes> {
    const reader = this;
    return Coroutine.fromFunction("StreamReader.readline", function* () {
      const separator = NEWLINE;
      try {
        return (yield reader.readuntil(separator)) as Bytes;
      } catch (error) {
        if (error instanceof IncompleteReadError) return error.partial as Bytes;
        if (error instanceof LimitOverrunError) {
          const consumed = error.consumed;
          if (reader.buffer.startsWith(separator, consumed)) reader.buffer.discard(consumed + separator.length);
          else reader.buffer.clear();
          reader.maybeResumeTransport();
          throw new ValueError(error.message);
        }
        throw error;
      }
    });
  }

  /**
   * Reads up to and including `separator`, or the one of several (an array, Python 3.13's tuple)
   * that ends first. At the end of the stream without it: IncompleteReadError with what was
   * read. Past the limit: LimitOverrunError, data kept.
   */
  readuntil(separator: BytesLike | BytesLike[] = NEWLINE): Coroutine<Bytes> {
    const reader = this;
    return Coroutine.fromFunction("StreamReader.readuntil", function* () {
      // Shortest first, as CPython sorts them: the earliest end wins, the shortest on a tie.
      const needles = (Array.isArray(separator) ? separator : [separator]).map(toBytes).sort((a, b) => a.length - b.length);
      if (needles.length === 0) throw new ValueError("Separator should contain at least one element");
      const shortest = (needles[0] as Bytes).length;
      const longest = (needles[needles.length - 1] as Bytes).length;
      if (shortest === 0) throw new ValueError("Separator should be at least one-byte string");
      if (reader.error !== null) throw reader.error;
      // `offset`: bytes from the start of the buffer known not to begin a separator.
      let offset = 0;
      let matchStart = -1;
      let matchEnd = -1;
      for (;;) {
        const length = reader.buffer.length;
        if (length - offset >= shortest) {
          for (const needle of needles) {
            const found = reader.buffer.indexOf(needle, offset);
            if (found !== -1 && (matchEnd === -1 || found + needle.length < matchEnd)) {
              matchStart = found;
              matchEnd = found + needle.length;
            }
          }
          if (matchEnd !== -1) break;
          offset = Math.max(0, length + 1 - longest);
          if (offset > reader.limit) throw new LimitOverrunError("Separator is not found, and chunk exceed the limit", offset);
        }
        // The last chunk may have completed the separator: check the buffer before the end of file.
        if (reader.eof) {
          const chunk = reader.buffer.take(reader.buffer.length);
          throw new IncompleteReadError(chunk, null);
        }
        yield* reader.waitForData("readuntil");
      }
      if (matchStart > reader.limit) throw new LimitOverrunError("Separator is found, but chunk is longer than limit", matchStart);
      const chunk = reader.buffer.take(matchEnd);
      reader.maybeResumeTransport();
      return chunk;
    });
  }

  /** Exactly n bytes, or IncompleteReadError with the partial data at the end of the stream. */
  readexactly(n: number): Coroutine<Bytes> {
    const reader = this;
    return Coroutine.fromFunction("StreamReader.readexactly", function* () {
      if (n < 0) throw new ValueError("readexactly size can not be less than zero");
      if (reader.error !== null) throw reader.error;
      if (n === 0) return new Bytes(0);
      while (reader.buffer.length < n) {
        if (reader.eof) {
          const incomplete = reader.buffer.take(reader.buffer.length);
          throw new IncompleteReadError(incomplete, n);
        }
        yield* reader.waitForData("readexactly");
      }
      const data = reader.buffer.take(n);
      reader.maybeResumeTransport();
      return data;
    });
  }

  __aiter__(): StreamReader {
    return this;
  }

  __anext__(): Coroutine<Bytes> {
    const reader = this;
    return Coroutine.fromFunction("StreamReader.__anext__", function* () {
      const line = (yield reader.readline()) as Bytes;
      if (line.length === 0) throw new StopAsyncIteration();
      return line;
    });
  }

  /** `for await (const line of reader)`: the lines up to the end of the stream. */
  [Symbol.asyncIterator](): { next(): Coroutine<IteratorResult<Bytes, undefined>> } {
    const reader = this;
    return {
      next: () =>
        Coroutine.fromFunction(
          "StreamReader.__anext__",
          function* () {
            const line = (yield reader.readline()) as Bytes;
            return line.length === 0 ? { value: undefined, done: true } : { value: line, done: false };
          },
          false,
        ),
    };
  }

  __repr__(): string {
    const info = ["StreamReader"];
    if (this.buffer.length > 0) info.push(`${this.buffer.length} bytes`);
    if (this.eof) info.push("eof");
    if (this.limit !== DEFAULT_LIMIT) info.push(`limit=${this.limit}`);
    if (this.waiter !== null) info.push(`waiter=${repr(this.waiter)}`);
    if (this.error !== null) info.push(`exception=${repr(this.error)}`);
    if (this.transport !== null) info.push(`transport=${repr(this.transport)}`);
    if (this.paused) info.push("paused");
    return `<${info.join(" ")}>`;
  }

  private wakeUpWaiter(): void {
    const waiter = this.waiter;
    if (waiter !== null) {
      this.waiter = null;
      if (!waiter.cancelled()) waiter.setResult(null);
    }
  }

  private maybeResumeTransport(): void {
    if (this.paused && this.buffer.length <= this.limit) {
      this.paused = false;
      this.transport?.resumeReading();
    }
  }

  /** Waits until feed_data() or feed_eof(); resumes a paused transport, which would deadlock otherwise. */
  private *waitForData(functionName: string): Step<void> {
    if (this.waiter !== null) {
      throw new RuntimeError(`${functionName}() called while another coroutine is already waiting for incoming data`);
    }
    if (this.paused) {
      this.paused = false;
      this.transport?.resumeReading();
    }
    const waiter = this.loop.createFuture<null>();
    const label = this.transport === null ? `StreamReader.${functionName}()` : this.transport.waitLabel(`${functionName}() from`);
    waiter.waitTarget = { kind: "network", label };
    this.waiter = waiter;
    try {
      yield waiter;
    } finally {
      this.waiter = null;
    }
  }
}
addSnakeCaseAliases(StreamReader);

const NEWLINE = toBytes("\n");

/** asyncio's FlowControlMixin and StreamReaderProtocol: feeds the reader, makes drain() wait. */
export class StreamReaderProtocol implements Protocol {
  private reader: StreamReader | null;
  private writer: StreamWriter | null = null;
  private paused = false;
  private lost = false;
  private readonly drainWaiters: Future<null>[] = [];
  readonly closed: Future<null>;

  constructor(
    reader: StreamReader | null,
    private readonly clientConnected: ((reader: StreamReader, writer: StreamWriter) => unknown) | null,
    private readonly loop: EventLoop,
  ) {
    this.reader = reader;
    this.closed = loop.createFuture<null>();
  }

  connectionMade(transport: Transport): void {
    const reader = this.reader;
    reader?.setTransport(transport);
    if (this.clientConnected !== null && reader !== null) {
      this.writer = new StreamWriter(transport, this, reader);
      const result = this.clientConnected(reader, this.writer);
      if (result instanceof Coroutine || isGeneratorObject(result)) {
        const task = this.loop.createTask(result as Coroutine);
        // Python 3.12: a handler that fails or is cancelled leaves no connection open behind it.
        task.addDoneCallback(() => {
          if (task.cancelled()) {
            transport.close();
            return;
          }
          const error = task.exception();
          if (error === null) return;
          this.loop.callExceptionHandler({ message: "Unhandled exception in client_connected_cb", exception: error, transport });
          transport.close();
        });
      }
    }
  }

  connectionLost(error: unknown): void {
    const reader = this.reader;
    if (reader !== null) {
      if (error === null || error === undefined) reader.feedEof();
      else reader.setException(error);
    }
    if (!this.closed.done()) {
      if (error === null || error === undefined) this.closed.setResult(null);
      else {
        this.closed.setException(error);
        // Nobody need ask wait_closed() about it: the reader reports it too.
        this.closed.exception();
      }
    }
    this.lost = true;
    if (this.paused) {
      for (const waiter of this.drainWaiters) {
        if (waiter.done()) continue;
        if (error === null || error === undefined) waiter.setResult(null);
        else waiter.setException(error);
      }
    }
    this.reader = null;
    this.writer = null;
  }

  dataReceived(data: Bytes): void {
    this.reader?.feedData(data);
  }

  eofReceived(): boolean {
    this.reader?.feedEof();
    return true;
  }

  pauseWriting(): void {
    this.paused = true;
  }

  resumeWriting(): void {
    this.paused = false;
    for (const waiter of this.drainWaiters) if (!waiter.done()) waiter.setResult(null);
  }

  /** What drain() waits for: nothing unless writing is paused. */
  *drainHelper(transport: Transport): Step<void> {
    if (this.lost) throw new ConnectionResetError("Connection lost");
    if (!this.paused) return;
    const waiter = this.loop.createFuture<null>();
    waiter.waitTarget = { kind: "network", label: transport.waitLabel(`drain() ${transport.getWriteBufferSize()} bytes to`) };
    this.drainWaiters.push(waiter);
    try {
      yield waiter;
    } finally {
      this.drainWaiters.splice(this.drainWaiters.indexOf(waiter), 1);
    }
  }
}

function isGeneratorObject(value: unknown): boolean {
  return Object.prototype.toString.call(value) === "[object Generator]";
}

export class StreamWriter {
  constructor(
    private readonly transportEnd: Transport,
    private readonly protocol: StreamReaderProtocol,
    private readonly reader: StreamReader | null,
  ) {}

  get transport(): Transport {
    return this.transportEnd;
  }

  /** Takes bytes, or a string as its UTF-8 encoding. */
  write(data: BytesLike): void {
    this.transportEnd.write(data);
  }

  writelines(data: Iterable<BytesLike>): void {
    this.transportEnd.writelines(data);
  }

  writeEof(): void {
    this.transportEnd.writeEof();
  }

  canWriteEof(): boolean {
    return this.transportEnd.canWriteEof();
  }

  close(): void {
    this.transportEnd.close();
  }

  isClosing(): boolean {
    return this.transportEnd.isClosing();
  }

  waitClosed(): Coroutine<void> {
    const writer = this;
    return Coroutine.fromFunction("StreamWriter.wait_closed", function* () {
      const closed = writer.protocol.closed;
      if (!closed.done()) closed.waitTarget = { kind: "network", label: writer.transportEnd.waitLabel("wait_closed()") };
      yield closed;
    });
  }

  getExtraInfo(name: string, fallback: unknown = null): unknown {
    return this.transportEnd.getExtraInfo(name, fallback);
  }

  /** Waits until the write buffer is below its low water mark (at once when it never went above the high one). */
  drain(): Coroutine<void> {
    const writer = this;
    return Coroutine.fromFunction("StreamWriter.drain", function* () {
      const error = writer.reader?.exception();
      if (error !== null && error !== undefined) throw error;
      // Let connection_lost() run, so write-then-drain in a loop sees a closed socket.
      if (writer.transportEnd.isClosing()) yield sleep(0);
      yield* writer.protocol.drainHelper(writer.transportEnd);
    });
  }

  __repr__(): string {
    const info = ["StreamWriter", `transport=${repr(this.transportEnd)}`];
    if (this.reader !== null) info.push(`reader=${repr(this.reader)}`);
    return `<${info.join(" ")}>`;
  }
}
addSnakeCaseAliases(StreamWriter);
