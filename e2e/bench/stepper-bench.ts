// How fast the step-through view is on a 100,000-event run, in Debian's Chromium against the
// real server (issue 13: first draw ≤ 300 ms, a step or a scrub tick ≤ 16 ms). Prints figures;
// asserts nothing. Run: node --import tsx e2e/bench/stepper-bench.ts
//
// Each figure is from the input (a click, a scrubber move) until Svelte has updated the page and
// the browser has recomputed style and layout: the work a frame must fit, without the wait for
// the next frame (up to 16.7 ms at 60 Hz whatever the work).

import type { Page } from "playwright-core";
import { launchChromium } from "../support/browser.ts";
import { startLooplab } from "../support/looplab-server.ts";
import { openReplPage, showAtOnce, typeCode, waitForEnd } from "../support/repl-page.ts";

// 100 tasks hand items through one queue, yielding between: about 100,000 events (20,207 steps).
const WORKLOAD = `import asyncio from "asyncio";
async function worker(queue: asyncio.Queue<number>, index: number) {
  for (let round = 0; round < 200; round++) {
    await queue.put(round);
    await asyncio.sleep(0);
    await queue.get();
  }
}
async function main() {
  const queue = new asyncio.Queue<number>();
  await asyncio.gather(...Array.from({ length: 100 }, (_, index) => worker(queue, index)));
}
asyncio.run(main());
`;

/** Milliseconds from running `action` in the page to its update laid out. */
async function timeToFrame(page: Page, action: string, argument: number): Promise<number> {
  return page.evaluate(
    async ({ action, argument }) => {
      const region = document.querySelector("section[aria-label='Step through the run']")!;
      const started = performance.now();
      if (action === "scrub") {
        const range = region.querySelector<HTMLInputElement>("input[type=range]")!;
        range.value = String(argument);
        range.dispatchEvent(new Event("input", { bubbles: true }));
      } else {
        region.querySelector<HTMLButtonElement>(`button[aria-label='${action}']`)!.click();
      }
      // Svelte flushes in a microtask; the timer runs after it, and reading a size forces style and layout.
      await new Promise((resolve) => setTimeout(resolve, 0));
      void document.body.offsetHeight;
      return performance.now() - started;
    },
    { action, argument },
  );
}

function describe(name: string, times: number[]): string {
  const sorted = [...times].sort((first, second) => first - second);
  const at = (fraction: number) => sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!.toFixed(1);
  return `${name}: median ${at(0.5)} ms, 95th percentile ${at(0.95)} ms, max ${at(1)} ms (${times.length} samples)`;
}

const server = await startLooplab({ LOOPLAB_CPU_MS: "60000", LOOPLAB_WALL_MS: "120000", LOOPLAB_EVENTS: "1000000" });
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await openReplPage(page, server.url);
  await showAtOnce(page);
  await typeCode(page, WORKLOAD);
  await page.getByRole("button", { name: "Run the program" }).click();
  console.log(`run: ${await waitForEnd(page, 120_000)}`);
  const total = Number(/all (\d+) steps/.exec((await page.getByTestId("step-position").textContent()) ?? "")?.[1] ?? 0);
  console.log(`steps: ${total}`);
  // Twice: the whole page, then with the timeline hidden, to tell the step view's share from the timeline's.
  for (const part of ["the whole page", "without the timeline"]) {
    if (part === "without the timeline") await page.addStyleTag({ content: ".timeline-pane { display: none; }" });
    await timeToFrame(page, "The whole run, as it ended (End)", 0);
    console.log(`${part}:`);
    console.log(`  first draw (the whole run to step 0): ${(await timeToFrame(page, "First step (Home)", 0)).toFixed(1)} ms`);
    const steps: number[] = [];
    for (let index = 0; index < 60; index++) steps.push(await timeToFrame(page, "Step forward (→)", 0));
    console.log(`  ${describe("step forward", steps)}`);
    const back: number[] = [];
    for (let index = 0; index < 60; index++) back.push(await timeToFrame(page, "Step back (←)", 0));
    console.log(`  ${describe("step back", back)}`);
    const scrubs: number[] = [];
    for (let index = 0; index < 60; index++)
      scrubs.push(await timeToFrame(page, "scrub", Math.floor(((index * 7919) % 60) * (total / 60))));
    console.log(`  ${describe("scrub tick", scrubs)}`);
  }
} finally {
  await browser.close();
  await server.stop();
}
