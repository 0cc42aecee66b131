// The step-through view by keyboard alone and for screen readers (issue 13, item 9), in Chromium
// against the real server: Tab reaches every control of the stepper, then the loop panel's
// tasks, then the wait graph as one stop; the arrow keys, K, the scrubber and Enter step; a
// live region reads out the step moved to ("Step 14 of 20: Task-2 (consumer) resumed at line
// 12, woken by Task-3's put on Queue #1 (step 13); ready next: ..."); in the graph the arrow
// keys move between the boxes, each read out with its arrows, and Enter selects a task for
// Shift+→.

import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { programPageForFile } from "../support/program-page.ts";
import { showAtOnce, typeCode, waitForEnd } from "../support/repl-page.ts";

const RESULTS = path.resolve(import.meta.dirname, "../test-results");

const QUEUE = `import asyncio from "asyncio";

async function producer(queue: asyncio.Queue<number>) {
  for (let item = 1; item <= 2; item++) {
    await queue.put(item);
    await asyncio.sleep(0);
  }
}

async function consumer(queue: asyncio.Queue<number>) {
  for (let count = 0; count < 2; count++) {
    const item = await queue.get();
    print("got", item);
  }
}

async function main() {
  const queue = new asyncio.Queue<number>();
  await asyncio.gather(consumer(queue), producer(queue));
}

asyncio.run(main());
`;

let page: Page;

programPageForFile(
  { width: 1280, height: 1100 },
  (opened) => {
    page = opened;
  },
  showAtOnce,
);

const steps = () => page.getByRole("region", { name: "Step through the run" });
const announcement = () => steps().getByTestId("step-announcement");

async function position(): Promise<string> {
  return (await steps().getByTestId("step-position").textContent()) ?? "";
}

/** The focused element's role and accessible name, as a screen reader would announce it. */
async function focused(): Promise<{ role: string; name: string }> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (element === null) return { role: "", name: "" };
    const role = element.getAttribute("role") ?? (element instanceof HTMLInputElement ? element.type : element.tagName.toLowerCase());
    return { role, name: (element.getAttribute("aria-label") ?? element.textContent ?? "").trim() };
  });
}

test("the stepper and the wait graph work by keyboard, and a live region reads out each step", async () => {
  await typeCode(page, QUEUE);
  await page.getByRole("button", { name: "Run the program" }).click();
  assert.equal(await waitForEnd(page), "Finished");

  // The live region: polite, read whole, and silent while the view shows the whole run.
  const live = announcement();
  assert.equal(await live.getAttribute("role"), "status");
  assert.equal(await live.getAttribute("aria-live"), "polite");
  assert.equal(await live.getAttribute("aria-atomic"), "true");
  assert.equal(await live.textContent(), "");

  // → steps forward until the consumer resumes from its get: the live region says who woke it, and how.
  await steps().getByRole("heading", { name: "Step through" }).click();
  await page.keyboard.press("Home");
  let summary = "";
  for (let press = 0; press < 20 && !/Task-2 \(consumer\) resumed/.test(summary); press++) {
    await page.keyboard.press("ArrowRight");
    summary = (await live.textContent()) ?? "";
  }
  const match =
    /^Step (\d+) of (\d+): Task-2 \(consumer\) resumed at line 12, woken by Task-3's put on Queue #1 \(step (\d+)\); ready next: \S/.exec(
      summary,
    );
  assert.ok(match !== null, `the summary: ${summary}`);
  const [, step, total, waker] = match.map(Number) as [number, number, number, number];
  assert.equal(waker, step - 1, "the producer's step just before woke the consumer");
  assert.match(await position(), new RegExp(`^step ${step} / ${total}$`));

  // From the first control, Tab visits each of the stepper's controls, then the tasks, then the graph once.
  await steps().getByRole("button", { name: "First step (Home)" }).focus();
  const visited: { role: string; name: string }[] = [];
  for (let press = 0; press < 40; press++) {
    await page.keyboard.press("Tab");
    visited.push(await focused());
    if (visited.at(-2)?.role === "option") break;
  }
  const names = visited.map((entry) => entry.name);
  for (const control of [
    "Step back (←)",
    "Play step by step (K)",
    "Step forward (→)",
    "The whole run, as it ended (End)",
    "Speed in steps per second",
    "Step",
  ]) {
    assert.ok(names.includes(control), `Tab reaches "${control}": ${names.join(" | ")}`);
  }
  assert.ok(
    names.some((name) => name.startsWith("Select Task-2") || /^Task-2\b/.test(name)),
    `Tab reaches the loop panel's tasks: ${names.join(" | ")}`,
  );
  assert.equal(visited.filter((entry) => entry.role === "option").length, 1, `the graph is one Tab stop: ${names.join(" | ")}`);
  assert.notEqual(visited.at(-1)?.role, "option", "Tab leaves the graph after its one stop");
  assert.match(await position(), new RegExp(`^step ${step} /`), "Tab does not step");

  // ← and the scrubber's arrow keys step back; K plays and pauses; End shows the whole run, silently.
  await page.keyboard.press("ArrowLeft");
  assert.match((await live.textContent()) ?? "", new RegExp(`^Step ${step - 1} of ${total}: Task-3 \\(producer\\) `));
  const scrubber = steps().getByRole("slider", { name: "Step" });
  await scrubber.focus();
  await page.keyboard.press("ArrowRight");
  assert.match(await position(), new RegExp(`^step ${step} /`));
  assert.equal(await live.textContent(), summary);
  await steps().getByRole("heading", { name: "Step through" }).click();
  await page.keyboard.press("k");
  await steps().getByRole("button", { name: "Pause (K)" }).waitFor();
  await page.keyboard.press("k");
  await steps().getByRole("button", { name: "Play step by step (K)" }).waitFor();
  await page.keyboard.press("Home");
  assert.match(await position(), /^step 0 \//);
  assert.match((await live.textContent()) ?? "", /^Before the first step of \d+\.$/);

  // Back at the producer's first put: in the graph, → moves between the boxes, each read out
  // with its arrows; Enter selects the consumer, and Shift+→ goes to its next step.
  for (let press = 0; press < step - 1; press++) await page.keyboard.press("ArrowRight");
  const graph = steps().getByTestId("wait-graph");
  await graph.getByRole("option").first().focus();
  const read: string[] = [];
  for (let press = 0; press < 6 && !read.some((label) => label.startsWith("Task-2 (consumer)")); press++) {
    read.push((await focused()).name);
    if (!read.at(-1)!.startsWith("Task-2 (consumer)")) await page.keyboard.press("ArrowRight");
  }
  const consumerLabel = read.find((label) => label.startsWith("Task-2 (consumer)")) ?? (await focused()).name;
  assert.match(
    consumerLabel,
    /^Task-2 \(consumer\): waits on Queue #1 get; Task-1 awaits it\. Enter selects it for the stepper\.$/,
    `the boxes read: ${read.join(" | ")}`,
  );
  assert.match(await position(), new RegExp(`^step ${step - 1} /`), "the arrow keys in the graph do not step");
  await page.keyboard.press("Enter");
  assert.equal(await graph.getByRole("option", { name: /^Task-2 \(consumer\)/ }).getAttribute("aria-selected"), "true");
  assert.equal(
    await steps()
      .getByTestId("step-tasks")
      .getByRole("button", { name: /^Task-2\b/ })
      .getAttribute("aria-pressed"),
    "true",
  );
  await page.screenshot({ path: path.join(RESULTS, "step-keyboard-graph.png") });
  await page.keyboard.press("Shift+ArrowRight");
  assert.match(await position(), new RegExp(`^step ${step} /`));
  assert.equal(await live.textContent(), summary);

  // Home and End belong to the graph while it has the focus (its first and last box); outside it, End shows the whole run.
  await page.keyboard.press("End");
  assert.match(await position(), new RegExp(`^step ${step} /`));
  await steps().getByRole("heading", { name: "Step through" }).click();
  await page.keyboard.press("End");
  assert.match(await position(), /^all \d+ steps$/);
  assert.equal(await live.textContent(), "");
});
