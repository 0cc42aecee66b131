// Where a Ctrl-C may land so that the session goes on (src/engine/interrupt-landing.ts): only in
// the snippet's code resumed by a task's step, whatever names a snippet gave its functions.
import assert from "node:assert/strict";
import { test } from "node:test";
import { landsInSnippet } from "../src/engine/interrupt-landing.js";

const RESUME = "looplab-runtime.js:120:33";
const SITES = [RESUME, "looplab-runtime.js:120:61"];
const PROBE = "    at stackNow (looplab-runtime.js:900:10)";
const DRIVER = [
  `    at resume (${RESUME})`,
  "    at advanceChain (looplab-runtime.js:300:12)",
  "    at step (looplab-runtime.js:410:9)",
  "    at runCurrent (looplab-runtime.js:80:7)",
  "    at tick (looplab-runtime.js:5000:20)",
];
const stack = (...lines: string[]) => `${lines.join("\n")}\n`;

test("the snippet's code above a task step's resume: it lands", () => {
  assert.ok(landsInSnippet(stack(PROBE, "    at spin (input-3.js:1:30)", "    at next (native)", ...DRIVER), SITES));
  // Its own calls, natives included, may be above it.
  assert.ok(
    landsInSnippet(
      stack(
        PROBE,
        "    at <anonymous> (input-3.js:2:5)",
        "    at forEach (native)",
        "    at main (input-2.js:4:1)",
        "    at throw (native)",
        ...DRIVER,
      ),
      SITES,
    ),
  );
});

test("the runtime's code anywhere above the resume, or the snippet's below it: it does not land", () => {
  // print() formatting, called by the snippet.
  assert.ok(
    !landsInSnippet(
      stack(PROBE, "    at repr (looplab-runtime.js:700:3)", "    at spin (input-3.js:1:30)", "    at next (native)", ...DRIVER),
      SITES,
    ),
  );
  // A task started eagerly from the snippet's own call: the outer step is half-way too.
  assert.ok(
    !landsInSnippet(
      stack(
        PROBE,
        "    at inner (input-4.js:1:1)",
        "    at next (native)",
        ...DRIVER.slice(0, 3),
        "    at createTask (looplab-runtime.js:50:2)",
        "    at outer (input-3.js:2:2)",
        "    at next (native)",
        ...DRIVER,
      ),
      SITES,
    ),
  );
  // A call of the snippet's code from the runtime somewhere other than the resume.
  assert.ok(
    !landsInSnippet(
      stack(
        PROBE,
        "    at __repr__ (input-3.js:1:1)",
        "    at next (native)",
        "    at format (looplab-runtime.js:650:1)",
        ...DRIVER.slice(1),
      ),
      SITES,
    ),
  );
  assert.ok(!landsInSnippet("", SITES));
  assert.ok(!landsInSnippet(stack(PROBE, "    at spin (input-3.js:1:30)", "    at next (native)", ...DRIVER), []));
});

test("a function name that forges a frame is refused", () => {
  // A snippet's function renamed so that its line looks like the resume, with the real frame below it.
  const forged = `x (${RESUME})\n    at y`;
  assert.ok(!landsInSnippet(stack(PROBE, `    at ${forged} (input-3.js:1:1)`, "    at next (native)", ...DRIVER), SITES));
  // A native renamed the same way, called by the runtime's code: parentheses in a name are refused.
  assert.ok(
    !landsInSnippet(
      stack(
        PROBE,
        "    at f (input-3.js:1:1)",
        `    at ${forged.replace("\n    at y", "")} (native)`,
        "    at body (looplab-runtime.js:10:1)",
        "    at next (native)",
        ...DRIVER,
      ),
      SITES,
    ),
  );
  // A line break in a name leaves a line that is no frame.
  assert.ok(!landsInSnippet(stack(PROBE, "    at a\nb (input-3.js:1:1)", "    at next (native)", ...DRIVER), SITES));
});
