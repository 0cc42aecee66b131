// The REPL tab against the real server: declarations persist between inputs, top-level await
// works, the history comes back with the up arrow, and a background task is listed live and
// cancelled with its button.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../support/browser.ts";
import { type LooplabServer, startLooplab } from "../support/looplab-server.ts";

let server: LooplabServer;
let browser: Browser;
let page: Page;

before(async () => {
  server = await startLooplab();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(server.url);
  await page.getByRole("tab", { name: "REPL" }).click();
  await page.getByText("Try: import asyncio").waitFor();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const input = () => page.getByRole("textbox", { name: "REPL input" });

/** Types one input, presses Enter, and waits until the session answered it. */
async function evaluate(code: string): Promise<void> {
  await input().fill(code);
  await input().press("Enter");
  await page.getByRole("button", { name: "Run input" }).and(page.locator(":enabled")).waitFor();
}

async function transcript(): Promise<{ kind: string; text: string }[]> {
  return page
    .locator("[aria-label='REPL transcript'] .entry")
    .evaluateAll((entries) => entries.map((entry) => ({ kind: entry.classList[1] ?? "", text: entry.textContent ?? "" })));
}

test("the REPL keeps declarations between inputs, awaits at top level, and shows output and results in order", async () => {
  await evaluate('import asyncio from "asyncio";');
  await evaluate("const answer = 6 * 7;");
  await evaluate('print("before"); const late = await asyncio.sleep(0.2, answer); print("after"); late');
  assert.deepEqual((await transcript()).slice(-3), [
    { kind: "input", text: '>>> print("before"); const late = await asyncio.sleep(0.2, answer); print("after"); late' },
    { kind: "stdout", text: "before\nafter\n" },
    { kind: "result", text: "42" },
  ]);
  // The history brings the last input back.
  await input().press("ArrowUp");
  assert.equal(await input().inputValue(), 'print("before"); const late = await asyncio.sleep(0.2, answer); print("after"); late');
  await input().fill("");
});

test("a background task is listed while it runs and its Cancel button cancels it", async () => {
  await evaluate('const sleeper = asyncio.createTask(asyncio.sleep(60), { name: "sleeper" });');
  const cancel = page.getByRole("button", { name: "Cancel sleeper" });
  await cancel.waitFor();
  await cancel.click();
  await cancel.waitFor({ state: "detached" });
  await evaluate("sleeper.cancelled()");
  assert.deepEqual((await transcript()).at(-1), { kind: "result", text: "True" });
  const rows = await page.locator("table[aria-label='Tasks of the run'] tr[data-task='sleeper']").getAttribute("data-state");
  assert.equal(rows, "cancelled");
});
