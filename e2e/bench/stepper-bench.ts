// How fast the step-through view is on a 100,000-event run, in Debian's Chromium against the
// real server (issue 13: first draw ≤ 300 ms, a step or a scrub tick ≤ 16 ms). Prints figures;
// asserts nothing. See README.md beside it.
//
// Run: node --import tsx e2e/bench/stepper-bench.ts [web-dist ...]. With no argument it measures
// web/dist; given several builds of the pages, it measures them side by side, taking their
// samples in turn so the machine's load weighs on each alike, and prints the ratios to the first.

import path from "node:path";
import { launchChromium } from "../support/browser.ts";
import { openWorkload, type StepperAction, type StepperPage, timeToFrame } from "./stepper-page.ts";

const SAMPLES = 60;

function percentile(times: readonly number[], fraction: number): number {
  const sorted = [...times].sort((first, second) => first - second);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}

interface Row {
  name: string;
  /** One figure per build, in milliseconds. */
  figures: number[];
}

interface Samples {
  /** Per page, the time to each input's update laid out. */
  wall: number[][];
  /** Per page, the main thread's CPU time from before each input until after it. */
  cpu: number[][];
}

/** Takes `SAMPLES` of an input on every page, in turn. */
async function sample(
  pages: StepperPage[],
  action: StepperAction,
  argument: (index: number, total: number) => number = () => 0,
): Promise<Samples> {
  const wall = pages.map(() => [] as number[]);
  const cpu = pages.map(() => [] as number[]);
  for (let index = 0; index < SAMPLES; index++)
    for (const [order, page] of pages.entries()) {
      const before = await page.mainThreadTime();
      wall[order]!.push(await timeToFrame(page.page, action, argument(index, page.total)));
      cpu[order]!.push((await page.mainThreadTime()) - before);
    }
  return { wall, cpu };
}

/** Untimed steps before the timed ones: the first steps after a run pay for V8 compiling the step view's code. */
const WARM_UP = 20;

async function measure(pages: StepperPage[], part: string): Promise<Row[]> {
  const rows: Row[] = [];
  for (const { page } of pages) await timeToFrame(page, "The whole run, as it ended (End)");
  const home: number[] = [];
  for (const { page } of pages) home.push(await timeToFrame(page, "First step (Home)"));
  rows.push({ name: `${part}: the whole run to step 0`, figures: home });
  for (const { page } of pages) {
    for (let index = 0; index < WARM_UP; index++) await timeToFrame(page, "Step forward (→)");
    for (let index = 0; index < WARM_UP; index++) await timeToFrame(page, "Step back (←)");
  }
  const inputs: [string, StepperAction, ((index: number, total: number) => number)?][] = [
    ["step forward", "Step forward (→)"],
    ["step back", "Step back (←)"],
    // Jumps across the run, as a dragged scrubber's ticks do.
    ["scrub tick", "scrub", (index, total) => Math.floor(((index * 7919) % SAMPLES) * (total / SAMPLES))],
  ];
  for (const [name, action, argument] of inputs) {
    const { wall, cpu } = await sample(pages, action, argument);
    rows.push({ name: `${part}: ${name}, median`, figures: wall.map((each) => percentile(each, 0.5)) });
    rows.push({ name: `${part}: ${name}, 95th percentile`, figures: wall.map((each) => percentile(each, 0.95)) });
    rows.push({ name: `${part}: ${name}, main thread CPU, median`, figures: cpu.map((each) => percentile(each, 0.5)) });
    rows.push({ name: `${part}: ${name}, main thread CPU, 95th percentile`, figures: cpu.map((each) => percentile(each, 0.95)) });
  }
  return rows;
}

/** The timeline drawn afresh on the other axis and back, at the run's end: every lane in view from the run's events. */
async function switchAxes(pages: StepperPage[]): Promise<Row[]> {
  const toClock: number[] = [];
  const toSteps: number[] = [];
  for (const { page } of pages) {
    toClock.push(await timeToFrame(page, "Clock"));
    toSteps.push(await timeToFrame(page, "Steps"));
  }
  return [
    { name: "the timeline switched to the clock axis", figures: toClock },
    { name: "and back to the step axis", figures: toSteps },
  ];
}

function print(labels: string[], rows: Row[]): void {
  const nameWidth = Math.max(...rows.map((row) => row.name.length));
  const columnWidth = Math.max(10, ...labels.map((label) => label.length + 2));
  const ratios = labels.length > 1;
  const header = labels.map((label) => label.padStart(columnWidth)).join("") + (ratios ? "   ratio to the first" : "");
  console.log(`${"(milliseconds)".padEnd(nameWidth)}${header}`);
  for (const row of rows) {
    const figures = row.figures.map((figure) => figure.toFixed(1).padStart(columnWidth)).join("");
    const ratio = ratios
      ? `   ${row.figures
          .slice(1)
          .map((figure) => `${(figure / row.figures[0]!).toFixed(2)}x`)
          .join(" ")}`
      : "";
    console.log(`${row.name.padEnd(nameWidth)}${figures}${ratio}`);
  }
}

const builds = process.argv.slice(2);
const labels = builds.length === 0 ? ["web/dist"] : builds.map((build) => path.basename(build));
const browser = await launchChromium();
const pages: StepperPage[] = [];
try {
  for (const build of builds.length === 0 ? [undefined] : builds) pages.push(await openWorkload(browser, build));
  console.log(`the run: ${pages.map((page) => `${page.total} steps`).join(", ")}`);
  const rows: Row[] = [
    { name: "first draw: the timeline's draw after the run's end", figures: pages.map((page) => page.draws.at(-1) ?? Number.NaN) },
    { name: "the slowest timeline draw while the run arrived", figures: pages.map((page) => Math.max(...page.draws)) },
    ...(await switchAxes(pages)),
    ...(await measure(pages, "the whole page")),
  ];
  // Again with the timeline hidden, to tell the timeline's share from the rest of the page's.
  for (const { page } of pages) await page.addStyleTag({ content: ".timeline-pane { display: none; }" });
  rows.push(...(await measure(pages, "without the timeline")));
  print(labels, rows);
} finally {
  for (const page of pages) await page.close();
  await browser.close();
}
