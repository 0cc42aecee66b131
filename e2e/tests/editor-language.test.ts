// The editor's TypeScript features on the full page, in Chromium against the real server: once
// the language service has loaded (after the page is interactive), `asyncio.` completes the
// module's names, a wrong type is a warning that does not stop a run, hovering `asyncio.sleep`
// shows its declaration and a call shows its signature. A screenshot goes to e2e/test-results/.

import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { programPageForFile } from "../support/program-page.ts";
import { showAtOnce, stdout, typeCode, waitForEnd } from "../support/repl-page.ts";

const RESULTS = path.resolve(import.meta.dirname, "../test-results");

let page: Page;

programPageForFile(
  { width: 1280, height: 900 },
  (opened) => {
    page = opened;
  },
  // TypeScript loads in a worker after the page is interactive: the Run button was usable first.
  async (opened) => {
    await showAtOnce(opened);
    await opened.locator(".cm-editor[data-language-service='ready']").waitFor({ timeout: 60_000 });
  },
);

const PROGRAM = `import asyncio from "asyncio";

const x: number = "str";
print("ran", x);
asyncio.run(asyncio.sleep(1));
`;

test("typing asyncio. lists the module's names", async () => {
  await typeCode(page, PROGRAM);
  await page.keyboard.type("asyncio.");
  const list = page.locator(".cm-tooltip-autocomplete");
  await list.waitFor({ timeout: 20_000 });
  await list.locator(".cm-completionLabel", { hasText: /^gather$/ }).waitFor();
  const labels = await list.locator(".cm-completionLabel").allTextContents();
  for (const name of ["sleep", "gather", "createTask", "Queue"]) assert.ok(labels.includes(name), `no ${name} in ${labels.join(", ")}`);
  await page.locator(".editor-box").screenshot({ path: path.join(RESULTS, "editor-language-completion.png") });
  await page.keyboard.press("Escape");
  for (let i = 0; i < "asyncio.".length; i++) await page.keyboard.press("Backspace");
});

test("a wrong type is a warning, and the program still runs", async () => {
  await typeCode(page, PROGRAM);
  const warning = page.locator(".cm-lintRange-warning");
  await warning.first().waitFor({ timeout: 20_000 });
  assert.equal(await warning.first().textContent(), "x");
  assert.equal(await page.locator(".cm-lintRange-error").count(), 0, "a type error is marked as an error");
  await warning.first().hover();
  const message = page.locator(".cm-tooltip-lint .cm-diagnostic-warning");
  await message.waitFor();
  assert.match((await message.textContent()) ?? "", /Type 'string' is not assignable to type 'number'/);
  await page.locator(".editor-box").screenshot({ path: path.join(RESULTS, "editor-language-warning.png") });

  await page.getByRole("button", { name: "Run the program" }).click();
  assert.equal(await waitForEnd(page), "Finished");
  assert.equal(await stdout(page), "ran str\n");
});

test("hovering asyncio.sleep shows its declaration, and a call shows its signature", async () => {
  await typeCode(page, PROGRAM);
  const sleep = page.locator(".cm-line", { hasText: "asyncio.run(asyncio.sleep(1))" }).locator("span", { hasText: /^sleep$/ });
  await sleep.hover();
  const hover = page.locator(".cm-quick-info");
  await hover.waitFor({ timeout: 20_000 });
  assert.match((await hover.textContent()) ?? "", /sleep.*\(delay: number, result\?: .*\): .*Coroutine/);
  await page.locator(".editor-box").screenshot({ path: path.join(RESULTS, "editor-language-hover.png") });
  await page.mouse.move(0, 0);

  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.type("asyncio.gather(asyncio.sleep(");
  // gather's signature shows first, then sleep's once its parenthesis is typed.
  const signature = page.locator(".cm-signature-help", { hasText: /sleep.*\(delay: number/ });
  await signature.waitFor({ timeout: 20_000 });
  assert.equal(await signature.locator("strong").textContent(), "delay: number");
  await page.screenshot({ path: path.join(RESULTS, "editor-language.png") });
});
