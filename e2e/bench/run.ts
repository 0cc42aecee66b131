// The timeline and console in Chromium against the real server (issue 13, item 6): prints
// measured figures, it passes or fails nothing. Goals: a 100,000-event run draws in ≤ 300 ms and
// a scrub tick takes ≤ 16 ms; 1,000 tasks keep the page's height bounded; 1 MB of output appears
// soon after the run's own CPU time. Run with `npm run bench -w e2e` (after `npm run build -w web`).

import type { Page } from "playwright-core";
import { launchChromium } from "../support/browser.ts";
import { startLooplab } from "../support/looplab-server.ts";
import { openReplPage, typeCode, waitForEnd } from "../support/repl-page.ts";

const PING_PONG = `import asyncio from "asyncio";

async function player(name: string) {
  for (let turn = 0; turn < 16_000; turn++) await asyncio.sleep(0);
}

async function main() {
  await asyncio.gather(player("ping"), player("pong"));
}

asyncio.run(main());
`;

const THOUSAND_TASKS = `import asyncio from "asyncio";

async function work(index: number) {
  await asyncio.sleep(index % 7);
}

async function main() {
  await asyncio.gather(...Array.from({ length: 1000 }, (_, index) => work(index)));
}

asyncio.run(main());
`;

const FLOOD = `const line = "x".repeat(99);
for (let index = 0; index < 10_000; index++) print(line);
`;

interface Draws {
  count: number;
  last: number;
  median: number;
  max: number;
}

/** The timeline's draws since the last call (each a performance measure the component makes). */
async function draws(page: Page): Promise<Draws> {
  return page.evaluate(() => {
    const durations = performance.getEntriesByName("looplab:timeline-draw").map((entry) => entry.duration);
    performance.clearMeasures("looplab:timeline-draw");
    const sorted = [...durations].sort((a, b) => a - b);
    return { count: durations.length, last: durations.at(-1) ?? 0, median: sorted[sorted.length >> 1] ?? 0, max: sorted.at(-1) ?? 0 };
  });
}

/** Runs `code` and returns the milliseconds from the click to the console's end line, and that line. */
async function run(page: Page, code: string): Promise<{ milliseconds: number; status: string }> {
  await typeCode(page, code);
  await draws(page);
  const started = Date.now();
  await page.getByRole("button", { name: "Run the program" }).click();
  const status = await waitForEnd(page, 120_000);
  return { milliseconds: Date.now() - started, status };
}

/** Scrub ticks: a pointer drag along the step axis's header, each move one tick; milliseconds from the move to the drawn frame. */
async function scrubTicks(page: Page, ticks: number): Promise<number[]> {
  const canvas = page.locator("canvas[data-axis]");
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  const y = box.y + 10;
  const left = box.x + box.width * 0.3;
  await page.mouse.move(left, y);
  await page.mouse.down();
  const times: number[] = [];
  for (let tick = 0; tick < ticks; tick++) {
    const x = left + ((tick + 1) / ticks) * box.width * 0.5;
    const started = await page.evaluate(() => performance.now());
    await page.mouse.move(x, y);
    // Two frames: the one the move schedules, and the one after its draw.
    const ended = await page.evaluate(() => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now()))));
    times.push(ended - started);
  }
  await page.mouse.up();
  return times;
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;
}

function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}

const server = await startLooplab();
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await openReplPage(page, server.url);

  const pingPong = await run(page, PING_PONG);
  const events = await page.evaluate(() => document.querySelector(".console .detail")?.textContent ?? "");
  // The steps' list for screen readers ends with "and N more steps".
  const steps = await page.evaluate(() => document.querySelector("ol[aria-label='Steps of the run'] li:last-child")?.textContent ?? "");
  const streaming = await draws(page);
  await page.getByLabel("Steps", { exact: true }).check();
  await page.getByLabel("Clock", { exact: true }).check();
  const clockDraw = await draws(page);
  await page.getByLabel("Steps", { exact: true }).check();
  const stepDraw = await draws(page);
  const ticks = await scrubTicks(page, 40);
  const scrubDraws = await draws(page);
  console.log(
    `ping-pong: ${pingPong.status} (${events.trim()}), 500 steps listed ${steps} (a step, a running and a waiting event each), ${pingPong.milliseconds} ms from Run to the end line`,
  );
  console.log(
    `  timeline draws while streaming: ${streaming.count}, median ${ms(streaming.median)}, slowest ${ms(streaming.max)} (goal: first draw ≤ 300 ms)`,
  );
  console.log(`  a whole redraw of the finished run: clock axis ${ms(clockDraw.max)}, step axis ${ms(stepDraw.max)}`);
  console.log(
    `  scrub ticks on the step axis: median ${ms(median(ticks))}, slowest ${ms(Math.max(...ticks))} from the pointer's move to the next frame; ` +
      `the draw itself median ${ms(scrubDraws.median)}, slowest ${ms(scrubDraws.max)} (goal ≤ 16 ms)`,
  );

  const thousand = await run(page, THOUSAND_TASKS);
  const thousandDraws = await draws(page);
  const heights = await page.evaluate(() => ({
    page: document.documentElement.scrollHeight,
    timeline: document.querySelector(".timeline .scroller")?.getBoundingClientRect().height ?? 0,
  }));
  console.log(
    `1,000 tasks: ${thousand.milliseconds} ms from Run to the end line; draws median ${ms(thousandDraws.median)}, slowest ${ms(thousandDraws.max)}; ` +
      `the timeline is ${heights.timeline} px high, the page ${heights.page} px`,
  );

  const flood = await run(page, FLOOD);
  const cpu = await page.evaluate(() => document.querySelector(".console .detail")?.textContent ?? "");
  console.log(`1 MB of output (10,000 lines of 100 characters): ${flood.milliseconds} ms from Run to the end line (${cpu.trim()})`);
} finally {
  await browser.close();
  await server.stop();
}
