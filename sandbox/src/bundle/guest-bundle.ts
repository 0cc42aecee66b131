// The guest bundle: the runtime and the guest driver (sandbox/src/guest) as one script that
// each QuickJS context evaluates once, before any snippet. It is built from source with
// esbuild on first use and cached in sandbox/dist by the hash of everything it is built from,
// so edits to the runtime flow in without a separate build step.

import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { callCompiler } from "@looplab/runtime/compile";
import * as esbuild from "esbuild-wasm";
import { BUNDLE_FILE } from "../guest/guest-protocol.js";

const sandboxRoot = fileURLToPath(new URL("../../", import.meta.url));
const entry = path.join(sandboxRoot, "src/guest/entry.ts");
const sourceFolders = [path.join(sandboxRoot, "src/guest"), path.join(sandboxRoot, "../runtime/src")];
const cacheFolder = path.join(sandboxRoot, "dist");
const CACHE_PREFIX = "guest-bundle-";

let pending: Promise<string> | null = null;

/** The bundle's source text, built once per process at most. */
export function guestBundle(): Promise<string> {
  pending ??= loadOrBuild();
  return pending;
}

async function loadOrBuild(): Promise<string> {
  const hash = await hashSources();
  const cached = path.join(cacheFolder, `${CACHE_PREFIX}${hash}.js`);
  try {
    return await readFile(cached, "utf8");
  } catch {
    // Not built yet for these sources.
  }
  const code = await buildBundle();
  await mkdir(cacheFolder, { recursive: true });
  await removeStaleBundles();
  // Written under a unique name then renamed, so parallel test processes never read half a file.
  const temporary = `${cached}.${process.pid}.tmp`;
  await writeFile(temporary, code);
  await rename(temporary, cached);
  return code;
}

const BUILD_OPTIONS = {
  entryPoints: [entry],
  bundle: true,
  write: false,
  format: "iife",
  platform: "neutral",
  target: "es2022",
  logLevel: "silent",
  charset: "utf8",
  // Parsing the bundle is nearly all of what a new context costs: minified, a third less.
  minifyWhitespace: true,
  minifySyntax: true,
  minifyIdentifiers: true,
  // Functions and classes keep their `name` (repr() and tracebacks print it), which minifying
  // and bundling (DataError becomes DataError2 when two modules define one) would change.
  keepNames: true,
} as const satisfies esbuild.BuildOptions;

export async function buildBundle(): Promise<string> {
  // Through the shared service's guard: a snippet may have just killed or wedged the service.
  const result = await callCompiler(() => esbuild.build(BUILD_OPTIONS));
  return result.outputFiles[0]?.text ?? "";
}

/**
 * The same bundle with its source map, for the bench's profiler (bench/quickjs-profiler.ts): an
 * external map leaves the code as buildBundle() makes it. `sources` are relative to `sourceRoot`.
 */
export async function buildBundleWithSourceMap(): Promise<{ code: string; map: string; sourceRoot: string }> {
  const outfile = path.join(cacheFolder, BUNDLE_FILE);
  const result = await callCompiler(() => esbuild.build({ ...BUILD_OPTIONS, sourcemap: "external", outfile }));
  const text = (suffix: string) => result.outputFiles.find((file) => file.path.endsWith(suffix))?.text ?? "";
  return { code: text(".js"), map: text(".js.map"), sourceRoot: cacheFolder };
}

async function hashSources(): Promise<string> {
  const hash = createHash("sha256");
  hash.update(esbuild.version);
  hash.update(JSON.stringify({ ...BUILD_OPTIONS, entryPoints: [] }));
  for (const folder of sourceFolders) {
    const files = (await readdir(folder, { recursive: true })).filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts")).sort();
    for (const file of files) {
      hash.update(file);
      hash.update(await readFile(path.join(folder, file)));
    }
  }
  return hash.digest("hex").slice(0, 16);
}

async function removeStaleBundles(): Promise<void> {
  for (const file of await readdir(cacheFolder)) {
    if (file.startsWith(CACHE_PREFIX) && file.endsWith(".js")) await rm(path.join(cacheFolder, file), { force: true });
  }
}
