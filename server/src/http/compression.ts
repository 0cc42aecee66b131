// Compresses what the server sends, pages, JSON and the web app's files alike, in brotli or
// gzip as the client accepts (content-coding.ts). A static file the build precompressed
// (web/build/precompress-plugin.ts writes `file.br` and `file.gz`) is sent as that file, so the
// best compression costs nothing per request; any other body is compressed as it streams.
// Already compressed types (images, fonts, archives) and bodies under MINIMUM_BYTES go as they are.

import { createReadStream, statSync } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { constants, createBrotliCompress, createGzip } from "node:zlib";
import type { Context, MiddlewareHandler } from "hono";
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from "hono/utils/compress";
import { type ContentCoding, chooseContentCoding, suffixOf } from "./content-coding.js";
import type { HonoEnvironment } from "./environment.js";

/** Bodies smaller than this go uncompressed: the saving would be a few hundred bytes at most. */
export const MINIMUM_BYTES = 512;
/**
 * Brotli's quality for bodies compressed per request. On the web app's largest chunk (460 KB),
 * measured here: quality 5 took 13 ms for 147 KB, gzip -9 16 ms for 155 KB, quality 11 (the
 * build's) 716 ms for 132 KB.
 */
const LIVE_BROTLI_QUALITY = 5;

export function compression(): MiddlewareHandler<HonoEnvironment> {
  return async (c, next) => {
    await next();
    const type = c.res.headers.get("Content-Type");
    if (type === null || !COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type)) return;
    // Whatever is sent from here on, it depends on Accept-Encoding: a cache must know that.
    addVary(c.res.headers);
    const body = c.res.body;
    if (body === null || c.req.method === "HEAD" || c.res.status === 206 || c.res.headers.has("Content-Encoding")) return;
    if (/(?:^|,)\s*no-transform\s*(?:,|$)/i.test(c.res.headers.get("Cache-Control") ?? "")) return;
    const coding = chooseContentCoding(c.req.header("Accept-Encoding"));
    if (coding === null) return;
    if (await sendPrecompressed(c, coding, body)) return;
    const length = c.res.headers.get("Content-Length");
    if (length !== null && Number(length) < MINIMUM_BYTES) return;
    const reader = body.getReader();
    const start = await readAtLeast(reader, MINIMUM_BYTES);
    if (start.done && start.size < MINIMUM_BYTES) {
      // Short after all (a body of unknown length): sent as it is.
      c.res = new Response(Buffer.concat(start.chunks), c.res);
      return;
    }
    const compressor =
      coding === "br" ? createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: LIVE_BROTLI_QUALITY } }) : createGzip();
    // A failure (the client left, the body failed) destroys both ends; the response ends with it.
    pipeline(Readable.from(rest(start.chunks, reader)), compressor).catch(() => {});
    replaceBody(c, Readable.toWeb(compressor) as ReadableStream<Uint8Array>, coding, null);
  };
}

/** Sends the build's precompressed copy of the static file the response holds, if it has one. */
async function sendPrecompressed(c: Context<HonoEnvironment>, coding: ContentCoding, body: ReadableStream<Uint8Array>): Promise<boolean> {
  const file = c.get("staticFile");
  if (file === undefined) return false;
  const precompressed = `${file}${suffixOf(coding)}`;
  let size: number;
  try {
    size = statSync(precompressed).size;
  } catch {
    return false;
  }
  await body.cancel();
  const stream = Readable.toWeb(createReadStream(precompressed)) as ReadableStream<Uint8Array>;
  replaceBody(c, stream, coding, size);
  return true;
}

function replaceBody(c: Context<HonoEnvironment>, body: ReadableStream<Uint8Array>, coding: ContentCoding, size: number | null): void {
  c.res = new Response(body, c.res);
  const headers = c.res.headers;
  headers.set("Content-Encoding", coding);
  if (size === null) headers.delete("Content-Length");
  else headers.set("Content-Length", String(size));
  // Another body: a strong validator of the uncompressed one would be wrong for it.
  const tag = headers.get("ETag");
  if (tag?.startsWith('"')) headers.set("ETag", `W/${tag}`);
}

function addVary(headers: Headers): void {
  const vary = headers.get("Vary");
  if (vary === null) headers.set("Vary", "Accept-Encoding");
  else if (vary !== "*" && !/(?:^|,)\s*accept-encoding\s*(?:,|$)/i.test(vary)) headers.set("Vary", `${vary}, Accept-Encoding`);
}

type BodyReader = ReadableStreamDefaultReader<Uint8Array>;

/** Reads chunks until `bytes` have come or the body ended. */
async function readAtLeast(reader: BodyReader, bytes: number): Promise<{ chunks: Uint8Array[]; size: number; done: boolean }> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < bytes) {
    const { done, value } = await reader.read();
    if (done) return { chunks, size, done: true };
    chunks.push(value);
    size += value.length;
  }
  return { chunks, size, done: false };
}

/** The chunks already read, then the rest of the body; the body is cancelled if the reading stops early. */
async function* rest(first: Uint8Array[], reader: BodyReader): AsyncGenerator<Uint8Array> {
  let finished = false;
  try {
    yield* first;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      yield value;
    }
    finished = true;
  } finally {
    if (!finished) await reader.cancel().catch(() => {});
  }
}
