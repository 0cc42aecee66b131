// requests, urllib and pyquery, the blocking clients and the HTML queries of the seeds'
// examples: a blocking call stops the loop, spends only its thread's time in run_in_executor,
// and lets other greenlets run under gevent's monkey.patch_all().
import assert from "node:assert/strict";
import { test } from "node:test";
import { runSnippet, ts } from "./harness.js";
import { expectOutput } from "./run-ok.js";

test("requests: a Response with status_code, json(), headers; raise_for_status; ConnectionError; redirects with history", async () => {
  await expectOutput(
    ts`
      import requests from "requests";
      import time from "time";
      const start = time.monotonic();
      const r = requests.get("http://httpbin.org/get", { params: { q: 1 } });
      print(r, r.status_code, r.ok, r.json().args, r.headers["content-type"], time.monotonic() - start);
      try { requests.get("http://site.example/missing").raiseForStatus(); } catch (e) { print([e]); }
      try { requests.get("http://nowhere.invalid/"); } catch (e) { print([e], e instanceof requests.exceptions.RequestException); }
      print(requests.post("http://httpbin.org/post", { data: { a: "b" } }).json().form);
      const redirected = requests.get("http://httpbin.org/redirect/2");
      print(redirected.url, redirected.history, redirected.text.length);
    `,
    "<Response [200]> 200 True {'q': '1'} application/json 0.2\n" +
      "[HTTPError('404 Client Error: Not Found for url: http://site.example/missing')]\n" +
      `[ConnectionError("HTTPConnectionPool(host='nowhere.invalid', port=80): Max retries exceeded with url: / (Caused by gaierror: [Errno -2] Name or service not known)")] True\n` +
      "{'a': 'b'}\n" +
      "http://httpbin.org/get [<Response [302]>, <Response [302]>] 190\n",
  );
});

test("urllib.request.urlopen reads the body in parts; HTTPError for 5xx, URLError for an unknown host", async () => {
  await expectOutput(
    ts`
      import { error, parse, request } from "urllib";
      const response = request.urlopen("http://example.com/");
      print(response.status, response.getcode(), response.read(15), response.read(5), response.getheader("Content-Type"));
      try { request.urlopen("http://site.example/error"); } catch (e) { print([e], e, e.code, e instanceof error.URLError); }
      try { request.urlopen("http://nowhere.invalid/"); } catch (e) { print([e], e); }
      print(parse.urlencode({ q: "a b", n: 1 }), parse.urljoin("http://example.com/a/b", "../c"));
    `,
    "200 200 b'<!DOCTYPE html>' b'\\n<htm' text/html; charset=utf-8\n" +
      "[<HTTPError 500: 'Internal Server Error'>] HTTP Error 500: Internal Server Error 500 True\n" +
      "[URLError(gaierror(-2, 'Name or service not known'))] <urlopen error [Errno -2] Name or service not known>\n" +
      "q=a+b&n=1 http://example.com/c\n",
  );
});

test("a blocking request in a coroutine stops the loop; in run_in_executor it takes only its thread's time", async () => {
  await expectOutput(
    ts`
      import asyncio from "asyncio";
      import requests from "requests";
      async function main() {
        const loop = asyncio.getRunningLoop();
        const ticker = asyncio.createTask(asyncio.sleep(0.05));
        requests.get("http://example.com/");
        print("blocked for", Math.round(loop.time() * 1e6) / 1e6, "and the ticker waited:", ticker.done());
        const start = loop.time();
        const pages = await asyncio.gather(...[1, 2, 3].map((n) => loop.runInExecutor(null, requests.get, \`http://site.example/page/\${n}\`)));
        print(pages.map((page) => page.status_code), "three threads took", Math.round((loop.time() - start) * 1e6) / 1e6);
      }
      asyncio.run(main());
    `,
    "blocked for 0.2 and the ticker waited: False\n[200, 200, 200] three threads took 0.2\n",
  );
});

test("after gevent's monkey.patch_all(), urlopen in greenlets overlaps and the timeline shows it as a network wait", async () => {
  const { stdout, events, error } = await runSnippet(
    ts`
      import gevent, { monkey } from "gevent";
      import time from "time";
      import { request } from "urllib";
      monkey.patchAll();
      async function f(url) {
        const data = (await request.urlopen(url)).read();
        print(data.length, "bytes from", url);
      }
      const start = time.time();
      gevent.joinall([gevent.spawn(f, "https://itk.org/"), gevent.spawn(f, "https://zhihu.com/")]);
      print(Math.round((time.time() - start) * 1e6) / 1e6);
    `,
    { events: true },
  );
  assert.equal(error, undefined);
  assert.equal(stdout, "235 bytes from https://itk.org/\n315 bytes from https://zhihu.com/\n0.2\n");
  const labels = events.flatMap((event) =>
    event.type === "task-state" && event.waitingOn?.kind === "network" ? [event.waitingOn.label] : [],
  );
  assert.deepEqual(labels, ["GET https://itk.org/ (0.1s round trip)", "GET https://zhihu.com/ (0.1s round trip)"]);
});

test("pyquery: selectors by tag, #id, .class, [attr], descendant and child; text(), attr(), html(), items(), eq(), parent(), children()", async () => {
  await expectOutput(
    ts`
      import { PyQuery } from "pyquery";
      const pq = PyQuery(\`<html><body><div id="main" class="box wide"><h1>Title</h1><p>One <b>bold</b>   word</p>
        <ul><li><a href="/a">A</a></li><li><a href="/b" class="x">B</a></li></ul></div><br>tail &amp; more<script>var x = "<p>";</script></body></html>\`);
      print(pq("h1").text(), "|", pq("#main p").text(), "|", pq("li a").text(), "|", pq("a.x").attr("href"), pq("a").attr("title"));
      print(pq.items("ul > li a").map((a) => a.attr("href")), pq("div.box.wide > h1").length, pq("div > a").length, pq("a[href='/b']").text());
      print(JSON.stringify(pq("#main").text()));
      print(pq("ul").html());
      print(pq("li").eq(1).text(), pq("a").parent().length, pq("ul").children().length, pq("li:first-child a").text(), pq("p").length);
      try { PyQuery(null); } catch (e) { print([e]); }
    `,
    "Title | One bold word | A B | /b None\n" +
      "['/a', '/b'] 1 0 B\n" +
      '"Title\\nOne bold word\\nA\\nB"\n' +
      '<li><a href="/a">A</a></li><li><a href="/b" class="x">B</a></li>\n' +
      "B 2 2 A 1\n" +
      "[ValueError('PyQuery() needs HTML text, got NoneType (did the request fail?)')]\n",
  );
});
