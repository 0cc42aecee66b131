// The REPL page's program tab in Chromium against the real server: a run streams its output
// and draws one lane per task with its final state; a compile error and a runtime error mark
// their lines in the editor; Stop ends an endless snippet.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../support/browser.ts";
import { type LooplabServer, startLooplab } from "../support/looplab-server.ts";
import { lanes, openReplPage, showAtOnce, stdout, typeCode, waitForEnd } from "../support/repl-page.ts";

let server: LooplabServer;
let browser: Browser;
let page: Page;

before(async () => {
  server = await startLooplab();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await openReplPage(page, server.url);
  await showAtOnce(page);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** The 1-based line numbers the editor marks as the error's, and the messages written there. */
async function markedLines(page: Page): Promise<{ lines: number[]; messages: string[] }> {
  return page.locator(".cm-content").evaluate((content) => {
    const lines = [...content.querySelectorAll(".cm-line")];
    return {
      lines: lines.flatMap((line, index) => (line.classList.contains("cm-error-line") ? [index + 1] : [])),
      messages: [...content.querySelectorAll(".cm-error-message")].map((element) => element.textContent ?? ""),
    };
  });
}

describe("the program tab", () => {
  test("a run streams its output before it ends and draws one lane per task, children under their parent, with their final states", async () => {
    await typeCode(
      page,
      `import asyncio from "asyncio";

async function worker(name: string, delay: number) {
  await asyncio.sleep(delay);
  if (name === "bad") throw new Error("boom");
  return name;
}

async function main() {
  print("start");
  let spins = 0;
  for (let i = 0; i < 12_000_000; i++) spins += i % 3;
  const ok = asyncio.createTask(worker("ok", 1), { name: "ok" });
  const bad = asyncio.createTask(worker("bad", 2), { name: "bad" });
  const slow = asyncio.createTask(worker("slow", 10), { name: "slow" });
  await asyncio.sleep(3);
  slow.cancel();
  const results = await asyncio.gather(ok, bad, slow, { returnExceptions: true });
  print("results:", results);
}

asyncio.run(main());
`,
    );
    await page.getByRole("button", { name: "Run the program" }).click();
    await page.locator(".console pre .stdout", { hasText: "start" }).waitFor();
    // The first line is there while the snippet still computes: streamed, not sent at the end.
    assert.equal(
      await page.getByRole("button", { name: "Stop the run" }).isVisible(),
      true,
      "the run had ended when its first output appeared",
    );
    assert.equal(await page.getByText("Running…").isVisible(), true);
    assert.equal(await waitForEnd(page), "Finished");
    assert.equal(await stdout(page), "start\nresults: ['ok', Error('boom'), CancelledError('')]\n");
    assert.deepEqual(await lanes(page), [
      { task: "Task-1", state: "done", depth: 0 },
      { task: "ok", state: "done", depth: 1 },
      { task: "bad", state: "failed", depth: 1 },
      { task: "slow", state: "cancelled", depth: 1 },
    ]);
    assert.equal(await page.locator("canvas[data-lanes]").getAttribute("data-lanes"), "4");
  });

  test("a compile error marks its line in the editor with the compiler's message", async () => {
    await typeCode(page, 'import asyncio from "asyncio";\n\nlet x = ;\nprint(x);\n');
    await page.getByRole("button", { name: "Run the program" }).click();
    assert.equal(await waitForEnd(page), "Ended with an error");
    const marked = await markedLines(page);
    assert.deepEqual(marked.lines, [3]);
    assert.equal(marked.messages.length, 1);
    assert.match(marked.messages[0]!, /Unexpected ";"/);
  });

  test("an uncaught error marks the line that threw, with the error's name and message", async () => {
    await typeCode(
      page,
      'import asyncio from "asyncio";\n\nasync function main() {\n  await asyncio.sleep(1);\n  throw new Error("boom");\n}\n\nasyncio.run(main());\n',
    );
    await page.keyboard.press("ControlOrMeta+Enter");
    assert.equal(await waitForEnd(page), "Ended with an error");
    assert.deepEqual(await markedLines(page), { lines: [5], messages: ["Error: boom"] });
    // Editing the code takes the mark away.
    await page.keyboard.insertText(" ");
    assert.deepEqual(await markedLines(page), { lines: [], messages: [] });
  });

  test("Stop ends an endless snippet", async () => {
    await typeCode(page, 'let i = 0;\nwhile (true) {\n  i++;\n  if (i % 2_000_000 === 0) print("still going", i);\n}\n');
    await page.getByRole("button", { name: "Run the program" }).click();
    await page.locator(".console pre .stdout", { hasText: "still going" }).waitFor();
    await page.getByRole("button", { name: "Stop the run" }).click();
    assert.equal(await waitForEnd(page, 5_000), "Stopped.");
    await page.getByRole("button", { name: "Run the program" }).waitFor();
  });
});

describe("a thousand tasks", () => {
  test("draw a thousand lanes and scroll at animation speed", async () => {
    await typeCode(
      page,
      `import asyncio from "asyncio";

async function worker(i: number) {
  await asyncio.sleep((i % 50) / 10);
  if (i % 7 === 0) throw new Error(\`bad \${i}\`);
  return i;
}

async function main() {
  const tasks = [];
  for (let i = 0; i < 1000; i++) tasks.push(asyncio.createTask(worker(i)));
  const results = await asyncio.gather(...tasks, { returnExceptions: true });
  print(results.length);
}

asyncio.run(main());
`,
    );
    await page.getByRole("button", { name: "Run the program" }).click();
    assert.equal(await waitForEnd(page), "Finished");
    assert.equal(await page.locator("canvas[data-lanes]").getAttribute("data-lanes"), "1001");
    const failed = (await lanes(page)).filter((lane) => lane.state === "failed");
    assert.equal(failed.length, 143);
    // Scrolling through the lanes redraws only those in view: frames keep the display's pace.
    const frames = await page.locator(".timeline .scroller").evaluate(async (scroller) => {
      const times: number[] = [];
      let last = performance.now();
      for (let frame = 0; frame < 60; frame++) {
        scroller.scrollTop += 220;
        await new Promise((resolve) => requestAnimationFrame(resolve));
        const now = performance.now();
        times.push(now - last);
        last = now;
      }
      return times.sort((a, b) => a - b);
    });
    assert.ok(frames[30]! < 34, `the median frame took ${frames[30]} ms while scrolling`);
  });
});
