// Screenshots for the README, taken from the real pages: the REPL page in the light and the
// dark theme (each chosen by the system's colour scheme) after running the welcome snippet,
// and the widget. Written to docs/.

import path from "node:path";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../support/browser.ts";
import { type LooplabServer, startLooplab } from "../support/looplab-server.ts";
import { openReplPage, showAtOnce, waitForEnd } from "../support/repl-page.ts";

const DOCS = path.resolve(import.meta.dirname, "../../docs");

let server: LooplabServer;
let browser: Browser;

before(async () => {
  server = await startLooplab();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Points at the middle of a lane's bar, so the shot shows a task's details. */
async function hoverLane(page: Page, lane: number): Promise<void> {
  const canvas = page.locator("canvas[data-lanes]");
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.6, box.y + 26 + lane * 22 + 11);
}

for (const scheme of ["light", "dark"] as const) {
  test(`the REPL page in the ${scheme} theme`, async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, colorScheme: scheme });
    await openReplPage(page, server.url);
    await showAtOnce(page);
    await page.getByRole("button", { name: "Run the program" }).click();
    await waitForEnd(page);
    await hoverLane(page, 0);
    await page.screenshot({ path: path.join(DOCS, `screenshot-${scheme}.png`) });
    await page.close();
  });
}

const EMBEDDED = `import asyncio from "asyncio";

async function worker(name: string, delay: number) {
  await asyncio.sleep(delay);
  print(\`\${name} finished after \${delay} s\`);
  return name;
}

async function main() {
  const slow = asyncio.createTask(worker("slow", 3), { name: "slow" });
  const done = await asyncio.gather(worker("a", 1), worker("b", 2));
  print("gathered:", done);
  slow.cancel();
}

asyncio.run(main());
`;

/** Saves the widget's snippet; its id. */
async function saveEmbedded(): Promise<string> {
  const saved = await fetch(`${server.url}/api/snippets`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ code: EMBEDDED, title: "gather, then cancel" }),
  });
  const { id } = (await saved.json()) as { id: string };
  return id;
}

test("the embed widget", async () => {
  const id = await saveEmbedded();
  const widget = await browser.newPage({ viewport: { width: 720, height: 700 }, colorScheme: "light" });
  await widget.goto(`${server.url}/embed/${id}?autorun=1`);
  await widget.getByLabel("Show at once").check();
  await widget.locator(".console pre .status-ok").waitFor();
  await widget.locator(".cm-content").waitFor();
  await widget.locator(".widget").screenshot({ path: path.join(DOCS, "screenshot-embed.png") });
  await widget.close();
});

test("the embed widget with the stepper, opened at a step", async () => {
  const id = await saveEmbedded();
  const widget = await browser.newPage({ viewport: { width: 720, height: 1400 }, colorScheme: "light" });
  await widget.goto(`${server.url}/embed/${id}?panels=editor,console,stepper,timeline&step=6`);
  await widget
    .getByTestId("step-position")
    .getByText(/^step 6 \//)
    .waitFor();
  await widget.locator(".cm-step-line").waitFor();
  await widget.locator(".widget").screenshot({ path: path.join(DOCS, "screenshot-embed-stepper.png") });
  await widget.close();
});
