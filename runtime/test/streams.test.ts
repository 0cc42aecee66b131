// Streams on the simulated network (CPython Lib/test/test_asyncio/test_streams.py): the
// StreamReader's reads, limits and errors, and servers and clients connected in memory, with
// latency, bandwidth and backpressure on the virtual clock. StreamReader outputs were checked
// against CPython 3.11; network timings follow docs/network.md.
import assert from "node:assert/strict";
import { test } from "node:test";
import { runSnippet, ts } from "./harness.js";
import { expectOutput } from "./run-ok.js";

test("read(n) returns at most n bytes as soon as some are buffered, and waits for data otherwise (test_streams.StreamTests.test_read_line_breaks, test_read)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const reader = new asyncio.StreamReader();
        reader.feedData("line1\\nline2");
        print(await reader.read(5), await reader.read(100));
        asyncio.createTask((async () => { await asyncio.sleep(1); reader.feedData("more"); })());
        print(await reader.read(10), asyncio.getRunningLoop().time());
        print(await reader.read(0));
      }
      asyncio.run(main());
    `,
    "b'line1' b'\\nline2'\nb'more' 1\nb''\n",
  );
});

test("read() with no size reads to the end of the stream, then gives b'' (test_streams.StreamTests.test_read_eof, test_read_until_eof)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const reader = asyncio.StreamReader();
        reader.feedData("chunk1\\n");
        reader.feedData("chunk2");
        reader.feedEof();
        print(await reader.read(), await reader.read(), reader.atEof(), reader.at_eof());
      }
      asyncio.run(main());
    `,
    "b'chunk1\\nchunk2' b'' True True\n",
  );
});

test("readline() returns each line with its newline, then what is left, then b'' (test_streams.StreamTests.test_readline, test_readline_eof)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const reader = asyncio.StreamReader();
        reader.feed_data("line1\\nline2\\nli");
        reader.feed_eof();
        print(await reader.readline(), await reader.readline(), await reader.readline(), await reader.readline());
      }
      asyncio.run(main());
    `,
    "b'line1\\n' b'line2\\n' b'li' b''\n",
  );
});

test("readexactly() returns n bytes or raises IncompleteReadError with the partial data (test_streams.StreamTests.test_readexactly, test_readexactly_eof)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const reader = asyncio.StreamReader();
        reader.feedData("0123456789");
        reader.feedEof();
        print(await reader.readexactly(4), await reader.readexactly(0));
        try {
          await reader.readexactly(10);
        } catch (e) {
          print([e], e.partial, e.expected, e instanceof asyncio.IncompleteReadError);
        }
        try {
          await reader.readexactly(-1);
        } catch (e) {
          print([e]);
        }
      }
      asyncio.run(main());
    `,
    "b'0123' b''\n[IncompleteReadError('6 bytes read on a total of 10 expected bytes')] b'456789' 10 True\n[ValueError('readexactly size can not be less than zero')]\n",
  );
});

test("readuntil() reads through a multi-byte separator; at the end of the stream it raises IncompleteReadError with expected None (test_streams.StreamTests.test_readuntil_separator, test_readuntil_eof)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const reader = asyncio.StreamReader();
        reader.feedData("lineAAA-lineBBB-AA");
        print(await reader.readuntil("AAA-"), await reader.readuntil(new Uint8Array([66, 66, 66, 45])));
        reader.feedEof();
        try {
          await reader.readuntil("AAA");
        } catch (e) {
          print([e], e.partial, e.expected);
        }
        try {
          await reader.readuntil("");
        } catch (e) {
          print([e]);
        }
      }
      asyncio.run(main());
    `,
    "b'lineAAA-' b'lineBBB-'\n[IncompleteReadError('2 bytes read on a total of undefined expected bytes')] b'AA' None\n[ValueError('Separator should be at least one-byte string')]\n",
  );
});

test("readuntil() past the limit raises LimitOverrunError and keeps the data; readline() raises ValueError and drops the line (test_streams.StreamTests.test_readuntil_limit_found_sep, test_readline_limit)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        let reader = asyncio.StreamReader({ limit: 3 });
        reader.feedData("some dataAA");
        try { await reader.readuntil("AA"); } catch (e) { print([e], e.consumed); }
        reader = asyncio.StreamReader({ limit: 3 });
        reader.feedData("some data");
        try { await reader.readuntil("AA"); } catch (e) { print([e], e.consumed); }
        print(reader);
        reader = asyncio.StreamReader({ limit: 7 });
        reader.feedData("1234567\\n12345678\\nend\\n");
        print(await reader.readline());
        try { await reader.readline(); } catch (e) { print([e]); }
        print(await reader.readline());
        try { asyncio.StreamReader({ limit: 0 }); } catch (e) { print([e]); }
      }
      asyncio.run(main());
    `,
    "[LimitOverrunError('Separator is found, but chunk is longer than limit')] 9\n" +
      "[LimitOverrunError('Separator is not found, and chunk exceed the limit')] 8\n" +
      "<StreamReader 9 bytes limit=3>\n" +
      "b'1234567\\n'\n" +
      "[ValueError('Separator is found, but chunk is longer than limit')]\n" +
      "b'end\\n'\n" +
      "[ValueError('Limit cannot be <= 0')]\n",
  );
});

test("set_exception() makes reads raise; two coroutines cannot wait for data at once (test_streams.StreamTests.test_exception, test_multiple_waiters)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        let reader = asyncio.StreamReader();
        reader.setException(new TypeError("boom"));
        try { await reader.read(1); } catch (e) { print("read raised", [e], reader.exception()); }
        reader = asyncio.StreamReader();
        const first = asyncio.createTask(reader.read(1));
        await asyncio.sleep(0);
        try { await reader.readline(); } catch (e) { print([e]); }
        reader.feedData("x");
        print(await first);
      }
      asyncio.run(main());
    `,
    "read raised [TypeError('boom')] boom\n[RuntimeError('readuntil() called while another coroutine is already waiting for incoming data')]\nb'x'\n",
  );
});

test("for await over a reader yields its lines up to the end of the stream (test_streams.StreamTests.test___aiter__)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const reader = asyncio.StreamReader();
        reader.feedData("a\\nb\\nc");
        reader.feedEof();
        const lines = [];
        for await (const line of reader) lines.push(line);
        print(lines);
      }
      asyncio.run(main());
    `,
    "[b'a\\n', b'b\\n', b'c']\n",
  );
});

test("an echo server and its client in one snippet: connect costs a round trip, data half of one each way", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      import network from "network";
      async function handler(reader, writer) {
        const loop = asyncio.getRunningLoop();
        print("server: connection from", writer.getExtraInfo("peername"), "at", loop.time());
        const line = await reader.readline();
        print("server: got", line, "at", loop.time());
        writer.write(line);
        await writer.drain();
        writer.close();
        await writer.waitClosed();
        print("server: closed at", loop.time());
      }
      async function main() {
        network.setLatency("127.0.0.1", 0.2);
        const loop = asyncio.getRunningLoop();
        const server = await asyncio.startServer(handler, "127.0.0.1", 8888);
        const [reader, writer] = await asyncio.openConnection("localhost", 8888);
        print("client: connected at", loop.time(), writer.getExtraInfo("peername"), writer.getExtraInfo("sockname"));
        writer.write("ping\\n");
        print("client: read", await reader.readline(), "at", loop.time());
        print("client: read", await reader.read(), "at", loop.time(), reader.atEof());
        writer.close();
        print(writer.isClosing());
        await writer.waitClosed();
        server.close();
        await server.waitClosed();
        print("done at", loop.time());
      }
      asyncio.run(main());
    `,
    "server: connection from ('127.0.0.1', 50000) at 0.1\n" +
      "client: connected at 0.2 ('127.0.0.1', 8888) ('127.0.0.1', 50000)\n" +
      "server: got b'ping\\n' at 0.3\n" +
      "server: closed at 0.3\n" +
      "client: read b'ping\\n' at 0.4\n" +
      "client: read b'' at 0.4 True\n" +
      "True\n" +
      "done at 0.4\n",
  );
});

test("connecting where nothing listens raises ConnectionRefusedError after a round trip; an unknown name raises gaierror; a bound port cannot be bound again", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      import network from "network";
      async function main() {
        const loop = asyncio.getRunningLoop();
        network.setLatency("127.0.0.1", 0.1);
        try {
          await asyncio.openConnection("127.0.0.1", 9999);
        } catch (e) {
          print(loop.time(), [e], e instanceof network.ConnectionRefusedError, e instanceof network.OSError, e.errno);
          print(e);
        }
        try { await asyncio.openConnection("no.such.host", 80); } catch (e) { print(loop.time(), [e]); }
        const server = await asyncio.startServer(() => {}, "127.0.0.1", 8000);
        try { await asyncio.startServer(() => {}, "localhost", 8000); } catch (e) { print([e]); }
        print(server);
        server.close();
        const again = await asyncio.startServer(() => {}, "127.0.0.1", 8000);
        print(again.isServing());
        again.close();
      }
      asyncio.run(main());
    `,
    `0.1 [ConnectionRefusedError(111, "Connect call failed ('127.0.0.1', 9999)")] True True 111\n` +
      "[Errno 111] Connect call failed ('127.0.0.1', 9999)\n" +
      "0.1 [gaierror(-2, 'Name or service not known')]\n" +
      `[OSError(98, "error while attempting to bind on address ('127.0.0.1', 8000): address already in use")]\n` +
      "<Server sockets=(<asyncio.TransportSocket fd=6, family=2, type=1, proto=6, laddr=('127.0.0.1', 8000)>,)>\n" +
      "True\n",
  );
});

test("drain() waits while the peer does not read: its buffer past twice the limit pauses reading, and the writer's bytes stay buffered (backpressure)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function handler(reader, writer) {
        const loop = asyncio.getRunningLoop();
        await asyncio.sleep(1);
        let total = 0;
        for (;;) {
          const chunk = await reader.read(65536);
          if (chunk.length === 0) break;
          total += chunk.length;
        }
        print("server read", total, "by", loop.time());
        writer.close();
      }
      async function main() {
        const loop = asyncio.getRunningLoop();
        const server = await asyncio.startServer(handler, "127.0.0.1", 8888);
        const [reader, writer] = await asyncio.openConnection("127.0.0.1", 8888);
        const start = loop.time();
        const chunk = new Uint8Array(100_000);
        print(writer.transport.getWriteBufferLimits());
        for (let i = 0; i < 4; i++) {
          writer.write(chunk);
          const buffered = writer.transport.getWriteBufferSize();
          await writer.drain();
          print("chunk", i, "buffered", buffered, "drained after", Math.round((loop.time() - start) * 10000) / 10000);
        }
        writer.close();
        await writer.waitClosed();
        server.close();
        await server.waitClosed();
      }
      asyncio.run(main());
    `,
    "[16384, 65536]\n" +
      "chunk 0 buffered 100000 drained after 0.0005\n" +
      "chunk 1 buffered 100000 drained after 0.001\n" +
      "chunk 2 buffered 100000 drained after 0.9995\n" +
      "chunk 3 buffered 100000 drained after 1\n" +
      "server read 400000 by 1.0015\n",
  );
});

test("bandwidth spreads bytes over time; write_eof() half-closes; writes after it fail and non-bytes are refused", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      import network from "network";
      async function main() {
        const loop = asyncio.getRunningLoop();
        network.configure("127.0.0.1", { latency: 0.1, bandwidth: 1000 });
        print(network.settings("localhost"));
        const server = await asyncio.startServer(async (reader, writer) => {
          const data = await reader.readexactly(1000);
          print("server got", data.length, "bytes at", loop.time());
          writer.writeEof();
          print("server: half closed, closing:", writer.isClosing());
          print("server: rest", await reader.read(), "at", loop.time());
          writer.close();
        }, "127.0.0.1", 7000);
        const [reader, writer] = await asyncio.openConnection("127.0.0.1", 7000);
        writer.write(new Uint8Array(1000));
        print("client: read", await reader.read(), "at", loop.time());
        writer.write("bye");
        writer.writeEof();
        try { writer.write("more"); } catch (e) { print([e]); }
        try { writer.write(42); } catch (e) { print([e]); }
        writer.close();
        await writer.waitClosed();
        server.close();
        await server.waitClosed();
        print("closed at", loop.time());
      }
      asyncio.run(main());
    `,
    "{'latency': 0.1, 'bandwidth': 1000, 'failureRate': 0}\n" +
      "server got 1000 bytes at 1.15\n" +
      "server: half closed, closing: False\n" +
      "client: read b'' at 1.2\n" +
      "[RuntimeError('Cannot call write() after write_eof()')]\n" +
      `[TypeError("data argument must be a bytes-like object or a string, not 'int'")]\n` +
      "server: rest b'bye' at 1.253\n" +
      "closed at 1.253\n",
  );
});

test("abort() resets the connection: the peer's reads and drain raise ConnectionResetError; lines arrive through for await; a server's limit bounds its lines", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const loop = asyncio.getRunningLoop();
        const server = await asyncio.startServer(async (reader, writer) => {
          writer.write("one\\ntwo\\nthree");
          await asyncio.sleep(1);
          writer.transport.abort();
        }, "127.0.0.1", 7001);
        const [reader, writer] = await asyncio.openConnection("127.0.0.1", 7001);
        print(await reader.readline(), await reader.readline());
        try { await reader.readline(); } catch (e) { print("readline raised", [e], "at", loop.time()); }
        try { await writer.drain(); } catch (e) { print("drain raised", [e]); }
        server.close();
        await server.waitClosed();
        const lines = await asyncio.startServer(async (reader, writer) => {
          writer.writelines(["alpha\\n", "beta\\n", "gamma"]);
          writer.close();
        }, "127.0.0.1", 7002);
        const [r2, w2] = await asyncio.openConnection("127.0.0.1", 7002);
        for await (const line of r2) print("line", line);
        w2.close();
        lines.close();
        await lines.waitClosed();
        const limited = await asyncio.startServer(async (reader, writer) => {
          try { await reader.readline(); } catch (e) { print("server readline:", [e]); }
          print("readexactly past the limit:", (await reader.readexactly(20)).length);
          writer.close();
        }, "127.0.0.1", 7003, { limit: 8 });
        const [r3, w3] = await asyncio.openConnection("127.0.0.1", 7003);
        w3.write("a line longer than eight bytes\\n" + "x".repeat(20));
        print(await r3.read());
        w3.close();
        limited.close();
        await limited.waitClosed();
      }
      asyncio.run(main());
    `,
    "b'one\\n' b'two\\n'\n" +
      "readline raised [ConnectionResetError(104, 'Connection reset by peer')] at 1.001\n" +
      "drain raised [ConnectionResetError(104, 'Connection reset by peer')]\n" +
      "line b'alpha\\n'\n" +
      "line b'beta\\n'\n" +
      "line b'gamma'\n" +
      "server readline: [ValueError('Separator is found, but chunk is longer than limit')]\n" +
      "readexactly past the limit: 20\n" +
      "b''\n",
  );
});

test("serve_forever() cancelled closes the server and waits for its open connections (Server.serve_forever, 3.12 wait_closed)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const loop = asyncio.getRunningLoop();
        const server = await asyncio.startServer(async (reader, writer) => {
          print("server: got", await reader.read(), "at", loop.time());
          writer.close();
        }, null, 0);
        const port = server.sockets[0].getsockname()[1];
        print("listening on", server.sockets[0].getsockname());
        const [reader, writer] = await asyncio.openConnection("127.0.0.1", port);
        const serving = asyncio.createTask(server.serveForever());
        await asyncio.sleep(1);
        serving.cancel();
        const closing = asyncio.createTask((async () => {
          try { await serving; } catch (e) { print("serve_forever:", [e], "at", loop.time()); }
        })());
        await asyncio.sleep(1);
        print("serving", server.isServing(), "closed yet", closing.done());
        writer.close();
        await closing;
        try { await asyncio.openConnection("127.0.0.1", port); } catch (e) { print([e]); }
      }
      asyncio.run(main());
    `,
    "listening on ('0.0.0.0', 50000)\n" +
      "serving False closed yet False\n" +
      "server: got b'' at 2.0015\n" +
      "serve_forever: [CancelledError()] at 2.0015\n" +
      `[ConnectionRefusedError(111, "Connect call failed ('127.0.0.1', 50000)")]\n`,
  );
});

test("a handler that raises is reported to the exception handler and its connection closed (Python 3.12)", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import asyncio from "asyncio";
    async function main() {
      const server = await asyncio.startServer(async (reader, writer) => {
        await reader.readline();
        throw new Error("handler failed");
      }, "127.0.0.1", 7005);
      const [reader, writer] = await asyncio.openConnection("127.0.0.1", 7005);
      writer.write("hi\\n");
      print("client read", await reader.read());
      server.close();
      await server.waitClosed();
      print("closed");
    }
    asyncio.run(main());
  `);
  assert.equal(error, undefined);
  assert.equal(stdout, "client read b''\nclosed\n");
  assert.match(
    stderr,
    /^Unhandled exception in client_connected_cb\ntransport: <Transport open peer=127\.0\.0\.1:50000>\n(?:Traceback \(most recent call last\):\n(?: {2}.*\n)+)?Error: handler failed\n/,
  );
});

test("a failure rate of 1 makes every connection attempt fail with ConnectionResetError", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      import network from "network";
      async function main() {
        network.setFailureRate("127.0.0.1", 1);
        const server = await asyncio.startServer(() => {}, "127.0.0.1", 7004);
        try { await asyncio.openConnection("127.0.0.1", 7004); } catch (e) { print([e]); }
        server.close();
        try { network.setFailureRate("127.0.0.1", 2); } catch (e) { print([e]); }
      }
      asyncio.run(main());
    `,
    "[ConnectionResetError(104, 'Connection reset by peer')]\n[ValueError('failure rate must be a probability between 0 and 1, got 2')]\n",
  );
});

test("a task waiting on a connection shows it on the timeline as a network wait", async () => {
  const { events, error } = await runSnippet(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const server = await asyncio.startServer(async (reader, writer) => {
          await asyncio.sleep(1);
          writer.write("late\\n");
          writer.close();
        }, "127.0.0.1", 7006);
        const [reader, writer] = await asyncio.openConnection("127.0.0.1", 7006);
        await reader.readline();
        writer.close();
        server.close();
      }
      asyncio.run(main());
    `,
    { events: true },
  );
  assert.equal(error, undefined);
  const labels = events.flatMap((event) =>
    event.type === "task-state" && event.waitingOn?.kind === "network" ? [event.waitingOn.label] : [],
  );
  assert.deepEqual(labels, ["connect 127.0.0.1:7006 (0.001s round trip)", "readuntil() from 127.0.0.1:7006 (0.001s round trip)"]);
});

test("readuntil() with several separators stops at the one that ends first (Python 3.13; test_streams.StreamTests.test_readuntil_multi_chunks_1, test_readuntil_multiple_separators)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const reader = asyncio.StreamReader();
        reader.feed_data("key=value;next\\r\\nrest|");
        reader.feed_eof();
        print(await reader.readuntil(["\\r\\n", ";"]), await reader.readuntil(["\\r\\n", "\\n"]));
        try { await reader.readuntil([]); } catch (e) { print([e]); }
        print(await reader.readuntil(["|", "st|"]));
      }
      asyncio.run(main());
    `,
    "b'key=value;' b'next\\r\\n'\n[ValueError('Separator should contain at least one element')]\nb'rest|'\n",
  );
});

test("Server.closeClients() closes the connections it accepted (Python 3.13; test_server.TestServer2.test_close_clients)", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      async function main() {
        const server = await asyncio.startServer(async (reader, writer) => { await reader.read(); }, "127.0.0.1", 8765);
        const [reader, writer] = await asyncio.openConnection("127.0.0.1", 8765);
        await asyncio.sleep(0.1);
        server.closeClients();
        print(await reader.read());
        server.close();
        await server.waitClosed();
        print("closed");
      }
      asyncio.run(main());
    `,
    "b''\nclosed\n",
  );
});
