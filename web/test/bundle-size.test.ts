// The widget's weight on a page that embeds it: every script and stylesheet it can load before
// its first run, gzipped, stays under 250 KB. Reads the build's manifest (npm test builds first).

import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { gzipSync } from "node:zlib";

const DIST = path.resolve(import.meta.dirname, "../dist");
const LIMIT_BYTES = 250 * 1024;

interface ManifestChunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

type Manifest = Record<string, ManifestChunk>;

/** The files an entry loads: its chunk, its static and dynamic imports (all of them, to be safe) and their CSS. */
function filesOf(manifest: Manifest, entry: string): Set<string> {
  const files = new Set<string>();
  const seen = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const key = pending.pop()!;
    if (seen.has(key)) continue;
    seen.add(key);
    const chunk = manifest[key];
    assert.ok(chunk !== undefined, `the manifest has no chunk ${key}`);
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    pending.push(...(chunk.imports ?? []), ...(chunk.dynamicImports ?? []));
  }
  return files;
}

function gzippedSize(file: string): number {
  return gzipSync(readFileSync(path.join(DIST, file))).length;
}

test("the embed widget's JavaScript and CSS stay under 250 KB gzipped, and it loads none of the REPL page's own code", (t) => {
  const manifestPath = path.join(DIST, ".vite", "manifest.json");
  assert.ok(existsSync(manifestPath), "web/dist is not built: run npm run build -w web");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Manifest;
  const embed = filesOf(manifest, "embed.html");
  const sizes = [...embed].map((file) => ({ file, bytes: gzippedSize(file) }));
  const total = sizes.reduce((sum, { bytes }) => sum + bytes, 0);
  const breakdown = sizes.map(({ file, bytes }) => `${file}: ${(bytes / 1024).toFixed(1)} KB`).join(", ");
  t.diagnostic(`widget before its first run: ${(total / 1024).toFixed(1)} KB gzipped (${breakdown})`);
  assert.ok(total < LIMIT_BYTES, `the widget loads ${(total / 1024).toFixed(1)} KB gzipped (${breakdown})`);
  assert.ok(!embed.has(manifest["index.html"]!.file), "the widget loads the REPL page's entry");
  const html = readFileSync(path.join(DIST, "embed.html"), "utf8");
  for (const reference of html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)) {
    assert.ok(embed.has(reference[1]!), `embed.html loads ${reference[1]}, which the manifest does not list for it`);
  }
});
