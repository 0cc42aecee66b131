// The gallery's examples (examples/), for tests that watch one run: a test and the gallery then
// show the same program, written once.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const EXAMPLES_DIRECTORY = fileURLToPath(new URL("../../examples/", import.meta.url));

/** An example's TypeScript, by its path under examples/ ("locks-queues/09-two-locks-deadlock.ts"). */
export function exampleSource(path: string): string {
  return readFileSync(`${EXAMPLES_DIRECTORY}${path}`, "utf8");
}
