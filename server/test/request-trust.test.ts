// Issue 16's attacks on what the server believes of a request, against the server in its own
// process behind a trusting proxy (the tests play the proxy): an X-Forwarded-For address the
// client wrote itself does not escape its rate limit; a page on another site cannot save a
// snippet; share links never come from the Host header.

import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { after, before, describe, test } from "node:test";
import type { HttpErrorBody, SaveSnippetResponse } from "../src/protocol.js";
import { contentHash, SHORTEST_ID_LENGTH } from "../src/storage/snippet-id.js";
import { assertSameServer, postJson } from "./helpers/attack.js";
import { type ServerProcess, startServerProcess } from "./helpers/server-process.js";
import { startTestServer } from "./helpers/test-server.js";

const RUN_BUDGET = 5;
const ALLOWED_ORIGIN = "https://allowed.example";

/** A POST with any headers, Host included (fetch does not let a caller set Host). */
function rawPost(url: string, path: string, headers: Record<string, string>, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${url}${path}`, { method: "POST", headers }, (response) => {
      let text = "";
      response.on("data", (chunk: Buffer) => (text += chunk.toString()));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    request.once("error", reject);
    request.end(body);
  });
}

/** The id a fresh store gives this content. */
function snippetId(code: string): string {
  return contentHash({ code, title: null }).slice(0, SHORTEST_ID_LENGTH);
}

describe("what the server believes of a request", () => {
  let server: ServerProcess;
  let pid: number;
  before(async () => {
    server = await startServerProcess({
      LOOPLAB_TRUST_PROXY: "1",
      LOOPLAB_RUN_RATE: `${RUN_BUDGET}/60`,
      LOOPLAB_ALLOWED_ORIGINS: ALLOWED_ORIGIN,
    });
    pid = server.child.pid!;
    // The first run waits for the sandbox to warm up (from the proxy's own address, not a test client's).
    assert.equal((await postJson(`${server.url}/api/run`, { code: "print('warm')" })).status, 200);
  });
  after(() => server.stop());

  test("a client that writes its own X-Forwarded-For before the proxy's still spends its own budget", async () => {
    const run = (code: string, spoofed?: string, from = "203.0.113.9") => postJson(`${server.url}/api/run`, { code }, { from, spoofed });
    for (let index = 0; index < RUN_BUDGET; index++) assert.equal((await run(`print(${index})`)).status, 200);
    const statuses: number[] = [];
    for (let index = 0; index < 30; index++) statuses.push((await run(`print("spoofed ${index}")`, `198.51.100.${index}`)).status);
    assert.deepEqual(new Set(statuses), new Set([429]), `statuses: ${statuses.join(",")}`);
    assert.equal((await run("print('another client')", undefined, "203.0.113.10")).status, 200);
    await assertSameServer(server, pid);
  });

  test("a cross-site text/plain POST cannot save a snippet, with or without Origin; nothing is stored", async () => {
    const code = `print("planted ${Math.random()}")`;
    const body = JSON.stringify({ code });
    const crossSite = await rawPost(
      server.url,
      "/api/snippets",
      { "Content-Type": "text/plain;charset=UTF-8", Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
      body,
    );
    assert.equal(crossSite.status, 403);
    assert.match(
      (JSON.parse(crossSite.body) as HttpErrorBody).error,
      /cross-site request refused: a page from origin "https:\/\/evil.example"/,
    );
    const noOrigin = await rawPost(server.url, "/api/snippets", { "Content-Type": "text/plain", "Sec-Fetch-Site": "cross-site" }, body);
    assert.equal(noOrigin.status, 403);
    const plain = await rawPost(server.url, "/api/snippets", { "Content-Type": "text/plain" }, body);
    assert.equal(plain.status, 415);
    assert.match((JSON.parse(plain.body) as HttpErrorBody).error, /Content-Type: application\/json \(got "text\/plain"\)/);
    const jsonFromEvil = await rawPost(
      server.url,
      "/api/snippets",
      { "Content-Type": "application/json", Origin: "https://evil.example" },
      body,
    );
    assert.equal(jsonFromEvil.status, 403);
    assert.equal((await fetch(`${server.url}/api/snippets/${snippetId(code)}`)).status, 404, "the snippet was saved");

    // The server's own pages, the allowed origins and clients that are not browsers may save.
    for (const origin of [server.url, ALLOWED_ORIGIN, undefined]) {
      const headers: Record<string, string> = origin === undefined ? {} : { Origin: origin };
      const saved = await postJson(`${server.url}/api/snippets`, { code: `${code} // ${origin}` }, { headers });
      assert.equal(saved.status, 201, `from ${origin}`);
    }
    await assertSameServer(server, pid);
  });

  test("POST /api/run stays open to any origin but still needs a JSON body", async () => {
    const headers = { Origin: "https://blog.example", "Sec-Fetch-Site": "cross-site" };
    const json = await postJson(`${server.url}/api/run`, { code: "print('embed')" }, { from: "203.0.113.20", headers });
    assert.equal(json.status, 200);
    assert.equal(json.headers.get("access-control-allow-origin"), "*");
    const plain = await rawPost(server.url, "/api/run", { ...headers, "Content-Type": "text/plain" }, JSON.stringify({ code: "print(1)" }));
    assert.equal(plain.status, 415);
    await assertSameServer(server, pid);
  });

  test("without LOOPLAB_PUBLIC_URL a share link is a path, whatever the Host header says, and the start-up log says so", async () => {
    const saved = await rawPost(
      server.url,
      "/api/snippets",
      { "Content-Type": "application/json", Host: "evil.example" },
      '{"code":"print(1)"}',
    );
    assert.equal(saved.status, 201);
    const { id, url } = JSON.parse(saved.body) as SaveSnippetResponse;
    assert.equal(url, `/s/${id}`);
    assert.match(server.output(), /LOOPLAB_PUBLIC_URL is not set: share links/);
    await assertSameServer(server, pid);
  });
});

describe("share links with a public URL", () => {
  test("name the configured public address, not the Host header", async () => {
    const server = await startTestServer({ LOOPLAB_PUBLIC_URL: "https://looplab.example/" });
    try {
      const saved = await rawPost(
        server.url,
        "/api/snippets",
        { "Content-Type": "application/json", Host: "evil.example" },
        '{"code":"print(2)"}',
      );
      assert.equal(saved.status, 201);
      const { id, url } = JSON.parse(saved.body) as SaveSnippetResponse;
      assert.equal(url, `https://looplab.example/s/${id}`);
    } finally {
      await server.close();
    }
  });
});
