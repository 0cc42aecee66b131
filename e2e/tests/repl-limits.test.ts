// A REPL input that hits a limit, in the page: the page says which limit ended it and what
// became of the session, keeps the transcript and what the person was typing, and starts a
// new session with the earlier declarations replayed when asked, no print running again.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../support/browser.ts";
import { type LooplabServer, startLooplab } from "../support/looplab-server.ts";

let server: LooplabServer;
let browser: Browser;
let page: Page;

before(async () => {
  // A small CPU limit, so the runaway input ends soon.
  server = await startLooplab({ LOOPLAB_CPU_MS: "400" });
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
const runInput = () => page.getByRole("button", { name: "Run input" });

async function evaluate(code: string): Promise<void> {
  await input().fill(code);
  await input().press("Enter");
  await runInput().and(page.locator(":enabled")).waitFor();
}

async function transcript(): Promise<{ kind: string; text: string }[]> {
  return page
    .locator("[aria-label='REPL transcript'] .entry")
    .evaluateAll((entries) => entries.map((entry) => ({ kind: entry.classList[1] ?? "", text: entry.textContent ?? "" })));
}

test("an input past the CPU limit: the page names the limit, keeps the transcript and the typed text, and a new session has the earlier declarations", async () => {
  await evaluate("function twice(n: number) { return 2 * n; }");
  await evaluate('print("printed once"); const base = 20;');
  await input().fill("while (true) {}");
  await input().press("Enter");
  // Typed while the runaway input runs.
  await input().fill("twice(base + 1)");

  const notice = page.locator("[aria-label='REPL transcript'] .entry.notice");
  await notice.first().waitFor({ timeout: 30_000 });
  const said = (await notice.first().textContent()) ?? "";
  assert.match(
    said,
    // On a machine too busy to give the input its CPU, the wall clock decides, and says so.
    /^This input hit a limit: CPU time limit exceeded: the snippet (ran for \d+ ms of CPU time, more than 0\.4 s \(read on |held its sandbox for [\d.]+ s of wall time)/,
  );
  assert.match(said, /Its variables and tasks are gone; the transcript stays/);

  const kept = await transcript();
  assert.deepEqual(
    kept.slice(0, 4).map(({ kind, text }) => [kind, text]),
    [
      ["input", ">>> function twice(n: number) { return 2 * n; }"],
      ["input", '>>> print("printed once"); const base = 20;'],
      ["stdout", "printed once\n"],
      ["input", ">>> while (true) {}"],
    ],
  );
  assert.equal(await input().inputValue(), "twice(base + 1)", "what was being typed is still there");
  assert.equal(await runInput().isDisabled(), true, "no input runs in an ended session");

  await page.getByRole("button", { name: "Start a new session with the earlier declarations" }).click();
  await page.getByText("A new session started with the earlier declarations replayed: twice, base.").waitFor();
  await runInput().and(page.locator(":enabled")).waitFor();
  await input().press("Enter");
  await runInput().and(page.locator(":enabled")).waitFor();
  const after = await transcript();
  assert.deepEqual(after.slice(-2), [
    { kind: "input", text: ">>> twice(base + 1)" },
    { kind: "result", text: "42" },
  ]);
  assert.equal(after.filter((entry) => entry.text.includes("printed once\n")).length, 1, "the replay printed nothing");
  assert.equal(after.slice(0, 4).length, 4, "the old transcript is still above");
});
