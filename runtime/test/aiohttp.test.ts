// The aiohttp client and aiohttp.web on the simulated network: statuses, bodies and errors,
// connection limits and reuse, timeouts, redirects, and the latency arithmetic of the virtual
// clock (docs/network.md: a new connection costs a round trip, each request another).
import assert from "node:assert/strict";
import { test } from "node:test";
import type { RuntimeEvent } from "../src/index.js";
import { runSnippet, ts } from "./harness.js";
import { expectOutput } from "./run-ok.js";

test("a GET answers with status, reason, headers and a body read as text, bytes or JSON", async () => {
  await expectOutput(
    ts`
      import aiohttp from "aiohttp";
      import asyncio from "asyncio";
      async function main() {
        await asyncio.asyncWith(aiohttp.ClientSession(), async (session) => {
          await asyncio.asyncWith(session.get("http://example.com/"), async (response) => {
            print(response.status, response.reason, response.ok, response.url, [response.url]);
            print(response.headers["content-type"], response.headers.get("Content-Length"), response.contentType, response.charset);
            const text = await response.text();
            print(text.split("\\n")[4], text.length, (await response.read()).length);
          });
          const response = await session.get("http://httpbin.org/get", { params: { q: "async io", page: 2 } });
          const data = await response.json();
          print(data.args, data.url, data.headers["User-Agent"]);
          const posted = await session.post("http://httpbin.org/post", { json: { name: "Looplab", tags: ["a", "b"] } });
          print((await posted.json()).json);
          const form = await session.post("http://httpbin.org/post", { data: { city: "Beijing" } });
          print((await form.json()).form);
        });
      }
      asyncio.run(main());
    `,
    "200 OK True http://example.com/ [URL('http://example.com/')]\n" +
      "text/html; charset=utf-8 399 text/html utf-8\n" +
      "<title>Example Domain</title> 399 399\n" +
      "{'q': 'async io', 'page': '2'} http://httpbin.org/get?q=async+io&page=2 Python/3.12 aiohttp/3.9.5\n" +
      "{'name': 'Looplab', 'tags': ['a', 'b']}\n" +
      "{'city': 'Beijing'}\n",
  );
});

test("latency arithmetic: a new connection costs a round trip and a request another; a reused connection only the request; slow pages and bandwidth add their time", async () => {
  await expectOutput(
    ts`
      import aiohttp from "aiohttp";
      import asyncio from "asyncio";
      import network from "network";
      const round = (seconds) => Math.round(seconds * 1e6) / 1e6;
      async function main() {
        const loop = asyncio.getRunningLoop();
        network.setLatency("example.com", 0.05);
        await asyncio.asyncWith(aiohttp.ClientSession(), async (session) => {
          for (let i = 0; i < 3; i++) {
            const start = loop.time();
            await asyncio.asyncWith(session.get("http://example.com/"), async (response) => { await response.text(); });
            print("sequential request", i, "took", round(loop.time() - start));
          }
        });
        const start = loop.time();
        await asyncio.asyncWith(aiohttp.ClientSession(), async (session) => {
          const fetch = async (url) => {
            const response = await session.get(url);
            return [(await response.read()).length, round(loop.time() - start)];
          };
          print(await asyncio.gather(fetch("http://example.com/"), fetch("http://example.com/"), fetch("http://httpbin.org/delay/2")));
        });
        network.setBandwidth("httpbin.org", 1000);
        await asyncio.asyncWith(aiohttp.ClientSession(), async (session) => {
          const begin = loop.time();
          const response = await session.get("http://httpbin.org/bytes/500");
          print("headers after", round(loop.time() - begin), "length", response.contentLength);
          const body = await response.read();
          print("body after", round(loop.time() - begin), body.length);
        });
      }
      asyncio.run(main());
    `,
    "sequential request 0 took 0.1\n" +
      "sequential request 1 took 0.05\n" +
      "sequential request 2 took 0.05\n" +
      "[[399, 0.1], [399, 0.1], [237, 2.2]]\n" +
      "headers after 0.2 length 500\n" +
      "body after 0.7 500\n",
  );
});

test("TCPConnector(limit) holds requests beyond the limit until a response is released; limit_per_host counts per host", async () => {
  await expectOutput(
    ts`
      import aiohttp from "aiohttp";
      import asyncio from "asyncio";
      async function main() {
        const loop = asyncio.getRunningLoop();
        const connector = aiohttp.TCPConnector({ limit: 2 });
        print(connector.limit, connector.limit_per_host);
        await asyncio.asyncWith(aiohttp.ClientSession({ connector }), async (session) => {
          const fetch = async (n) => {
            await asyncio.asyncWith(session.get(\`http://site.example/page/\${n}\`), async (response) => {
              await response.text();
              print("page", n, "done at", loop.time());
            });
          };
          await asyncio.gather(...[1, 2, 3, 4, 5].map(fetch));
        });
        print(connector.closed);
        const perHost = aiohttp.TCPConnector({ limit: 10, limitPerHost: 1 });
        await asyncio.asyncWith(aiohttp.ClientSession({ connector: perHost }), async (session) => {
          const start = loop.time();
          const fetch = async (url) => {
            const response = await session.get(url);
            await response.read();
            return [url, Math.round((loop.time() - start) * 1e6) / 1e6];
          };
          print(await asyncio.gather(fetch("http://example.com/"), fetch("http://example.com/"), fetch("http://httpbin.org/get")));
        });
      }
      asyncio.run(main());
    `,
    "2 0\n" +
      "page 1 done at 0.2\n" +
      "page 2 done at 0.2\n" +
      "page 3 done at 0.3\n" +
      "page 4 done at 0.3\n" +
      "page 5 done at 0.4\n" +
      "True\n" +
      "[['http://example.com/', 0.2], ['http://example.com/', 0.3], ['http://httpbin.org/get', 0.2]]\n",
  );
});

test("a response not released keeps its connection: with limit 1 the next request waits on the connector, shown on the timeline", async () => {
  const { stdout, events, error } = await runSnippet(
    ts`
      import aiohttp from "aiohttp";
      import asyncio from "asyncio";
      async function main() {
        const loop = asyncio.getRunningLoop();
        await asyncio.asyncWith(aiohttp.ClientSession({ connector: aiohttp.TCPConnector({ limit: 1 }) }), async (session) => {
          const first = await session.get("http://example.com/");
          const second = asyncio.ensureFuture(session.get("http://httpbin.org/get"));
          await asyncio.sleep(5);
          print("second done at 5:", second.done());
          first.release();
          const response = await second;
          print(response.status, "at", loop.time());
        });
      }
      asyncio.run(main());
    `,
    { events: true },
  );
  assert.equal(error, undefined);
  assert.equal(stdout, "second done at 5: False\n200 at 5.4\n");
  const waits = events.flatMap((event) =>
    event.type === "task-state" && event.waitingOn ? [`${event.waitingOn.kind}: ${event.waitingOn.label}`] : [],
  );
  assert.ok(waits.includes("semaphore: TCPConnector #1 (limit 1): no free connection"), waits.join("\n"));
  assert.ok(waits.includes("network: GET http://example.com/ (0.1s round trip)"), waits.join("\n"));
  assert.ok(waits.includes("network: connect httpbin.org:80 (0.1s round trip)"), waits.join("\n"));
});

test("raise_for_status() raises ClientResponseError for 4xx and 5xx; a session can raise for every response", async () => {
  await expectOutput(
    ts`
      import aiohttp from "aiohttp";
      import asyncio from "asyncio";
      async function main() {
        await asyncio.asyncWith(aiohttp.ClientSession(), async (session) => {
          for (const url of ["http://site.example/missing", "http://site.example/error", "http://httpbin.org/status/418", "http://httpbin.org/status/204"]) {
            const response = await session.get(url);
            print(response.status, response.reason, response.ok);
            try {
              response.raiseForStatus();
            } catch (e) {
              print([e], e.status, e.reason, e instanceof aiohttp.ClientResponseError, e instanceof aiohttp.ClientError);
            }
          }
        });
        await asyncio.asyncWith(aiohttp.ClientSession({ raiseForStatus: true }), async (session) => {
          try { await session.get("http://site.example/missing"); } catch (e) { print("session:", e); }
        });
      }
      asyncio.run(main());
    `,
    "404 Not Found False\n" +
      `[ClientResponseError("404, message='Not Found', url='http://site.example/missing'")] 404 Not Found True True\n` +
      "500 Internal Server Error False\n" +
      `[ClientResponseError("500, message='Internal Server Error', url='http://site.example/error'")] 500 Internal Server Error True True\n` +
      "418 I'm a teapot False\n" +
      `[ClientResponseError('418, message="I\\'m a teapot", url=\\'http://httpbin.org/status/418\\'')] 418 I'm a teapot True True\n` +
      "204 No Content True\n" +
      "session: 404, message='Not Found', url='http://site.example/missing'\n",
  );
});

test("connection errors: a closed port, an unknown host, a bad URL, a failing host, a total timeout; json() on HTML raises ContentTypeError", async () => {
  await expectOutput(
    ts`
      import aiohttp from "aiohttp";
      import asyncio from "asyncio";
      import network from "network";
      async function main() {
        const loop = asyncio.getRunningLoop();
        await asyncio.asyncWith(aiohttp.ClientSession(), async (session) => {
          try { await session.get("http://example.com:81/"); } catch (e) { print([e], e instanceof aiohttp.ClientConnectionError, loop.time()); }
          try { await session.get("http://no.such.site/"); } catch (e) { print([e], loop.time()); }
          try { await session.get("ftp://example.com/"); } catch (e) { print([e]); }
          network.setFailureRate("httpbin.org", 1);
          try { await session.get("http://httpbin.org/get"); } catch (e) { print([e], loop.time()); }
          network.setFailureRate("httpbin.org", 0);
          const start = loop.time();
          try {
            await session.get("http://httpbin.org/delay/3", { timeout: aiohttp.ClientTimeout({ total: 1 }) });
          } catch (e) {
            print([e], e instanceof asyncio.TimeoutError, loop.time() - start);
          }
          try { await (await session.get("http://example.com/")).json(); } catch (e) { print([e]); }
          print(aiohttp.ClientTimeout({ total: 5 }));
        });
      }
      asyncio.run(main());
    `,
    `[ClientConnectorError("Cannot connect to host example.com:81 ssl:default [Connect call failed ('example.com', 81)]")] True 0.1\n` +
      "[ClientConnectorError('Cannot connect to host no.such.site:80 ssl:default [Name or service not known]')] 0.1\n" +
      "[InvalidURL('ftp://example.com/')]\n" +
      "[ServerDisconnectedError('Server disconnected')] 0.3\n" +
      "[TimeoutError()] True 1\n" +
      `[ContentTypeError("200, message='Attempt to decode JSON with unexpected mimetype: text/html', url='http://example.com/'")]\n` +
      "ClientTimeout(total=5, connect=None, sock_read=None, sock_connect=None, ceil_threshold=5)\n",
  );
});

test("redirects are followed with their history; max_redirects and allow_redirects limit them", async () => {
  await expectOutput(
    ts`
      import aiohttp from "aiohttp";
      import asyncio from "asyncio";
      async function main() {
        await asyncio.asyncWith(aiohttp.ClientSession(), async (session) => {
          const response = await session.get("http://httpbin.org/redirect/3");
          print(response.status, response.url, response.history.map((r) => r.status), asyncio.getRunningLoop().time());
          try { await session.get("http://httpbin.org/redirect/3", { maxRedirects: 1 }); } catch (e) { print([e]); }
          const kept = await session.get("http://site.example/redirect", { allowRedirects: false });
          print(kept.status, kept.headers.get("Location"));
        });
      }
      asyncio.run(main());
    `,
    "200 http://httpbin.org/get [302, 302, 302] 0.5\n" +
      `[TooManyRedirects("302, message='Too many redirects', url='http://httpbin.org/redirect/2'")]\n` +
      "302 /\n",
  );
});

test("aiohttp.web: a snippet serves its own app (path parameters, JSON, 404, 405, HTTPException, a failing handler as 500) to aiohttp and to a raw stream", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import aiohttp, { web } from "aiohttp";
    import asyncio from "asyncio";
    async function hello(request) {
      await asyncio.sleep(0.5);
      return web.Response({ text: \`Hello, \${request.matchInfo.name}\` });
    }
    async function add(request) {
      const data = await request.json();
      return web.jsonResponse({ sum: data.a + data.b, query: request.query });
    }
    async function broken(request) {
      throw new Error("oops");
    }
    async function gone(request) {
      throw new web.HTTPNotFound({ text: "no such thing" });
    }
    async function main() {
      const loop = asyncio.getRunningLoop();
      const app = web.Application();
      app.router.addGet("/hello/{name}", hello);
      app.router.add_post("/add", add);
      app.router.addGet("/broken", broken);
      app.addRoutes([web.get("/gone", gone)]);
      const runner = web.AppRunner(app);
      await runner.setup();
      const site = web.TCPSite(runner, "localhost", 8080);
      await site.start();
      await asyncio.asyncWith(aiohttp.ClientSession(), async (session) => {
        const start = loop.time();
        let response = await session.get("http://localhost:8080/hello/Looplab");
        print(response.status, await response.text(), loop.time() - start);
        response = await session.post("http://127.0.0.1:8080/add?x=1", { json: { a: 2, b: 3 } });
        print(response.status, response.contentType, await response.json());
        for (const path of ["/nope", "/add", "/gone", "/broken"]) {
          response = await session.get(\`http://localhost:8080\${path}\`);
          print(path, response.status, JSON.stringify(await response.text()));
        }
      });
      const [reader, writer] = await asyncio.openConnection("localhost", 8080);
      writer.write("GET /hello/stream HTTP/1.1\\r\\nHost: localhost\\r\\n\\r\\n");
      print(JSON.stringify((await reader.read()).decode()));
      writer.close();
      await runner.cleanup();
      try { await asyncio.openConnection("localhost", 8080); } catch (e) { print([e]); }
    }
    asyncio.run(main());
  `);
  assert.equal(error, undefined);
  assert.equal(
    stdout,
    "200 Hello, Looplab 0.502\n" +
      "200 application/json {'sum': 5, 'query': {'x': '1'}}\n" +
      '/nope 404 "404: Not Found"\n' +
      '/add 405 "405: Method Not Allowed"\n' +
      '/gone 404 "no such thing"\n' +
      '/broken 500 "500 Internal Server Error\\n\\nServer got itself in trouble"\n' +
      '"HTTP/1.1 200 OK\\r\\nContent-Type: text/plain; charset=utf-8\\r\\nContent-Length: 13\\r\\nConnection: close\\r\\n\\r\\nHello, stream"\n' +
      `[ConnectionRefusedError(111, "Connect call failed ('127.0.0.1', 8080)")]\n`,
  );
  // Inside the sandbox the traceback comes first, in TypeScript lines; the runtime alone writes JavaScript's stack after.
  assert.match(stderr, /^Error handling request\n(Traceback \(most recent call last\):\n( {2}.*\n)+)?Error: oops\n/);
});

test("a request never awaited and a session never closed are reported when the run ends, as CPython and aiohttp report them", async () => {
  const { stdout, stderr, error } = await runSnippet(ts`
    import aiohttp from "aiohttp";
    import asyncio from "asyncio";
    async function main() {
      const session = aiohttp.ClientSession();
      session.get("http://example.com/");
      await using response = await session.get("http://example.com/");
      print(response.status, response.closed);
    }
    asyncio.run(main());
  `);
  assert.equal(error, undefined);
  assert.equal(stdout, "200 False\n");
  assert.equal(
    stderr,
    "RuntimeWarning: coroutine 'ClientSession._request' was never awaited\nUnclosed client session\nclient_session: <aiohttp.client.ClientSession object>\n",
  );
});

/** The largest number of tasks waiting on the network at once, replaying task-state events. */
function maxInFlight(events: RuntimeEvent[]): number {
  const waitingOnNetwork = new Set<number>();
  let max = 0;
  for (const event of events) {
    if (event.type !== "task-state") continue;
    if (event.state === "waiting" && event.waitingOn?.kind === "network") waitingOnNetwork.add(event.taskId);
    else waitingOnNetwork.delete(event.taskId);
    max = Math.max(max, waitingOnNetwork.size);
  }
  return max;
}

const CRAWLER = (limit: string) => ts`
  import aiohttp from "aiohttp";
  import asyncio from "asyncio";
  const sem = asyncio.Semaphore(${limit});
  async function fetch(session, n) {
    return await asyncio.asyncWith(sem, async () => {
      return await asyncio.asyncWith(session.get(\`http://site.example/page/\${n}\`), async (response) => {
        return (await response.text()).length;
      });
    });
  }
  async function main() {
    await asyncio.asyncWith(aiohttp.ClientSession(), async (session) => {
      const lengths = await asyncio.gather(...Array.from({ length: 100 }, (_, i) => fetch(session, i + 1)));
      print(lengths.length, "pages in", asyncio.getRunningLoop().time(), "seconds");
    });
  }
  asyncio.run(main());
`;

test("a crawler fetching 100 pages under Semaphore(3) never has more than three requests in flight on the timeline", async () => {
  const { stdout, events, error } = await runSnippet(CRAWLER("3"), { events: true });
  assert.equal(error, undefined);
  assert.equal(stdout, "100 pages in 7.3 seconds\n");
  assert.equal(maxInFlight(events), 3);
  // Without the semaphore all hundred go at once (the connector's default limit is 100).
  const unlimited = await runSnippet(CRAWLER("1000"), { events: true });
  assert.equal(unlimited.stdout, "100 pages in 1.2 seconds\n");
  assert.equal(maxInFlight(unlimited.events), 100);
});
