// English and Simplified Chinese (issue 17, item 2), in Chromium against the real server: the
// header's switch changes the page's texts and is remembered after a reload, a browser whose
// language is Chinese opens the page in Chinese (limit endings included), the stepper's words
// (its summary, the waits, the wait graph, the editor's parked tasks, the end) follow a switch
// both ways, and the widget honours lang=zh-CN in an English browser.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { exampleSource } from "../../runtime/test/example-source.ts";
import { launchChromium } from "../support/browser.ts";
import { type LooplabServer, startLooplab } from "../support/looplab-server.ts";
import { waitForEnd } from "../support/repl-page.ts";

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

/** Opens the page in a browser speaking `locale`; waits until it can run (the Run button, in either language, is enabled). */
async function openPage(locale: string): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.locator(".toolbar button.primary:enabled").waitFor();
  return page;
}

/** Replaces the code in the Chinese page's editor (its label is translated too). */
async function typeChineseEditor(page: Page, code: string): Promise<void> {
  await page.getByRole("textbox", { name: "程序代码" }).click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(code);
}

async function htmlLang(page: Page): Promise<string | null> {
  return page.evaluate(() => document.documentElement.lang);
}

test("the header switches to Chinese and back, and the page remembers the choice after a reload", async () => {
  const page = await openPage("en-US");
  assert.equal(await htmlLang(page), "en");
  await page.getByRole("button", { name: "Examples" }).waitFor();

  await page.getByRole("combobox", { name: "Language" }).selectOption("zh-CN");
  await page.getByRole("button", { name: "示例" }).waitFor();
  await page.getByRole("button", { name: "运行程序" }).waitFor();
  assert.equal(await page.getByRole("tab", { name: "程序" }).count(), 1);
  assert.equal(await page.getByRole("heading", { name: "控制台" }).count(), 1);
  assert.equal(await htmlLang(page), "zh-CN");

  await page.reload();
  await page.getByRole("button", { name: "运行程序" }).and(page.locator(":enabled")).waitFor();
  assert.equal(await htmlLang(page), "zh-CN");
  assert.equal(await page.getByRole("combobox", { name: "语言" }).inputValue(), "zh-CN");

  // The gallery's titles follow the switch.
  await page.getByRole("button", { name: "示例" }).click();
  await page.locator(".gallery h3").first().waitFor();
  assert.equal((await page.locator(".gallery h3").first().textContent())?.trim(), "生成器与 yield from");
  await page.keyboard.press("Escape");

  await page.getByRole("combobox", { name: "语言" }).selectOption("en");
  await page.getByRole("button", { name: "Examples" }).waitFor();
  await page.reload();
  await page.getByRole("button", { name: "Run the program" }).and(page.locator(":enabled")).waitFor();
  assert.equal(await htmlLang(page), "en");
  await page.context().close();
});

test("a browser whose language is Chinese opens the page in Chinese, limit endings included", async () => {
  const page = await openPage("zh-CN");
  assert.equal(await htmlLang(page), "zh-CN");
  await page.getByRole("button", { name: "运行程序" }).waitFor();
  assert.equal(await page.getByRole("combobox", { name: "语言" }).inputValue(), "zh-CN");

  await typeChineseEditor(page, 'print("开始");\nlet spins = 0;\nwhile (true) spins++;\n');
  await page.getByRole("button", { name: "运行程序" }).click();
  const ending = await waitForEnd(page);
  assert.match(ending, /^被限制终止：CPU 时间超出限制/);

  await typeChineseEditor(page, 'print("ok");\n');
  await page.getByRole("button", { name: "运行程序" }).click();
  await page.locator(".console pre .status-ok").getByText("已完成").waitFor();
  await page.context().close();
});

/** Han characters: what Chinese text has and English has not. */
const CHINESE = /\p{Script=Han}/u;

/** What the stepper says in words at its step: the summary, each task's state, the graph's arrows, the parked tasks' title. */
async function stepperWords(
  page: Page,
): Promise<{ summary: string; states: string[]; arrows: string[]; parked: string[]; ending: string }> {
  const stepper = page.getByTestId("step-tasks");
  return {
    summary: (await page.getByTestId("step-announcement").textContent()) ?? "",
    states: await stepper.locator(".state").allTextContents(),
    arrows: await page.getByTestId("wait-graph").locator(".edge text").allTextContents(),
    parked: await page.locator(".cm-parked-tasks").evaluateAll((marks) => marks.map((mark) => mark.getAttribute("title") ?? "")),
    ending: await waitForEnd(page),
  };
}

test("the stepper's summary, waits, wait graph, parked tasks and the end are Chinese in Chinese, and English again after switching back", async () => {
  const page = await openPage("zh-CN");
  await typeChineseEditor(page, exampleSource("locks-queues/09-two-locks-deadlock.ts"));
  await page.getByRole("button", { name: "运行程序" }).click();
  await waitForEnd(page);
  // Step 6: Task-2 woke from its sleep and waits on the lock Task-3 holds; main waits on the gather.
  await page.getByRole("button", { name: "第一步（Home）" }).click();
  for (let step = 1; step <= 6; step++) await page.getByRole("button", { name: "前进一步（→）" }).click();
  await page.getByTestId("step-position").getByText("第 6 / 20 步").waitFor();

  const chinese = await stepperWords(page);
  assert.match(chinese.summary, /^第 6 步（共 20 步）：Task-2（take）在第 11 行恢复运行，被它的定时器唤醒；接下来就绪：/);
  assert.ok(chinese.states.includes("等待 gather（2 个任务）（第 16 行）"), chinese.states.join(" | "));
  assert.ok(chinese.arrows.length > 0 && chinese.arrows.every((arrow) => CHINESE.test(arrow)), chinese.arrows.join(" | "));
  assert.deepEqual(chinese.parked.sort(), ["在此挂起：Task-1", "在此挂起：Task-2", "在此挂起：Task-3"]);
  assert.equal(chinese.ending, "死锁：再也没有任务能运行");
  const words = [chinese.summary, ...chinese.states, ...chinese.arrows, ...chinese.parked, chinese.ending].join("\n");
  assert.doesNotMatch(words, /\b(Step|resumed|woken|ready next|waits on|held by|awaits|gather of|Suspended|Deadlock)\b/);

  await page.getByRole("combobox", { name: "语言" }).selectOption("en");
  await page.getByTestId("step-position").getByText("step 6 / 20").waitFor();
  const english = await stepperWords(page);
  assert.match(english.summary, /^Step 6 of 20: Task-2 \(take\) resumed at line 11, woken by its timer; ready next: /);
  assert.ok(english.states.includes("waits on gather of 2 (line 16)"), english.states.join(" | "));
  assert.ok(english.arrows.includes("waits on") && english.arrows.includes("held by"), english.arrows.join(" | "));
  assert.deepEqual(english.parked.sort(), ["Suspended here: Task-1", "Suspended here: Task-2", "Suspended here: Task-3"]);
  assert.equal(english.ending, "Deadlock: no task can ever run again");
  assert.doesNotMatch([english.summary, ...english.states, ...english.arrows, english.ending].join("\n"), CHINESE);
  await page.context().close();
});

test("the widget honours lang=zh-CN in an English browser, and follows the browser without it", async () => {
  const saved = await fetch(`${server.url}/api/snippets`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ code: 'print("hello");\n', title: "lang" }),
  });
  const { id } = (await saved.json()) as { id: string };
  const context = await browser.newContext({ locale: "en-US", viewport: { width: 720, height: 700 } });
  const widget = await context.newPage();

  await widget.goto(`${server.url}/embed/${id}?lang=zh-CN`);
  await widget.getByRole("button", { name: "运行代码片段" }).click();
  await widget.locator(".console pre .status-ok").getByText("已完成").waitFor();
  assert.equal(await widget.getByRole("link", { name: /在 Looplab 中打开/ }).count(), 1);
  assert.equal(await htmlLang(widget), "zh-CN");

  await widget.goto(`${server.url}/embed/${id}`);
  await widget.getByRole("button", { name: "Run the snippet" }).click();
  await widget.locator(".console pre .status-ok").getByText("Finished").waitFor();
  assert.equal(await htmlLang(widget), "en");
  await context.close();
});
