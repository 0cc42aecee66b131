// The runtime as the product ships it: one esbuild bundle of src/index.ts, built the way the
// sandbox builds its guest bundle (no keepNames). Timing the tsx-compiled source instead would
// count tsx's `__name` wrappers, 5–15% of a workload that creates a closure per call.
// Cached in runtime/dist by a hash of the sources, so edits to the runtime flow in.

import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild-wasm";

const runtimeRoot = fileURLToPath(new URL("..", import.meta.url));
const sourceFolder = path.join(runtimeRoot, "src");
const cacheFolder = path.join(runtimeRoot, "dist");
const PREFIX = "bench-runtime-";

/** The path of the bundle (an ES module exporting what src/index.ts exports), built if needed. */
export async function runtimeBundle(): Promise<string> {
  const file = path.join(cacheFolder, `${PREFIX}${await hashSources()}.mjs`);
  try {
    await readFile(file);
    return file;
  } catch {
    // Not built yet for these sources.
  }
  const result = await esbuild.build({
    entryPoints: [path.join(sourceFolder, "index.ts")],
    // Paths in the bundle's comments are relative to it: `// src/asyncio/tasks.ts`, which profile.ts reads.
    absWorkingDir: runtimeRoot,
    bundle: true,
    write: false,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    logLevel: "silent",
    charset: "utf8",
  });
  await esbuild.stop();
  await mkdir(cacheFolder, { recursive: true });
  for (const stale of await readdir(cacheFolder)) {
    if (stale.startsWith(PREFIX) && stale.endsWith(".mjs")) await rm(path.join(cacheFolder, stale), { force: true });
  }
  // Written under a unique name then renamed, so parallel runners never import half a file.
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, result.outputFiles[0]?.text ?? "");
  await rename(temporary, file);
  return file;
}

async function hashSources(): Promise<string> {
  const hash = createHash("sha256");
  hash.update(esbuild.version);
  const files = (await readdir(sourceFolder, { recursive: true }))
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))
    .sort();
  for (const file of files) {
    hash.update(file);
    hash.update(await readFile(path.join(sourceFolder, file)));
  }
  return hash.digest("hex").slice(0, 16);
}
