// The HTTP API and pages against the real server: cached program runs, snippets, pages with
// the right framing headers, and refusals that name the field or the limit.

import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import type { HttpErrorBody, RunResponse, SaveSnippetResponse, SnippetResponse } from "../src/protocol.js";
import { startTestServer, type TestServer } from "./helpers/test-server.js";

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

function post(route: string, body: unknown): Promise<Response> {
  return fetch(`${server.url}${route}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

const SEEDED = `import asyncio from "asyncio";\nimport random from "random";\nasync function main() { await asyncio.sleep(2); print(random.randint(1, 1000)); }\nasyncio.run(main());`;

describe("POST /api/run", () => {
  test("returns every event of the run, the end last", async () => {
    const response = await post("/api/run", { code: SEEDED, options: { seed: 7 } });
    assert.equal(response.status, 200);
    const { events } = (await response.json()) as RunResponse;
    const end = events.at(-1)!;
    assert.ok(end.type === "end" && end.reason === "completed" && end.counters.virtualSeconds === 2);
    assert.ok(events.some((event) => event.type === "task-spawned" && event.coroutine === "main"));
    assert.equal(events.filter((event) => event.type === "output").length, 1);
  });

  test("an identical request is answered from the cache with the same body; other options are not", async () => {
    const code = `print("cache me", ${Math.random()})`;
    const first = await post("/api/run", { code, options: { seed: 1 } });
    const second = await post("/api/run", { code, options: { seed: 1 } });
    const other = await post("/api/run", { code, options: { seed: 2 } });
    assert.equal(first.headers.get("x-cache"), "miss");
    assert.equal(second.headers.get("x-cache"), "hit");
    assert.equal(other.headers.get("x-cache"), "miss");
    assert.equal(await second.text(), await first.text());
  });

  test("a bad body is a 400 naming the field; invalid JSON a 400", async () => {
    const wrong = await post("/api/run", { code: "print(1)", options: { clock: "sundial" } });
    assert.equal(wrong.status, 400);
    assert.equal(((await wrong.json()) as HttpErrorBody).field, "options.clock");
    const missing = await post("/api/run", { options: {} });
    assert.equal(((await missing.json()) as HttpErrorBody).field, "code");
    const garbage = await post("/api/run", "{{{");
    assert.equal(garbage.status, 400);
    assert.deepEqual(await garbage.json(), { error: "the body is not valid JSON" });
  });

  test("a body over the size limit is a 413 naming the limit", async () => {
    const response = await post("/api/run", { code: "x".repeat(server.config.maxBodyBytes + 10) });
    assert.equal(response.status, 413);
    assert.equal(((await response.json()) as HttpErrorBody).limit, "body-size");
  });

  test("any origin may call it (CORS), for embeds on other sites", async () => {
    const response = await fetch(`${server.url}/api/run`, {
      method: "OPTIONS",
      headers: {
        Origin: "https://blog.example",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
      },
    });
    assert.equal(response.headers.get("access-control-allow-origin"), "*");
  });
});

describe("snippets", () => {
  test("POST /api/snippets answers an id and a link; GET /api/snippets/:id gives it back", async () => {
    const response = await post("/api/snippets", { code: "print('saved')", title: "Saved" });
    assert.equal(response.status, 201);
    const { id, url } = (await response.json()) as SaveSnippetResponse;
    assert.equal(url, `/s/${id}`, "without LOOPLAB_PUBLIC_URL the link is a path, never built from the Host header");
    const loaded = await fetch(`${server.url}/api/snippets/${id}`);
    const snippet = (await loaded.json()) as SnippetResponse;
    assert.equal(snippet.code, "print('saved')");
    assert.equal(snippet.title, "Saved");
    assert.equal(snippet.id, id);
    assert.ok(!Number.isNaN(Date.parse(snippet.createdAt)));
    const again = (await (await post("/api/snippets", { code: "print('saved')", title: "Saved" })).json()) as SaveSnippetResponse;
    assert.equal(again.id, id);
  });

  test("an unknown or malformed id is a 404", async () => {
    assert.equal((await fetch(`${server.url}/api/snippets/AAAAAAAAAA`)).status, 404);
    assert.equal((await fetch(`${server.url}/api/snippets/no%20such`)).status, 404);
  });

  test("a bad body is a 400 naming the field; code over the snippet limit a 413", async () => {
    const wrong = await post("/api/snippets", { code: "x", title: 5 });
    assert.equal(wrong.status, 400);
    assert.equal(((await wrong.json()) as HttpErrorBody).field, "title");
    const huge = await post("/api/snippets", { code: "x".repeat(server.config.runLimits.snippetBytes + 1) });
    assert.equal(huge.status, 413);
    assert.equal(((await huge.json()) as HttpErrorBody).limit, "snippet-size");
  });
});

describe("pages and headers", () => {
  test("before the web app is built, /s/:id says so and shows the snippet's code, escaped", async () => {
    const { id } = (await (await post("/api/snippets", { code: "print('<script>alert(1)</script>')" })).json()) as SaveSnippetResponse;
    const page = await fetch(`${server.url}/s/${id}`);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /web app is not built/);
    assert.match(html, /print\(&#39;&lt;script&gt;alert\(1\)&lt;\/script&gt;&#39;\)/);
    assert.doesNotMatch(html, /<script>/);
  });

  test("/embed/* may be framed by any origin; every other page by none", async () => {
    const { id } = (await (await post("/api/snippets", { code: "print('framed')" })).json()) as SaveSnippetResponse;
    const embed = await fetch(`${server.url}/embed/${id}`);
    assert.equal(embed.status, 200);
    assert.match(embed.headers.get("content-security-policy")!, /frame-ancestors \*/);
    assert.equal(embed.headers.get("x-frame-options"), null);
    for (const route of [`/s/${id}`, "/", "/healthz"]) {
      const response = await fetch(`${server.url}${route}`);
      assert.match(response.headers.get("content-security-policy")!, /frame-ancestors 'none'/, route);
      assert.match(response.headers.get("content-security-policy")!, /default-src 'self'; script-src 'self'/, route);
      assert.equal(response.headers.get("x-frame-options"), "DENY", route);
      assert.equal(response.headers.get("x-content-type-options"), "nosniff", route);
    }
  });

  test("a page for an unknown snippet is a 404", async () => {
    assert.equal((await fetch(`${server.url}/s/AAAAAAAAAA`)).status, 404);
    assert.equal((await fetch(`${server.url}/embed/AAAAAAAAAA`)).status, 404);
  });

  test("once web/dist exists its pages and files are served (embed.html for /embed/:id)", async () => {
    const dist = server.config.webDist;
    mkdirSync(path.join(dist, "assets"), { recursive: true });
    writeFileSync(path.join(dist, "index.html"), "<!doctype html><title>app</title>");
    writeFileSync(path.join(dist, "embed.html"), "<!doctype html><title>embed</title>");
    writeFileSync(path.join(dist, "assets", "app.js"), "console.log('app')");
    const { id } = (await (await post("/api/snippets", { code: "print('built')" })).json()) as SaveSnippetResponse;
    assert.equal(await (await fetch(`${server.url}/`)).text(), "<!doctype html><title>app</title>");
    assert.equal(await (await fetch(`${server.url}/s/${id}`)).text(), "<!doctype html><title>app</title>");
    assert.equal(await (await fetch(`${server.url}/embed/${id}`)).text(), "<!doctype html><title>embed</title>");
    const asset = await fetch(`${server.url}/assets/app.js`);
    assert.equal(asset.status, 200);
    assert.match(asset.headers.get("content-type")!, /javascript/);
    assert.equal(
      asset.headers.get("access-control-allow-origin"),
      "*",
      "module scripts of an embed in a sandboxed iframe load in CORS mode",
    );
    assert.equal((await fetch(`${server.url}/assets/missing.js`)).status, 404);
  });

  test("GET /healthz answers ok and names the storage backend", async () => {
    const response = await fetch(`${server.url}/healthz`);
    assert.deepEqual(await response.json(), { status: "ok", storage: "sqlite" });
  });
});
