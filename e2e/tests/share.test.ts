// Sharing against the real server: a saved snippet's link opens it on a new page; a link
// without saving carries the code in its fragment; the embed dialog writes the widget's iframe.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../support/browser.ts";
import { type LooplabServer, startLooplab } from "../support/looplab-server.ts";
import { openReplPage, showAtOnce, stdout, typeCode, waitForEnd } from "../support/repl-page.ts";

let server: LooplabServer;
let browser: Browser;
let page: Page;

before(async () => {
  server = await startLooplab();
  browser = await launchChromium();
  page = await browser.newPage();
  await openReplPage(page, server.url);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Opens `url` in a fresh browser context (nothing in its storage), runs what it shows, returns its stdout. */
async function runOnNewPage(url: string): Promise<{ page: Page; output: string }> {
  const context = await browser.newContext();
  const opened = await context.newPage();
  await openReplPage(opened, url);
  await showAtOnce(opened);
  await opened.getByRole("button", { name: "Run the program" }).click();
  await waitForEnd(opened);
  return { page: opened, output: await stdout(opened) };
}

test("a saved snippet's link opens it on a new page, ready to run", async () => {
  await typeCode(
    page,
    'import asyncio from "asyncio";\n\nasync function main() {\n  await asyncio.sleep(1);\n  print("shared with a saved link");\n}\n\nasyncio.run(main());\n',
  );
  await page.getByRole("button", { name: "Share" }).click();
  await page.getByRole("button", { name: "Save and copy link" }).click();
  const link = page.getByRole("textbox", { name: "Saved snippet link" });
  await link.waitFor();
  const url = await link.inputValue();
  assert.match(url, new RegExp(`^${server.url}/s/[A-Za-z0-9_-]{8,}$`));
  const { page: opened, output } = await runOnNewPage(url);
  assert.equal(output, "shared with a saved link\n");
  assert.match((await opened.locator(".snippet-note").textContent()) ?? "", /Shared snippet/);
  await opened.context().close();
});

test("a link without saving carries the code in its fragment", async () => {
  await page.getByRole("button", { name: "Close" }).first().click();
  await typeCode(page, 'print("only in the link: 返回值");\n');
  await page.getByRole("button", { name: "Share" }).click();
  await page.getByRole("button", { name: "Copy link without saving" }).click();
  const url = await page.getByRole("textbox", { name: "Link without saving" }).inputValue();
  assert.match(url, new RegExp(`^${server.url}/#code=[A-Za-z0-9_-]+$`));
  const { page: opened, output } = await runOnNewPage(url);
  assert.equal(output, "only in the link: 返回值\n");
  // The code became the page's draft and left the address bar.
  assert.equal(new URL(opened.url()).hash, "");
  await opened.context().close();
});

test("the embed dialog writes a sandboxed iframe of the saved snippet with the chosen options", async () => {
  await page.getByRole("checkbox", { name: "Read-only code" }).check();
  await page.getByRole("checkbox", { name: "Show the timeline" }).uncheck();
  await page.getByRole("button", { name: "Get the embed code" }).click();
  const code = await page.getByRole("textbox", { name: "Embed code" }).inputValue();
  const match = new RegExp(
    `<iframe src="${server.url}/embed/([A-Za-z0-9_-]+)\\?autorun=1&amp;readonly=1&amp;panels=editor%2Cconsole"`,
  ).exec(code);
  assert.ok(match !== null, code);
  assert.match(code, /sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"/);
  assert.match(code, /looplab:resize/);
  const snippet = (await (await fetch(`${server.url}/api/snippets/${match[1]}`)).json()) as { code: string };
  assert.equal(snippet.code, 'print("only in the link: 返回值");\n');
});
