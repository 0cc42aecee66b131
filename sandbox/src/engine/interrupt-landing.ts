// Where a Ctrl-C may land so that the session goes on. QuickJS's interrupt cannot be caught: it
// unwinds every frame up to the host, skipping catch and finally blocks, so whatever those
// frames were changing stays half-changed. In the snippet's own code that is the snippet's
// affair, as after a KeyboardInterrupt in Python; in the runtime's it could leave a lock, a
// queue or the loop broken for every task. So the interrupt lands only when the stack, read in
// the interrupt handler (guest/interrupt-probe.ts), is the snippet's code and nothing else above
// the call that resumed its coroutine, and only the runtime's driving code below it: the loop's
// tick running a task's step. The runtime then knows exactly what to put right
// (endInterruptedStep in runtime/src/asyncio/tasks.ts).
//
// A frame's line is "    at NAME (FILE:LINE:COLUMN)", or "(native)" for the engine's own
// functions. A snippet can choose NAME, line breaks and parentheses included, but not FILE: only
// the bundle's code is in BUNDLE_FILE. So every line must be one whole frame with a name free of
// parentheses, or the stack is refused: then each place read is a real one.

import { BUNDLE_FILE } from "../guest/guest-protocol.js";

const FRAME_LINE = /^ {4}at [^()\n]* \(([^()\n]*)\)$/;
const NATIVE = "native";

/**
 * Whether `stack` (innermost first, its first line the probe's own frame) shows a task step
 * running the snippet's code: no frame of the bundle above a call at one of `resumeSites`, the
 * engine's next() or throw() just above that call, and only the bundle's or the engine's frames
 * below it.
 */
export function landsInSnippet(stack: string, resumeSites: readonly string[]): boolean {
  const places: string[] = [];
  for (const line of stack.split("\n")) {
    if (line === "") continue;
    const place = FRAME_LINE.exec(line)?.[1];
    if (place === undefined) return false;
    places.push(place);
  }
  const inBundle = (place: string) => place.startsWith(`${BUNDLE_FILE}:`);
  const resumed = places.findIndex((place, index) => index > 0 && inBundle(place));
  // Above the resume: the engine's next() or throw(), and at least one frame of the snippet.
  if (resumed < 3 || places[resumed - 1] !== NATIVE) return false;
  if (!resumeSites.includes(places[resumed] as string)) return false;
  return places.slice(resumed + 1).every((place) => place === NATIVE || inBundle(place));
}
