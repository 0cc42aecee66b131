// Every example the gallery offers runs from the gallery, in Chromium against the real server,
// and prints exactly what examples/ says it prints (stdout, stderr, and the error it must end
// with, if any).

import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { EXAMPLES_DIRECTORY, readGallery } from "../../web/build/examples-index.ts";
import { launchChromium } from "../support/browser.ts";
import { type LooplabServer, startLooplab } from "../support/looplab-server.ts";
import { openReplPage, showAtOnce, stderr, stdout, waitForEnd } from "../support/repl-page.ts";

let server: LooplabServer;
let browser: Browser;
let page: Page;

before(async () => {
  // The gallery runs under the product's default limits: every example must fit them.
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

function expected(examplePath: string, suffix: string): string | null {
  const file = path.join(EXAMPLES_DIRECTORY, examplePath.replace(/\.ts$/, `.${suffix}`));
  return existsSync(file) ? readFileSync(file, "utf8") : null;
}

const groups = readGallery();

test("the gallery lists every runnable example, grouped by folder", async () => {
  await page.getByRole("button", { name: "Examples" }).click();
  await page.locator("button.example").first().waitFor();
  const listed = await page.locator("button.example").evaluateAll((buttons) => buttons.map((button) => button.getAttribute("data-path")));
  assert.deepEqual(
    listed,
    groups.flatMap((group) => group.examples.map((example) => example.path)),
  );
  const headings = await page.locator(".gallery h3").allTextContents();
  assert.deepEqual(
    headings,
    groups.map((group) => group.title),
  );
  await page.keyboard.press("Escape");
});

for (const group of groups) {
  for (const example of group.examples) {
    test(`gallery example ${example.path} runs and prints what examples/ expects`, async () => {
      await page.getByRole("button", { name: "Examples" }).click();
      await page.locator(`button.example[data-path="${example.path}"]`).click();
      const ending = await waitForEnd(page);
      const error = expected(example.path, "expected-error.txt");
      assert.equal(await stdout(page), expected(example.path, "expected.txt") ?? "");
      assert.equal(await stderr(page), expected(example.path, "expected-stderr.txt") ?? "");
      if (error === null) {
        assert.equal(ending, "Finished");
      } else {
        const traceback = (await page.locator(".console pre .error").allTextContents()).join("");
        assert.ok(traceback.endsWith(error.endsWith("\n") ? error : `${error}\n`), `${traceback} does not end with ${error}`);
      }
    });
  }
}
