// The program tab's console in Chromium: after a long run shown at once it stands at its end,
// with the end line in view; a person who scrolled up during a live run is not pulled down;
// and the end starts on a line of its own after output the output limit cut mid-line.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Page } from "playwright-core";
import { programPageForFile } from "../support/program-page.ts";
import { showAtOnce, typeCode, waitForEnd } from "../support/repl-page.ts";

let page: Page;
programPageForFile({ width: 1280, height: 900 }, (opened) => (page = opened), showAtOnce);

interface ScrollState {
  /** Pixels between the view's bottom and the console's end. */
  belowView: number;
  scrollTop: number;
  /** Whether the run's end line lies wholly inside the console's visible box. */
  endLineInView: boolean;
}

function scrollState(page: Page): Promise<ScrollState> {
  return page.locator(".console .output").evaluate((scroller) => {
    const end = scroller.querySelector(".status-ok, .status-error, .status-stopped");
    const box = scroller.getBoundingClientRect();
    const line = end?.getBoundingClientRect();
    return {
      belowView: scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight,
      scrollTop: scroller.scrollTop,
      endLineInView: line !== undefined && line.top >= box.top && line.bottom <= box.bottom,
    };
  });
}

describe("the console", () => {
  test("after a run of 200 printed lines shown at once, the console stands at its end with the end line in view", async () => {
    await typeCode(page, 'for (let i = 1; i <= 200; i++) print("line", i);\n');
    await page.getByRole("button", { name: "Run the program" }).click();
    assert.equal(await waitForEnd(page), "Finished");
    await page.locator(".console pre .stdout", { hasText: "line 200" }).waitFor();
    const state = await scrollState(page);
    assert.ok(state.scrollTop > 0, "the console did not scroll at all");
    assert.ok(state.belowView < 2, `the console stopped ${state.belowView} px above its end`);
    assert.ok(state.endLineInView, "the end line is out of view");
  });

  test("a person who scrolled up while the run goes on stays where they scrolled", async () => {
    await typeCode(
      page,
      `for (let i = 1; i <= 200; i++) print(\`line \${i}\`);
let spins = 0;
for (let i = 0; i < 12_000_000; i++) spins += i % 3;
for (let i = 201; i <= 400; i++) print(\`line \${i}\`);
`,
    );
    await page.getByRole("button", { name: "Run the program" }).click();
    await page.locator(".console pre .stdout", { hasText: "line 200" }).waitFor();
    const scrolledWhileRunning = await page.locator(".console .output").evaluate((scroller) => {
      scroller.scrollTop = 0;
      return document.querySelector("button[aria-label='Stop the run']") !== null;
    });
    assert.equal(await waitForEnd(page), "Finished");
    await page.locator(".console pre .stdout", { hasText: "line 400" }).waitFor();
    // Let the page finish its updates before reading where the view is.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const state = await scrollState(page);
    // The spin takes about a second of CPU (as in program.test.ts): the run is still going when line 200 shows.
    assert.ok(scrolledWhileRunning, "the run had ended before the person scrolled up");
    assert.equal(state.scrollTop, 0, "the console pulled the person back down");
  });

  test("the output limit's message starts on a line of its own after output cut mid-line", async () => {
    await typeCode(page, 'print("x".repeat(1_100_000));\n');
    await page.getByRole("button", { name: "Run the program" }).click();
    assert.match(await waitForEnd(page), /^[^\n]*output limit exceeded/);
    const text = (await page.locator(".console pre").textContent()) ?? "";
    assert.match(text, /x\n[^\n]*output limit exceeded/);
    assert.ok((await scrollState(page)).endLineInView, "the end line is out of view");
  });
});
