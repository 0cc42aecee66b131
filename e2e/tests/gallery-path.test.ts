// The gallery as a learning path (issue 17, item 1), in Chromium against the real server: topics
// in the path's order, search over titles, explanations and code, a topic filter, and an example
// that ends in an error on purpose saying so before it runs.

import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { readGallery, readLearningPath } from "../../web/build/examples-index.ts";
import { programPageForFile } from "../support/program-page.ts";
import { stdout, waitForEnd } from "../support/repl-page.ts";

const RESULTS = path.resolve(import.meta.dirname, "../test-results");
const DOCS = path.resolve(import.meta.dirname, "../../docs");
const DEADLOCK = "locks-queues/09-two-locks-deadlock.ts";

let page: Page;

const groups = readGallery();
const allPaths = groups.flatMap((group) => group.examples.map((example) => example.path));

programPageForFile({ width: 1280, height: 900 }, (opened) => {
  page = opened;
});

async function openGallery(): Promise<void> {
  await page.getByRole("button", { name: "Examples" }).click();
  await page.locator("button.example").first().waitFor();
}

async function listedPaths(): Promise<string[]> {
  return page.locator("button.example").evaluateAll((buttons) => buttons.map((button) => button.getAttribute("data-path") ?? ""));
}

async function search(words: string): Promise<void> {
  await page.getByRole("searchbox", { name: "Search the examples" }).fill(words);
}

test("the gallery lists the path's topics in order, each example with what to watch and its seed", async () => {
  await openGallery();
  const topics = readLearningPath().topics;
  assert.deepEqual(
    await page.locator(".gallery section").evaluateAll((sections) => sections.map((section) => section.getAttribute("data-topic"))),
    topics.map((topic) => topic.id),
  );
  assert.deepEqual(
    await page.locator(".gallery h3").allTextContents(),
    topics.map((topic) => topic.title.en),
  );
  assert.equal((await page.locator(".gallery h3").first().textContent())?.trim(), "Generators and yield from");
  assert.deepEqual(await listedPaths(), allPaths);
  const first = page.locator(".gallery li").first();
  assert.equal(await first.locator(".watch").textContent(), groups[0]!.examples[0]!.watch);
  assert.match((await first.locator(".seed").textContent()) ?? "", /协程函数/);
  await page.screenshot({ path: path.join(DOCS, "screenshot-gallery.png") });
  await page.keyboard.press("Escape");
});

test("searching narrows the list, over titles, explanations and code", async () => {
  await openGallery();
  await search("FIRST_COMPLETED");
  assert.deepEqual(await listedPaths(), ["tasks/19-wait-first-completed.ts"]);
  await search("semaphore");
  const listed = await listedPaths();
  assert.ok(listed.includes("locks-queues/04-semaphore.ts") && listed.includes("network/13-novel-spider.ts"), listed.join(", "));
  assert.ok(listed.length < allPaths.length / 4, `${listed.length} examples for "semaphore"`);
  await search("which lock each task holds");
  assert.deepEqual(await listedPaths(), [DEADLOCK]);
  await search("no such thing anywhere");
  assert.deepEqual(await listedPaths(), []);
  await page.getByText('No example matches "no such thing anywhere"').waitFor();
  await search("");
  assert.equal((await listedPaths()).length, allPaths.length);
  await page.keyboard.press("Escape");
});

test("a topic button narrows the list to that topic, and All topics brings the path back", async () => {
  await openGallery();
  const threads = groups.find((group) => group.topic === "threads")!;
  await page.getByRole("group", { name: "Topic" }).getByRole("button", { name: threads.title }).click();
  assert.deepEqual(await page.locator(".gallery h3").allTextContents(), [threads.title]);
  assert.deepEqual(
    await listedPaths(),
    threads.examples.map((example) => example.path),
  );
  assert.equal(await page.getByRole("button", { name: threads.title }).getAttribute("aria-pressed"), "true");
  // Search and topic together: "counter" is in the locks topic too, but only this topic's examples show.
  await search("counter");
  assert.deepEqual(await listedPaths(), ["executor/06-thread-pool-counter.ts", "executor/07-run-in-executor-counter.ts"]);
  await search("");
  await page.getByRole("button", { name: "All topics" }).click();
  assert.equal((await listedPaths()).length, allPaths.length);
  await page.keyboard.press("Escape");
});

test("an example that deadlocks on purpose says so in the gallery and as it loads, before its run ends in the error", async () => {
  await openGallery();
  const item = page.locator(".gallery li", { has: page.locator(`button.example[data-path="${DEADLOCK}"]`) });
  await item.scrollIntoViewIfNeeded();
  const warning = item.locator(".intended-error");
  assert.equal(await warning.getAttribute("data-error"), "DeadlockError");
  assert.match(
    (await warning.textContent()) ?? "",
    /Ends in DeadlockError on purpose\.\s+This one deadlocks: watch which lock each task holds\./,
  );
  assert.equal(await stdout(page), "", "nothing has run yet");
  await item.screenshot({ path: path.join(RESULTS, "gallery-path-intended-error.png") });
  // An example without an intended error has no warning.
  assert.equal(
    await page
      .locator(".gallery li", { has: page.locator('button.example[data-path="tasks/01-create-task.ts"]') })
      .locator(".intended-error")
      .count(),
    0,
  );

  await item.locator("button.example").click();
  const note = page.getByRole("region", { name: "About this example" });
  await note.waitFor();
  assert.equal(await note.getAttribute("data-path"), DEADLOCK);
  assert.match((await note.locator(".intended-error").textContent()) ?? "", /Ends in DeadlockError on purpose/);
  assert.match((await note.textContent()) ?? "", /Two locks, opposite order/);
  await waitForEnd(page);
  assert.match((await page.locator(".console pre .error").allTextContents()).join(""), /DeadlockError: the main task can never finish/);
  await page.screenshot({ path: path.join(RESULTS, "gallery-path-loaded.png") });

  await note.getByRole("button", { name: "Hide the note about this example" }).click();
  assert.equal(await note.count(), 0);
});
