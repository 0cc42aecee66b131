// The step-through view's bench workload and its measures, shared by the bench and the profiler:
// a 100,000-event run on the REPL page, and the time one stepper input takes to reach the page.

import type { Browser, Page } from "playwright-core";
import { startLooplab } from "../support/looplab-server.ts";
import { openReplPage, showAtOnce, typeCode, waitForEnd } from "../support/repl-page.ts";

// 100 tasks hand items through one queue, yielding between: about 100,000 events (20,207 steps).
export const WORKLOAD = `import asyncio from "asyncio";
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

/** The server's limits, raised so the workload runs to its end. */
export const BENCH_LIMITS = { LOOPLAB_CPU_MS: "60000", LOOPLAB_WALL_MS: "120000", LOOPLAB_EVENTS: "1000000" };

export type StepperAction =
  | "First step (Home)"
  | "Step forward (→)"
  | "Step back (←)"
  | "The whole run, as it ended (End)"
  | "scrub"
  /** The timeline's axis radio buttons: a draw of every lane in view from the run's events. */
  | "Steps"
  | "Clock";

/**
 * Milliseconds from running `action` in the page to its update laid out: until Svelte has
 * updated the page and the browser has recomputed style and layout, the work a frame must fit,
 * without the wait for the next frame (up to 16.7 ms at 60 Hz whatever the work).
 */
export async function timeToFrame(page: Page, action: StepperAction, argument = 0): Promise<number> {
  return page.evaluate(
    async ({ action, argument }) => {
      const region = document.querySelector("section[aria-label='Step through the run']")!;
      const started = performance.now();
      if (action === "Steps" || action === "Clock") {
        const axes = document.querySelectorAll<HTMLInputElement>(".timeline-pane fieldset input[type=radio]");
        axes[action === "Steps" ? 0 : 1]!.click();
      } else if (action === "scrub") {
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

export interface StepperPage {
  page: Page;
  /** The run's steps. */
  total: number;
  /** The timeline's draws while the run arrived, in milliseconds, in order (performance measures). */
  draws: number[];
  /**
   * The CPU time the page's main thread has spent on tasks so far, in milliseconds (Chrome's
   * TaskDuration counted in thread time): unlike the clock, it does not grow while the machine
   * runs other work.
   */
  mainThreadTime(): Promise<number>;
  close(): Promise<void>;
}

/** Starts a server serving `webDist` (the built pages), opens the REPL page and runs the workload to its end. */
export async function openWorkload(browser: Browser, webDist?: string): Promise<StepperPage> {
  const server = await startLooplab(webDist === undefined ? BENCH_LIMITS : { ...BENCH_LIMITS, LOOPLAB_WEB_DIST: webDist });
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  try {
    await openReplPage(page, server.url);
    await showAtOnce(page);
    await typeCode(page, WORKLOAD);
    await page.getByRole("button", { name: "Run the program" }).click();
    const ending = await waitForEnd(page, 120_000);
    if (ending !== "Finished") throw new Error(`the workload ended: ${ending}`);
    // The last draw comes in the frame after the end.
    await page.waitForTimeout(500);
    const total = Number(/all (\d+) steps/.exec((await page.getByTestId("step-position").textContent()) ?? "")?.[1] ?? 0);
    const draws = await page.evaluate(() => performance.getEntriesByName("looplab:timeline-draw").map((entry) => entry.duration));
    const session = await page.context().newCDPSession(page);
    await session.send("Performance.enable", { timeDomain: "threadTicks" });
    return {
      page,
      total,
      draws,
      async mainThreadTime() {
        const { metrics } = await session.send("Performance.getMetrics");
        return (metrics.find((metric) => metric.name === "TaskDuration")?.value ?? Number.NaN) * 1000;
      },
      async close() {
        await page.close();
        await server.stop();
      },
    };
  } catch (error) {
    await page.close();
    await server.stop();
    throw error;
  }
}
