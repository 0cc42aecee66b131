// Generators and greenlets get lanes of their own, in Chromium against the real server: the
// seeds' producer/consumer generator draws two lanes whose running slices alternate, each
// hand-off an arrow from one lane to the other; the greenlet example draws its switches the same
// way, each wait labelled with the greenlet it switched to. Read from the canvas's pixels, as a
// learner sees it, and from the text the page gives screen readers.
// Screenshots go to e2e/test-results/ for a person to look at.

import assert from "node:assert/strict";
import path from "node:path";
import { describe, test } from "node:test";
import type { Page } from "playwright-core";
import { programPageForFile } from "../support/program-page.ts";
import { laneCalls, runExample, showAtOnce, stdout, stepLanes } from "../support/repl-page.ts";
import { arrowBetween, readTimeline, slicesInOrder, type TimelinePicture } from "../support/timeline-canvas.ts";

const RESULTS = path.resolve(import.meta.dirname, "../test-results");

let page: Page;

programPageForFile(
  { width: 1280, height: 900 },
  (opened) => {
    page = opened;
  },
  showAtOnce,
);

const canvas = () => page.locator("canvas[data-axis]");

/**
 * The lanes of the drawn running slices, left to right, named from the table (the canvas draws
 * the lanes in the table's order), and checks each change of lane has its arrow.
 */
function drawnSequence(picture: TimelinePicture, names: string[]): string[] {
  const slices = slicesInOrder(picture);
  for (let index = 1; index < slices.length; index++) {
    const before = slices[index - 1]!;
    const after = slices[index]!;
    if (before.band === after.band) continue;
    assert.ok(
      arrowBetween(picture, before.band, after.band, after.slice.start),
      `an arrow from ${names[before.band]}'s slice to ${names[after.band]}'s at x=${after.slice.start}`,
    );
  }
  return slices.map(({ band }) => names[band] ?? `band ${band}`);
}

/** The tooltip's text with the pointer over the lane `band` at column `x` (in the canvas's pixels). */
async function tooltipAt(picture: TimelinePicture, band: number, x: number): Promise<string> {
  await canvas().scrollIntoViewIfNeeded();
  const box = (await canvas().boundingBox())!;
  const middle = (picture.bands[band]!.top + picture.bands[band]!.bottom) / 2;
  await page.mouse.move(box.x + (x * box.width) / picture.width, box.y + (middle * box.height) / picture.height);
  const tooltip = page.getByRole("tooltip");
  await tooltip.waitFor({ timeout: 5_000 });
  const text = (await tooltip.textContent()) ?? "";
  await page.mouse.move(0, 0);
  return text.replace(/\s+/g, " ");
}

/** The sentence read out at step `step`, moved to by keyboard. */
async function summaryAt(step: number): Promise<string> {
  const stepper = page.getByRole("region", { name: "Step through the run" });
  await stepper.getByRole("heading", { name: "Step through" }).click();
  await page.keyboard.press("Home");
  for (let press = 0; press < step; press++) await page.keyboard.press("ArrowRight");
  const summary = (await stepper.getByTestId("step-announcement").textContent()) ?? "";
  await page.keyboard.press("End");
  return summary;
}

describe("lanes for generators and greenlets", () => {
  test("the seeds' producer/consumer generator: two lanes, the slices alternating, each hand-off an arrow", async () => {
    assert.equal(await runExample(page, "generators/01-producer-consumer.ts"), "Finished");
    assert.match(await stdout(page), /^\[PRODUCER\] →→ Producing 1\.\.\.\n\[CONSUMER\] ←← Consuming 1\.\.\.\n/);
    // Everything happens at one instant of the loop: the page picked the step axis.
    assert.equal(await canvas().getAttribute("data-axis"), "steps");
    assert.deepEqual(await laneCalls(page), [
      { task: "main", coroutine: "<module>" },
      { task: "generator-1", coroutine: "consumer" },
    ]);
    const listed = await stepLanes(page);
    assert.match((await page.getByTestId("step-position").textContent()) ?? "", new RegExp(`^all ${listed.length} steps$`));
    assert.ok(listed.length >= 11, `five items make at least eleven hand-offs: ${listed.join(", ")}`);
    for (let index = 1; index < listed.length; index++) assert.notEqual(listed[index], listed[index - 1], `steps ${listed.join(", ")}`);

    const picture = await readTimeline(page);
    assert.equal(picture.bands.length, 2, "both lanes draw running slices");
    assert.deepEqual(drawnSequence(picture, ["main", "generator-1"]), listed, "the drawn slices are the listed steps, in order");

    // The consumer's second slice: main's next() (its step just before) woke it.
    const consumerSlice = picture.bands[1]!.slices[1]!;
    const text = await tooltipAt(picture, 1, Math.round((consumerSlice.start + consumerSlice.end) / 2));
    assert.match(text, /generator-1 consumer\(\)/);
    assert.match(text, /step 4 .*scheduled by step 3 \(main\)/);
    await page.locator(".timeline-pane").screenshot({ path: path.join(RESULTS, "lanes-generator.png") });

    // Stepped to it, the summary says what main's send handed the consumer.
    assert.match(
      await summaryAt(4),
      new RegExp(`^Step 4 of ${listed.length}: generator-1 \\(consumer\\) resumed at line 16 with 1, woken by main \\(step 3\\); `),
    );
  });

  test("a greenlet example: a lane per greenlet, each switch a hand-off to the greenlet it names", async () => {
    assert.equal(await runExample(page, "gevent-greenlet/01-greenlet-switch.ts"), "Finished");
    assert.equal(await stdout(page), "12\n56\n34\n78\n");
    assert.equal(await canvas().getAttribute("data-axis"), "steps");
    const calls = await laneCalls(page);
    assert.deepEqual(calls, [
      { task: "main", coroutine: "<module>" },
      { task: "greenlet-1", coroutine: "test1" },
      { task: "greenlet-2", coroutine: "test2" },
    ]);
    const listed = await stepLanes(page);
    // main makes the greenlets and switches: 12, switch, 56, switch, 34, switch, 78 and back to main, whose switch returns.
    assert.deepEqual(listed, ["main", "greenlet-1", "greenlet-2", "greenlet-1", "greenlet-2", "main"]);

    const picture = await readTimeline(page);
    assert.equal(picture.bands.length, 3, "every greenlet and main draw running slices");
    assert.deepEqual(
      drawnSequence(
        picture,
        calls.map((call) => call.task),
      ),
      listed,
    );

    // Between its two slices greenlet-1 waits on its switch to greenlet-2, labelled so.
    const [first, second] = picture.bands[1]!.slices;
    const waiting = await tooltipAt(picture, 1, Math.round((first!.end + second!.start) / 2));
    assert.match(waiting, /greenlet-1 test1\(\).*waiting on switch to greenlet-2/);
    await page.locator(".timeline-pane").screenshot({ path: path.join(RESULTS, "lanes-greenlet.png") });
    assert.match(
      await summaryAt(4),
      /^Step 4 of 6: greenlet-1 \(test1\) resumed( at line 6)?, woken by greenlet-2 \(step 3\); ready next: /,
    );
  });
});
