// What the tests do on the REPL page, as a person would: type into the editor, press Run, read
// the console and the timeline's lanes (from the table that mirrors the canvas for screen readers).

import type { Page } from "playwright-core";

export interface LaneRow {
  task: string;
  state: string;
  depth: number;
}

/** Opens the page and waits until it is connected and the editor is there. */
export async function openReplPage(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole("button", { name: "Run the program" }).and(page.locator(":enabled")).waitFor();
}

/** Replaces the editor's code by typing it (as one insertion, so auto-indent does not add to it). */
export async function typeCode(page: Page, code: string): Promise<void> {
  const editor = page.getByRole("textbox", { name: "Program code" });
  await editor.click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(code);
}

export async function showAtOnce(page: Page): Promise<void> {
  await page.getByLabel("Show at once").first().check();
}

/** Waits until the console says how the run ended, and returns that line. */
export async function waitForEnd(page: Page, timeout = 30_000): Promise<string> {
  const status = page.locator(".console pre").locator(".status-ok, .status-error, .status-stopped");
  await status.first().waitFor({ timeout });
  return (await status.first().textContent()) ?? "";
}

/** The console's stdout, as printed. */
export async function stdout(page: Page): Promise<string> {
  return (await page.locator(".console pre .stdout").allTextContents()).join("");
}

export async function stderr(page: Page): Promise<string> {
  return (await page.locator(".console pre .stderr").allTextContents()).join("");
}

export async function lanes(page: Page): Promise<LaneRow[]> {
  return page.locator("table[aria-label='Tasks of the run'] tr[data-task]").evaluateAll((rows) =>
    rows.map((row) => ({
      task: row.getAttribute("data-task") ?? "",
      state: row.getAttribute("data-state") ?? "",
      depth: Number(row.getAttribute("data-depth")),
    })),
  );
}

/** Each lane's task name and coroutine, as the timeline's table lists them. */
export async function laneCalls(page: Page): Promise<{ task: string; coroutine: string }[]> {
  return page
    .locator("table[aria-label='Tasks of the run'] tr[data-task]")
    .evaluateAll((rows) =>
      rows.map((row) => ({ task: row.getAttribute("data-task") ?? "", coroutine: row.children[1]?.textContent ?? "" })),
    );
}

/** The lane of each step the step axis lists, in order. */
export async function stepLanes(page: Page): Promise<string[]> {
  return page
    .locator("ol[aria-label='Steps of the run'] li[data-step]")
    .evaluateAll((items) => items.map((item) => item.getAttribute("data-lane") ?? ""));
}

/** Picks an example from the gallery (which runs it) and waits for the run's end line. */
export async function runExample(page: Page, examplePath: string): Promise<string> {
  await page.getByRole("button", { name: "Examples" }).click();
  await page.locator(`button.example[data-path="${examplePath}"]`).click();
  return waitForEnd(page);
}
