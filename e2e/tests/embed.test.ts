// The embed widget in a sandboxed iframe on a page of another origin: it runs by itself with
// autorun=1, shows the output and the timeline, and tells the page its height; with
// panels=...,stepper and step=N it opens the run at step N and steps by buttons and keys.

import assert from "node:assert/strict";
import { after, afterEach, before, test } from "node:test";
import type { Browser, FrameLocator, Page } from "playwright-core";
import { launchChromium } from "../support/browser.ts";
import { type HostPage, serveHostPage } from "../support/host-page.ts";
import { type LooplabServer, startLooplab } from "../support/looplab-server.ts";
import { PING_PONG } from "../support/ping-pong.ts";

let server: LooplabServer;
let browser: Browser;
let host: HostPage | undefined;

before(async () => {
  server = await startLooplab();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

afterEach(async () => {
  await host?.close();
  host = undefined;
});

const SNIPPET = `import asyncio from "asyncio";

async function greet(name: string, delay: number) {
  await asyncio.sleep(delay);
  print(\`hello, \${name}\`);
}

async function main() {
  await asyncio.gather(greet("blog", 0.2), greet("course", 0.1));
}

asyncio.run(main());
`;

async function saveSnippet(code: string, title?: string): Promise<string> {
  const saved = await fetch(`${server.url}/api/snippets`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ code, title }),
  });
  assert.equal(saved.status, 201);
  return ((await saved.json()) as { id: string }).id;
}

/** The host page heard the widget's height, from the widget's opaque origin, and the iframe now fits it. */
async function checkFitsHeight(page: Page, widget: FrameLocator): Promise<void> {
  const resizes = (await page.evaluate("window.resizes")) as { origin: string; height: number }[];
  assert.ok(resizes.length > 0, "no looplab:resize message arrived");
  assert.ok(
    resizes.every((resize) => resize.origin === "null"),
    `resizes came from ${resizes.map((resize) => resize.origin)}`,
  );
  const last = resizes.at(-1)!.height;
  const content = await widget.locator(".widget").evaluate((element) => Math.ceil(element.getBoundingClientRect().height));
  assert.equal(last, content);
  const frameHeight = await page.locator("#widget").evaluate((frame) => frame.getBoundingClientRect().height);
  assert.ok(Math.abs(frameHeight - last - 2) <= 1, `the iframe is ${frameHeight} px high for ${last} px of content`);
}

/** Opens a page of another origin that embeds the widget at `widgetPath`; `problems` collects the errors logged. */
async function openHostPage(widgetPath: string): Promise<{ page: Page; widget: FrameLocator; problems: string[] }> {
  host = await serveHostPage(`${server.url}${widgetPath}`);
  assert.notEqual(new URL(host.url).origin, new URL(server.url).origin);
  const page = await browser.newPage({ viewport: { width: 900, height: 1000 } });
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  await page.goto(host.url);
  return { page, widget: page.frameLocator("#widget"), problems };
}

test("a widget embedded in a sandboxed iframe on another origin runs with autorun=1 and reports its height", async () => {
  const id = await saveSnippet(SNIPPET, "Greetings");
  const { page, widget, problems } = await openHostPage(`/embed/${id}?autorun=1&theme=light`);
  await widget.locator(".console pre .status-ok").waitFor({ timeout: 30_000 });
  assert.equal((await widget.locator(".console pre .stdout").allTextContents()).join(""), "hello, course\nhello, blog\n");
  assert.equal(await widget.locator("canvas[data-lanes]").getAttribute("data-lanes"), "3");
  assert.equal(await widget.getByRole("link", { name: /Open in Looplab/ }).getAttribute("href"), `/s/${id}`);
  // Without panels=...,stepper the widget has no stepper.
  assert.equal(await widget.getByRole("region", { name: "Step through the run" }).count(), 0);
  await checkFitsHeight(page, widget);
  assert.deepEqual(problems, []);
  await page.close();
});

/** Where the widget stands: the stepper's position, the task that ran, the highlighted line, the gutter's names and the console's output. */
async function shown(widget: FrameLocator) {
  const steps = widget.getByRole("region", { name: "Step through the run" });
  return {
    position: (await steps.getByTestId("step-position").textContent())?.trim(),
    running: (await steps.getByTestId("running-task").allTextContents()).join("").trim(),
    line: await widget
      .locator(".cm-content .cm-line")
      .evaluateAll((lines) => lines.flatMap((line, index) => (line.classList.contains("cm-step-line") ? [index + 1] : []))),
    parked: await widget.locator(".cm-parked-tasks").allTextContents(),
    output: (await widget.locator(".console pre .stdout").allTextContents()).join(""),
  };
}

test("the widget's stepper on another origin opens at step=N and steps by buttons and keys, moving the line and the console", async () => {
  const id = await saveSnippet(PING_PONG, "Ping-pong");
  // step=N runs the snippet at once (no autorun=1 needed) and opens the run at that step.
  const { page, widget, problems } = await openHostPage(`/embed/${id}?panels=editor,console,stepper,timeline&step=4&theme=light`);
  const steps = widget.getByRole("region", { name: "Step through the run" });
  await steps
    .getByTestId("step-position")
    .getByText(/^step 4 \//)
    .waitFor({ timeout: 30_000 });
  await widget.locator(".cm-step-line").waitFor();

  // At step 4, A ran again from its await on line 6, where both players are parked; the console
  // shows what was printed by then.
  const atFour = await shown(widget);
  assert.equal(atFour.running, "A");
  assert.deepEqual(atFour.line, [6]);
  assert.deepEqual(atFour.parked, ["A, B", "Task-1"]);
  assert.equal(atFour.output, "A 1\nB 1\nA 2\n");
  // The link to the full page opens it at the step shown.
  assert.equal(await widget.getByRole("link", { name: /Open in Looplab/ }).getAttribute("href"), `${server.url}/s/${id}?step=4`);

  // The buttons: forward to step 5 (B), back to step 4.
  await steps.getByRole("button", { name: "Step forward (→)" }).click();
  const atFive = await shown(widget);
  assert.match(atFive.position ?? "", /^step 5 \//);
  assert.equal(atFive.running, "B");
  assert.equal(atFive.output, "A 1\nB 1\nA 2\nB 2\n");
  await steps.getByRole("button", { name: "Step back (←)" }).click();
  assert.match((await shown(widget)).position ?? "", /^step 4 \//);

  // The keyboard, inside the iframe: ← twice to step 2, where A printed its first line; Home to
  // step 0, before anything ran; End to the whole run, with no step marks.
  await steps.getByRole("heading", { name: "Step through" }).click();
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  const atTwo = await shown(widget);
  assert.match(atTwo.position ?? "", /^step 2 \//);
  assert.equal(atTwo.running, "A");
  assert.equal(atTwo.output, "A 1\n");
  await page.keyboard.press("Home");
  const atZero = await shown(widget);
  assert.match(atZero.position ?? "", /^step 0 \//);
  assert.deepEqual(atZero.line, []);
  assert.equal(atZero.output, "");
  await page.keyboard.press("End");
  const whole = await shown(widget);
  assert.match(whole.position ?? "", /^all \d+ steps$/);
  assert.deepEqual(whole.line, []);
  assert.deepEqual(whole.parked, []);
  assert.equal(whole.output, "A 1\nB 1\nA 2\nB 2\nA 3\nB 3\n");
  assert.equal(await widget.getByRole("link", { name: /Open in Looplab/ }).getAttribute("href"), `/s/${id}`);

  await checkFitsHeight(page, widget);
  assert.deepEqual(problems, []);
  await page.close();
});

test("the widget's parameters choose its panels and make the code read-only", async () => {
  const id = await saveSnippet(SNIPPET);
  const page = await browser.newPage();
  await page.goto(`${server.url}/embed/${id}?readonly=1&panels=editor,console&theme=dark`);
  await page.locator(".cm-content").waitFor();
  assert.equal(await page.locator(".cm-content").getAttribute("aria-readonly"), "true");
  await page.locator(".cm-content").click();
  await page.keyboard.insertText("typed");
  assert.equal(await page.locator(".cm-content").textContent(), SNIPPET.replaceAll("\n", ""));
  assert.equal(await page.locator("html").getAttribute("data-theme"), "dark");
  assert.equal(await page.getByRole("region", { name: "Console" }).count(), 1);
  assert.equal(await page.getByRole("region", { name: "Task timeline" }).count(), 0);
  // Without autorun nothing runs until Run is pressed.
  assert.equal(await page.locator(".console pre").count(), 0);
  await page.getByRole("button", { name: "Run the snippet" }).click();
  await page.locator(".console pre .status-ok").waitFor();
  assert.equal((await page.locator(".console pre .stdout").allTextContents()).join(""), "hello, course\nhello, blog\n");
  await page.close();
});
