// Every example the gallery offers runs from the gallery, in Chromium against the real server,
// prints exactly what examples/ says it prints (stdout, stderr, and the error it must end
// with, if any), and draws a view to step through: running slices on the timeline's step axis
// and a stepper with steps, an example that ends in an error on purpose too.

import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { EXAMPLES_DIRECTORY, readGallery } from "../../web/build/examples-index.ts";
import { programPageForFile } from "../support/program-page.ts";
import { runExample, showAtOnce, stderr, stdout } from "../support/repl-page.ts";
import { readTimeline } from "../support/timeline-canvas.ts";

let page: Page;

// The gallery runs under the product's default limits: every example must fit them.
programPageForFile(
  { width: 1280, height: 900 },
  (opened) => {
    page = opened;
  },
  showAtOnce,
);

function expected(examplePath: string, suffix: string): string | null {
  const file = path.join(EXAMPLES_DIRECTORY, examplePath.replace(/\.ts$/, `.${suffix}`));
  return existsSync(file) ? readFileSync(file, "utf8") : null;
}

const groups = readGallery();

/** The view of the run just ended, on the step axis: something ran, and the stepper has its steps. */
async function checkViewIsDrawn(): Promise<void> {
  await page.getByLabel("Steps", { exact: true }).check();
  assert.equal(await page.locator("canvas[data-axis]").getAttribute("data-axis"), "steps");
  const position = (await page.getByTestId("step-position").textContent()) ?? "";
  const steps = Number(/^all (\d+) steps?$/.exec(position)?.[1] ?? 0);
  assert.ok(steps > 0, `the stepper has steps: "${position}"`);
  const stepper = page.getByRole("region", { name: "Step through the run" });
  await stepper.getByTestId("step-summary").waitFor();
  const picture = await readTimeline(page);
  assert.ok(
    picture.bands.some((band) => band.slices.length > 0),
    "the timeline draws running slices",
  );
}

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
    test(`gallery example ${example.path} runs, prints what examples/ expects and draws its steps`, async (context) => {
      const ending = await runExample(page, example.path);
      const error = expected(example.path, "expected-error.txt");
      assert.equal(await stdout(page), expected(example.path, "expected.txt") ?? "");
      assert.equal(await stderr(page), expected(example.path, "expected-stderr.txt") ?? "");
      if (error === null) {
        assert.equal(ending, "Finished");
      } else {
        const traceback = (await page.locator(".console pre .error").allTextContents()).join("");
        assert.ok(traceback.endsWith(error.endsWith("\n") ? error : `${error}\n`), `${traceback} does not end with ${error}`);
      }
      await context.test("draws a non-empty view to step through", checkViewIsDrawn);
    });
  }
}
