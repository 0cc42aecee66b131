// Writes a brotli (`.br`) and a gzip (`.gz`) copy beside each text file of the build, once, at
// build time, so the server sends the smallest copy the client accepts without compressing
// per request (server/src/http/compression.ts). Brotli at its best quality (11) costs about
// 1.5 ms per KB; the language-service worker (4 MB, loaded lazily by the full page only) takes
// quality 9, within 10% of 11's size at a fourteenth of the time.

import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import type { Plugin, ResolvedConfig } from "vite";

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** What the server compresses: text of the kinds a build makes. */
const TEXT_FILE = /\.(?:js|mjs|css|html|json|svg|txt|map|wasm)$/;
/** The server sends smaller bodies as they are (its MINIMUM_BYTES). */
const MINIMUM_BYTES = 512;
/** Files above this get brotli quality 9 rather than 11 (see above). */
const LARGE_BYTES = 1024 * 1024;

async function textFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (entry) => {
      // `.vite/manifest.json` is for the build's tests, never served.
      if (entry.name.startsWith(".")) return [];
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) return textFiles(full);
      return TEXT_FILE.test(entry.name) ? [full] : [];
    }),
  );
  return nested.flat();
}

async function precompress(file: string): Promise<void> {
  const content = await readFile(file);
  if (content.length < MINIMUM_BYTES) return;
  const quality = content.length > LARGE_BYTES ? 9 : constants.BROTLI_MAX_QUALITY;
  const [br, gz] = await Promise.all([
    brotli(content, { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } }),
    gzipped(content, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  // A copy no smaller than the file would only cost the client time to decode.
  if (br.length < content.length) await writeFile(`${file}.br`, br);
  if (gz.length < content.length) await writeFile(`${file}.gz`, gz);
}

export function precompressPlugin(): Plugin {
  let config: ResolvedConfig;
  return {
    name: "looplab-precompress",
    apply: "build",
    configResolved(resolved) {
      config = resolved;
    },
    async closeBundle() {
      const outDir = path.resolve(config.root, config.build.outDir);
      await Promise.all((await textFiles(outDir)).map(precompress));
    },
  };
}
