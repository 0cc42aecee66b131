// The embed widget in a sandboxed iframe on a page of another origin: it runs by itself with
// autorun=1, shows the output and the timeline, and tells the page its height.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
import { launchChromium } from "../support/browser.ts";
import { type HostPage, serveHostPage } from "../support/host-page.ts";
import { type LooplabServer, startLooplab } from "../support/looplab-server.ts";

let server: LooplabServer;
let browser: Browser;
let host: HostPage | undefined;

before(async () => {
  server = await startLooplab();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await host?.close();
  await server?.stop();
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

test("a widget embedded in a sandboxed iframe on another origin runs with autorun=1 and reports its height", async () => {
  const saved = await fetch(`${server.url}/api/snippets`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ code: SNIPPET, title: "Greetings" }),
  });
  assert.equal(saved.status, 201);
  const { id } = (await saved.json()) as { id: string };
  host = await serveHostPage(`${server.url}/embed/${id}?autorun=1&theme=light`);
  assert.notEqual(new URL(host.url).origin, new URL(server.url).origin);

  const page = await browser.newPage({ viewport: { width: 900, height: 1000 } });
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  await page.goto(host.url);
  const widget = page.frameLocator("#widget");
  await widget.locator(".console pre .status-ok").waitFor({ timeout: 30_000 });
  assert.equal((await widget.locator(".console pre .stdout").allTextContents()).join(""), "hello, course\nhello, blog\n");
  assert.equal(await widget.locator("canvas[data-lanes]").getAttribute("data-lanes"), "3");
  assert.equal(await widget.getByRole("link", { name: /Open in Looplab/ }).getAttribute("href"), `/s/${id}`);

  // The page heard the widget's height, from the widget's opaque origin, and the iframe now fits it.
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
  assert.deepEqual(problems, []);
});

test("the widget's parameters choose its panels and make the code read-only", async () => {
  const saved = await fetch(`${server.url}/api/snippets`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ code: SNIPPET }),
  });
  const { id } = (await saved.json()) as { id: string };
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
