// Compression against the real server process: brotli, gzip or nothing as Accept-Encoding asks,
// always with Vary: Accept-Encoding, the build's precompressed copies for static files and
// compression on the fly for pages and JSON; each body decodes to the same bytes. Read with
// node:http, which, unlike fetch, hands over the bytes as they came.

import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import WebSocket from "ws";
import { type ServerProcess, startServerProcess } from "./helpers/server-process.js";

let server: ServerProcess;
const webDist = mkdtempSync(path.join(tmpdir(), "looplab-compression-"));
/** A script of the build, with its precompressed copies beside it, marked so the test can tell them from compression on the fly. */
const SCRIPT = `export const lines = [\n${Array.from({ length: 2000 }, (_, index) => `  "line ${index}",`).join("\n")}\n];\n`;
/** A page-sized script with no copies: compressed per request. */
const PLAIN = `console.log(${JSON.stringify("plain ".repeat(400))});\n`;
const PNG = Buffer.concat([Buffer.from("89504e470d0a1a0a", "hex"), Buffer.alloc(4000, 7)]);
const PAGE = `<!doctype html><html><head><title>Looplab</title></head><body>${"<p>page</p>".repeat(200)}</body></html>\n`;

before(async () => {
  mkdirSync(path.join(webDist, "assets"));
  writeFileSync(path.join(webDist, "index.html"), PAGE);
  writeFileSync(path.join(webDist, "assets", "app.js"), SCRIPT);
  writeFileSync(path.join(webDist, "assets", "app.js.br"), brotliCompressSync(SCRIPT));
  writeFileSync(path.join(webDist, "assets", "app.js.gz"), gzipSync(SCRIPT, { level: 9 }));
  writeFileSync(path.join(webDist, "assets", "plain.js"), PLAIN);
  writeFileSync(path.join(webDist, "assets", "picture.png"), PNG);
  server = await startServerProcess({ LOOPLAB_WEB_DIST: webDist });
});

after(async () => {
  await server?.stop();
  rmSync(webDist, { recursive: true, force: true });
});

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(route: string, acceptEncoding: string | null, method = "GET"): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = acceptEncoding === null ? {} : { "Accept-Encoding": acceptEncoding };
    const outgoing = request(`${server.url}${route}`, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on("error", reject);
    });
    outgoing.on("error", reject);
    outgoing.end();
  });
}

function decoded(response: RawResponse): Buffer {
  switch (response.headers["content-encoding"]) {
    case "br":
      return brotliDecompressSync(response.body);
    case "gzip":
      return gunzipSync(response.body);
    case undefined:
      return response.body;
    default:
      throw new Error(`unexpected Content-Encoding ${response.headers["content-encoding"]}`);
  }
}

const ASKED = [
  { acceptEncoding: "gzip, deflate, br, zstd", coding: "br" },
  { acceptEncoding: "gzip", coding: "gzip" },
  { acceptEncoding: "br;q=0.5, gzip;q=0.9", coding: "gzip" },
  { acceptEncoding: "*", coding: "br" },
  { acceptEncoding: "identity", coding: undefined },
  { acceptEncoding: "br;q=0, gzip;q=0", coding: undefined },
  { acceptEncoding: null, coding: undefined },
] as const;

for (const { route, what, original } of [
  { route: "/assets/app.js", what: "a static file with precompressed copies", original: SCRIPT },
  { route: "/assets/plain.js", what: "a static file without copies", original: PLAIN },
  { route: "/", what: "a page", original: PAGE },
]) {
  test(`${what} comes in the coding Accept-Encoding asks for, with Vary, and decodes to the same bytes`, async () => {
    for (const { acceptEncoding, coding } of ASKED) {
      const response = await get(route, acceptEncoding);
      const asked = `Accept-Encoding: ${acceptEncoding}`;
      assert.equal(response.status, 200, asked);
      assert.equal(response.headers["content-encoding"], coding, asked);
      assert.match(String(response.headers.vary), /Accept-Encoding/i, asked);
      assert.equal(decoded(response).toString(), original, asked);
      if (coding !== undefined) assert.ok(response.body.length < original.length / 2, `${asked}: ${response.body.length} bytes sent`);
    }
  });
}

test("the build's precompressed copy is what a static file sends, with its length", async () => {
  const response = await get("/assets/app.js", "br");
  assert.deepEqual(response.body, brotliCompressSync(SCRIPT));
  assert.equal(response.headers["content-length"], String(response.body.length));
  assert.equal(response.headers["content-type"], "text/javascript; charset=utf-8");
});

test("JSON is compressed too; an image, a short body and a HEAD request are not", async () => {
  const snippet = await fetch(`${server.url}/api/snippets`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ code: `print(${JSON.stringify("hello ".repeat(300))});` }),
  });
  const { id } = (await snippet.json()) as { id: string };
  const json = await get(`/api/snippets/${id}`, "br, gzip");
  assert.equal(json.headers["content-encoding"], "br");
  assert.match(String(json.headers["content-type"]), /^application\/json/);
  assert.equal(JSON.parse(decoded(json).toString()).id, id);

  const image = await get("/assets/picture.png", "br, gzip");
  assert.equal(image.headers["content-encoding"], undefined);
  assert.deepEqual(image.body, PNG);

  const health = await get("/healthz", "br, gzip");
  assert.equal(health.headers["content-encoding"], undefined, "a body of a few bytes goes as it is");
  assert.equal(JSON.parse(health.body.toString()).status, "ok");

  const head = await get("/assets/plain.js", "br, gzip", "HEAD");
  assert.equal(head.headers["content-encoding"], undefined);
});

test("a WebSocket upgrade that accepts compression is still a WebSocket", async () => {
  const socket = new WebSocket(`${server.url.replace(/^http/, "ws")}/ws`, { headers: { "Accept-Encoding": "br, gzip" } });
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  socket.close();
});
