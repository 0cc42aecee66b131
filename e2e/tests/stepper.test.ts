// The step-through view in Chromium against the real server: stepping through a sleep(0)
// ping-pong shows the running task alternate in the loop panel and the editor's marks, the
// console and a link to a step; a two-lock deadlock shows its cycle in red, naming both locks,
// and downloads as a Chrome trace.
// Screenshots of both go to docs/.

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { exampleSource } from "../../runtime/test/example-source.ts";
import { launchChromium } from "../support/browser.ts";
import { type LooplabServer, startLooplab } from "../support/looplab-server.ts";
import { PING_PONG } from "../support/ping-pong.ts";
import { openReplPage, showAtOnce, typeCode, waitForEnd } from "../support/repl-page.ts";

const DOCS = path.resolve(import.meta.dirname, "../../docs");

const TWO_LOCKS = exampleSource("locks-queues/09-two-locks-deadlock.ts");

const TASK_GROUP_FAILURE = `import asyncio from "asyncio";
async function sleeper() {
  await asyncio.sleep(5);
}
async function bad() {
  await asyncio.sleep(0.1);
  throw new Error("boom");
}
async function main() {
  await asyncio.asyncWith(new asyncio.TaskGroup(), async (group) => {
    group.createTask(sleeper(), { name: "sibling" });
    group.createTask(bad(), { name: "bad" });
  });
}
asyncio.run(main());
`;

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

async function runCode(page: Page, code: string): Promise<void> {
  await typeCode(page, code);
  await page.getByRole("button", { name: "Run the program" }).click();
  await waitForEnd(page);
}

/** "Download trace" saves the run as `looplab run --trace` writes it: the deadlock's error and asyncio.run's cancellations are in it. */
async function checkTraceDownload(page: Page): Promise<void> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    steps(page).getByRole("button", { name: "Download trace" }).click(),
  ]);
  assert.equal(download.suggestedFilename(), "looplab-trace.json");
  const trace = JSON.parse(await readFile(await download.path(), "utf8")) as { traceEvents: { name: string; cat?: string }[] };
  const names = trace.traceEvents.map((event) => event.name);
  assert.ok(
    names.some((name) => name.startsWith("DeadlockError: ")),
    "the error is in the trace",
  );
  assert.ok(names.includes("cancel requested by shutdown"), "asyncio.run's shutdown cancellations are in the trace");
}

const steps = (page: Page) => page.getByRole("region", { name: "Step through the run" });

async function runningTask(page: Page): Promise<string> {
  return (await steps(page).getByTestId("running-task").textContent())?.trim() ?? "";
}

/** What the editor marks: the highlighted line's number, and each gutter mark's line and text. */
async function editorMarks(page: Page): Promise<{ running: number[]; parked: { line: number; names: string }[] }> {
  return page.locator(".cm-editor").evaluate((editor) => {
    const lines = [...editor.querySelectorAll(".cm-content .cm-line")];
    const numbers = [...editor.querySelectorAll(".cm-lineNumbers .cm-gutterElement")];
    const parkedGutter = [...editor.querySelectorAll(".cm-parked-gutter .cm-gutterElement")];
    return {
      running: lines.flatMap((line, index) => (line.classList.contains("cm-step-line") ? [index + 1] : [])),
      parked: parkedGutter
        .filter((element) => element.querySelector(".cm-parked-tasks") !== null)
        .map((element) => {
          // A gutter element lines up with its line number (no named helper: tsx would wrap it in __name, unknown in the page).
          const top = element.getBoundingClientRect().top;
          const number = numbers.find((candidate) => Math.abs(candidate.getBoundingClientRect().top - top) < 2);
          return { line: Number(number?.textContent ?? 0), names: element.textContent ?? "" };
        }),
    };
  });
}

describe("the step-through view", () => {
  test("ping-pong: stepping forward alternates A and B, moving the editor's marks; back returns; a link opens a step", async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 1100 },
      permissions: ["clipboard-read", "clipboard-write"],
    });
    const page = await context.newPage();
    await openReplPage(page, server.url);
    await showAtOnce(page);
    await runCode(page, PING_PONG);

    // "Show at once" is the default: the panel shows the whole run, and the editor has no step marks.
    assert.match((await steps(page).getByTestId("step-position").textContent()) ?? "", /^all \d+ steps$/);
    assert.deepEqual((await editorMarks(page)).running, []);

    await steps(page).getByRole("button", { name: "First step (Home)" }).click();
    const forward = steps(page).getByRole("button", { name: "Step forward (→)" });
    const seen: string[] = [];
    for (let step = 1; step <= 7; step++) {
      await forward.click();
      seen.push(await runningTask(page));
    }
    assert.deepEqual(seen, ["Task-1", "A", "B", "A", "B", "A", "B"]);

    // At step 4, A ran again from its await (line 6): the line is highlighted and both players are parked there.
    await steps(page).getByRole("button", { name: "Step back (←)" }).click();
    await steps(page).getByRole("button", { name: "Step back (←)" }).click();
    await steps(page).getByRole("button", { name: "Step back (←)" }).click();
    assert.equal(await runningTask(page), "A");
    assert.match((await steps(page).getByTestId("step-position").textContent()) ?? "", /^step 4 \//);
    const marks = await editorMarks(page);
    assert.deepEqual(marks.running, [6]);
    assert.deepEqual(marks.parked, [
      { line: 6, names: "A, B" },
      { line: 13, names: "Task-1" },
    ]);
    assert.deepEqual(await steps(page).getByTestId("ready-queue").locator("li").allTextContents(), ["B", "A"]);
    await page.screenshot({ path: path.join(DOCS, "screenshot-stepper-light.png") });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: path.join(DOCS, "screenshot-stepper-dark.png") });
    await page.emulateMedia({ colorScheme: "light" });
    // The same step in Chinese, from the header's switch; then back, for the rest of the test.
    await page.getByRole("combobox", { name: "Language" }).selectOption("zh-CN");
    await page.getByRole("button", { name: "示例" }).waitFor();
    await page.screenshot({ path: path.join(DOCS, "screenshot-chinese.png") });
    await page.getByRole("combobox", { name: "语言" }).selectOption("en");
    await page.getByRole("button", { name: "Examples" }).waitFor();

    // The keyboard steps too (outside the editor): → to step 5, where B runs.
    await steps(page).getByRole("heading", { name: "Step through" }).click();
    await page.keyboard.press("ArrowRight");
    assert.equal(await runningTask(page), "B");

    // Selecting task A in the loop panel, Shift+→ jumps over B's step to A's next one (step 6), Shift+← back to step 4.
    await steps(page).getByTestId("step-tasks").getByRole("button", { name: /^A\b/ }).click();
    await page.keyboard.press("Shift+ArrowRight");
    assert.match((await steps(page).getByTestId("step-position").textContent()) ?? "", /^step 6 \//);
    assert.equal(await runningTask(page), "A");
    await page.keyboard.press("Shift+ArrowLeft");
    assert.match((await steps(page).getByTestId("step-position").textContent()) ?? "", /^step 4 \//);
    await page.keyboard.press("ArrowRight");

    // "Copy link to this step" gives a link that opens the run at that step, in a fresh browser.
    await steps(page).getByRole("button", { name: "Step back (←)" }).click();
    await steps(page).getByRole("button", { name: "Step back (←)" }).click();
    await steps(page).getByRole("button", { name: "Copy link to this step" }).click();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(link, /[?&]step=3(&|#|$)/);
    const fresh = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const linked = await fresh.newPage();
    await openReplPage(linked, link);
    await steps(linked)
      .getByTestId("step-position")
      .getByText(/^step 3 \//)
      .waitFor({ timeout: 30_000 });
    assert.equal(await runningTask(linked), "B");
    await fresh.close();
    await context.close();
  });

  test("a TaskGroup whose child fails shows the cancellation as arrows from that child to the tasks it cancels", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
    await openReplPage(page, server.url);
    await showAtOnce(page);
    await runCode(page, TASK_GROUP_FAILURE);
    const graph = steps(page).getByTestId("wait-graph");
    const cancelArrows = graph.locator(".edge.cancels");
    // From the first step until the failure's cancellations are under way: the step where bad ends.
    await steps(page).getByRole("button", { name: "First step (Home)" }).click();
    for (let step = 0; step < 20 && (await cancelArrows.count()) === 0; step++) {
      await steps(page).getByRole("button", { name: "Step forward (→)" }).click();
    }
    assert.deepEqual((await cancelArrows.locator("text").allTextContents()).sort(), ["cancels (TaskGroup)", "cancels (TaskGroup)"]);
    await graph.getByText("As text").click();
    const sentences = await graph.locator("li").allTextContents();
    assert.ok(sentences.includes("bad cancels (TaskGroup) sibling"), sentences.join(" | "));
    assert.ok(sentences.includes("bad cancels (TaskGroup) Task-1"), sentences.join(" | "));
    const dashed = await cancelArrows.locator("path").evaluateAll((paths) => paths.map((path) => getComputedStyle(path).strokeDasharray));
    assert.ok(
      dashed.every((dashes) => dashes !== "none"),
      `cancellation arrows are dashed: ${dashed.join(", ")}`,
    );
    await page.close();
  });

  test("a two-lock deadlock shows its cycle in red, naming both locks", async () => {
    for (const scheme of ["light", "dark"] as const) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 1100 }, colorScheme: scheme });
      await openReplPage(page, server.url);
      await showAtOnce(page);
      await runCode(page, TWO_LOCKS);
      const caption = steps(page).getByTestId("deadlock-cycle");
      await caption.waitFor();
      assert.match((await caption.textContent()) ?? "", /Task-2 → Lock #2 → Task-3 → Lock #1 → Task-2/);
      const graph = steps(page).getByTestId("wait-graph");
      const red = await graph.locator(".edge.cycle path").evaluateAll((paths) => paths.map((path) => getComputedStyle(path).stroke));
      assert.equal(red.length, 4);
      const failedColour = await page.evaluate(() => {
        const probe = document.createElement("span");
        probe.style.color = "var(--state-failed)";
        document.body.append(probe);
        const colour = getComputedStyle(probe).color;
        probe.remove();
        return colour;
      });
      assert.ok(
        red.every((stroke) => stroke === failedColour),
        `the cycle's arrows are drawn in the failed colour ${failedColour}: ${red.join(", ")}`,
      );
      const cycleNodes = await graph.locator(".node.in-cycle .label").allTextContents();
      assert.deepEqual(cycleNodes.sort(), ["Lock #1", "Lock #2", "Task-2", "Task-3"]);
      await steps(page).scrollIntoViewIfNeeded();
      await steps(page).screenshot({ path: path.join(DOCS, `screenshot-deadlock-${scheme}.png`) });
      if (scheme === "light") await checkTraceDownload(page);
      await page.close();
    }
  });
});
