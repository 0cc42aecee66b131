// The timeline's step axis in Chromium against the real server: sleep(0) ping-pong picks the
// step axis and its slots alternate between the two tasks; a thousand tasks scroll inside a
// bounded area instead of stretching the page; a long sleep is shown at once by default; a
// cancellation is marked where it is asked for and where it is delivered.
// Screenshots go to e2e/test-results/ for a person to look at.

import assert from "node:assert/strict";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { exampleSource } from "../../runtime/test/example-source.ts";
import { launchChromium } from "../support/browser.ts";
import { type LooplabServer, startLooplab } from "../support/looplab-server.ts";
import { lanes, openReplPage, stdout, typeCode, waitForEnd } from "../support/repl-page.ts";

/** The gallery's example of main cancelling a sleeping task. */
const TASK_CANCEL = exampleSource("tasks/17-task-cancel.ts");

const RESULTS = path.resolve(import.meta.dirname, "../test-results");

let server: LooplabServer;
let browser: Browser;
let page: Page;

before(async () => {
  server = await startLooplab();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await openReplPage(page, server.url);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function run(code: string): Promise<string> {
  await typeCode(page, code);
  await page.getByRole("button", { name: "Run the program" }).click();
  return waitForEnd(page);
}

/** The lane of each step the step axis lists, in order. */
async function stepLanes(): Promise<string[]> {
  return page
    .locator("ol[aria-label='Steps of the run'] li[data-step]")
    .evaluateAll((items) => items.map((item) => item.getAttribute("data-lane") ?? ""));
}

/** The rows of the lanes drawn on the canvas that show a pixel of a CSS colour variable, top to bottom. */
async function rowsInColour(variable: string): Promise<number[]> {
  await page.mouse.move(0, 0);
  return page.locator("canvas[data-axis]").evaluate(
    (element, { variable, axis, row }) => {
      const canvas = element as HTMLCanvasElement;
      // The colour as the canvas paints it, whatever syntax the page's CSS writes it in.
      const probe = document.createElement("canvas").getContext("2d", { willReadFrequently: true })!;
      probe.fillStyle = getComputedStyle(canvas).getPropertyValue(variable).trim();
      probe.fillRect(0, 0, 1, 1);
      const [red, green, blue] = probe.getImageData(0, 0, 1, 1).data;
      const ratio = canvas.width / canvas.clientWidth;
      const pixels = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
      const rows = new Set<number>();
      for (let offset = 0; offset < pixels.length; offset += 4) {
        const near =
          Math.abs(pixels[offset]! - red!) + Math.abs(pixels[offset + 1]! - green!) + Math.abs(pixels[offset + 2]! - blue!) <= 12;
        const y = Math.floor(offset / 4 / canvas.width) / ratio;
        if (near && y >= axis) rows.add(Math.floor((y - axis) / row));
      }
      return [...rows].sort((first, second) => first - second);
    },
    { variable, axis: 34, row: 22 },
  );
}

/** The canvas rows of the lanes of these tasks: their order in the table, after a lane of the loop's callbacks when there is one. */
async function laneRows(tasks: string[]): Promise<number[]> {
  const order = (await lanes(page)).map((lane) => lane.task);
  const callbackLane = (await stepLanes()).some((lane) => !/^Task-\d+$/.test(lane)) ? 1 : 0;
  return tasks.map((task) => order.indexOf(task) + callbackLane).sort((first, second) => first - second);
}

describe("the timeline", () => {
  test("sleep(0) ping-pong is drawn on the step axis, its slots alternating between the two tasks", async () => {
    assert.equal(
      await run(`import asyncio from "asyncio";

async function player(name: string) {
  for (let turn = 0; turn < 4; turn++) {
    print(name, turn);
    await asyncio.sleep(0);
  }
}

async function main() {
  await asyncio.gather(player("ping"), player("pong"));
}

asyncio.run(main());
`),
      "Finished",
    );
    assert.match(await stdout(page), /^ping 0\npong 0\nping 1\npong 1\n/);
    // Everything happened at 0 s: the page chose the step axis by itself.
    assert.equal(await page.locator("canvas[data-axis]").getAttribute("data-axis"), "steps");
    assert.equal(await page.getByLabel("Steps", { exact: true }).isChecked(), true);
    const players = (await stepLanes()).filter((lane) => lane === "Task-2" || lane === "Task-3");
    assert.equal(players.length, 10, `the players' steps: ${players.join(", ")}`);
    for (let index = 1; index < players.length; index++) assert.notEqual(players[index], players[index - 1], `steps ${players.join(", ")}`);
    await page.locator(".timeline-pane").screenshot({ path: path.join(RESULTS, "timeline-ping-pong.png") });

    // The learner can switch to the clock, where the same run has no width.
    await page.getByLabel("Clock", { exact: true }).check();
    assert.equal(await page.locator("canvas[data-axis]").getAttribute("data-axis"), "clock");
    await page.getByLabel("Steps", { exact: true }).check();
  });

  test("a producer and a consumer on a queue: the consumer is woken by the producer's steps", async () => {
    assert.equal(
      await run(`import asyncio from "asyncio";

async function producer(queue: asyncio.Queue<number>) {
  for (let item = 1; item <= 3; item++) {
    await queue.put(item);
    print("put", item);
    await asyncio.sleep(0.5);
  }
}

async function consumer(queue: asyncio.Queue<number>) {
  for (let count = 0; count < 3; count++) {
    const item = await queue.get();
    print("got", item);
  }
}

async function main() {
  const queue = new asyncio.Queue<number>();
  await asyncio.gather(producer(queue), consumer(queue));
}

asyncio.run(main());
`),
      "Finished",
    );
    await page.getByLabel("Steps", { exact: true }).check();
    assert.deepEqual(
      (await lanes(page)).map((lane) => lane.task),
      ["Task-1", "Task-2", "Task-3"],
    );
    // The consumer's steps after its first were woken by the producer's puts.
    const consumerSteps = await page
      .locator("ol[aria-label='Steps of the run'] li[data-lane='Task-3']")
      .evaluateAll((items) => items.map((item) => item.textContent ?? ""));
    assert.ok(
      consumerSteps.slice(1).some((text) => /scheduled by step \d+ \(Task-2\)/.test(text)),
      `the consumer's steps: ${consumerSteps.join(" | ")}`,
    );
    await page.locator(".timeline-pane").screenshot({ path: path.join(RESULTS, "timeline-queue.png") });
  });

  test("main cancels a sleeping task: a mark on main's lane where it asks, and on the task's where it is delivered", async () => {
    assert.equal(await run(TASK_CANCEL), "Finished");
    assert.match(await stdout(page), /^start\.\.\.\n任务已经被取消:True\n/);
    await page.getByLabel("Steps", { exact: true }).check();
    const cancellations = await page.locator("ul[aria-label='Cancellations'] li").evaluateAll((items) =>
      items.map((item) => ({
        task: item.getAttribute("data-task"),
        by: item.getAttribute("data-by"),
        step: Number(item.getAttribute("data-step")),
        delivered: Number(item.getAttribute("data-delivered-step")),
      })),
    );
    assert.equal(cancellations.length, 1, JSON.stringify(cancellations));
    const [request] = cancellations;
    assert.equal(request!.task, "Task-2");
    assert.equal(request!.by, "Task-1");
    assert.ok(request!.delivered > request!.step, JSON.stringify(request));
    // The step that delivered it is the sleeper's, and says so.
    const delivering = page.locator(`ol[aria-label='Steps of the run'] li[data-step='${request!.delivered}']`);
    assert.equal(await delivering.getAttribute("data-lane"), "Task-2");
    assert.match((await delivering.textContent()) ?? "", /delivering a cancellation/);
    // On the canvas, the cancelled colour marks two lanes: main's, where it asked, and the sleeper's.
    assert.deepEqual(await rowsInColour("--state-cancelled"), await laneRows(["Task-1", "Task-2"]));
    await page.locator(".timeline-pane").screenshot({ path: path.join(RESULTS, "timeline-cancel.png") });
  });

  test("a thousand tasks scroll inside the timeline: the page's height stays bounded", async () => {
    assert.equal(
      await run(`import asyncio from "asyncio";

async function work(index: number) {
  await asyncio.sleep(index % 7);
}

async function main() {
  await asyncio.gather(...Array.from({ length: 1000 }, (_, index) => work(index)));
}

asyncio.run(main());
`),
      "Finished",
    );
    assert.equal(await page.locator("canvas[data-lanes]").getAttribute("data-lanes"), "1001");
    assert.equal((await lanes(page)).length, 1001);
    const heights = await page.evaluate(() => ({
      page: document.documentElement.scrollHeight,
      timeline: document.querySelector(".timeline .scroller")!.getBoundingClientRect().height,
    }));
    assert.ok(heights.timeline <= 330, `the timeline is ${heights.timeline} px high`);
    assert.ok(heights.page <= 1600, `the page is ${heights.page} px high with 1,000 tasks`);
    await page.locator(".timeline-pane").screenshot({ path: path.join(RESULTS, "timeline-thousand.png") });
  });

  test("the REPL's timeline adds no lane for an input that starts no task", async () => {
    await page.getByRole("tab", { name: "REPL" }).click();
    const input = page.getByRole("textbox", { name: "REPL input" });
    const replLanes = () =>
      page
        .locator("#repl-tab table[aria-label='Tasks of the run'] tr[data-task]")
        .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-task") ?? ""));
    async function evaluate(code: string): Promise<void> {
      await input.fill(code);
      await input.press("Enter");
      await page.getByRole("button", { name: "Run input" }).and(page.locator(":enabled")).waitFor();
    }
    await evaluate('import asyncio from "asyncio";');
    await evaluate("1 + 1");
    await evaluate("const answer = 6 * 7;");
    assert.deepEqual(await replLanes(), []);
    await page.getByRole("tab", { name: "Program" }).click();
  });

  test("a page opened afresh shows a run at once: sleep(60) does not keep the learner waiting", async () => {
    const fresh = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await openReplPage(fresh, server.url);
    assert.equal(await fresh.getByLabel("Show at once").isChecked(), true);
    const swap = page;
    page = fresh;
    try {
      assert.equal(
        await run(`import asyncio from "asyncio";

async function main() {
  await asyncio.sleep(60);
  print("a minute later");
}

asyncio.run(main());
`),
        "Finished",
      );
      assert.deepEqual(await lanes(fresh), [{ task: "Task-1", state: "done", depth: 0 }]);
    } finally {
      page = swap;
      await fresh.close();
    }
  });
});
