import assert from "node:assert/strict";
import { after, afterEach, before, test } from "node:test";
import type { EndEvent, WaitTarget } from "@looplab/sandbox";
import { DEFAULT_LIMITS, run, WorkerPool } from "@looplab/sandbox";
import { limitEnd } from "../../sandbox/src/limits.ts";
import type { LimitName } from "../../sandbox/src/protocol-events.ts";
import { waitWords } from "../src/lib/i18n/wait-words.ts";
import { limitSentence } from "../src/lib/limit-words.ts";
import { describeEnding } from "../src/lib/messages.ts";
import { StepLog } from "../src/lib/steps/step-log.ts";
import { StepViewer } from "../src/lib/steps/step-view.ts";
import { describeNode } from "../src/lib/steps/wait-graph.ts";
import { m } from "../src/paraglide/messages.js";
import { type Locale, overwriteGetLocale } from "../src/paraglide/runtime.js";

// What the page words itself follows the page's language; these read it in both, from real runs.
let language: Locale = "en";
overwriteGetLocale(() => language);
afterEach(() => {
  language = "en";
});

const CHINESE = /\p{Script=Han}/u;

const pool = new WorkerPool({ workers: 1, spareContexts: 0 });
before(() => pool.start());
after(() => pool.close());

const WAITS = `import asyncio from "asyncio";
async function napper(seconds: number) {
  await asyncio.sleep(seconds);
  await Promise.resolve(1);
}
async function main() {
  const lock = new asyncio.Lock();
  await lock.acquire();
  const blocked = asyncio.createTask(lock.acquire(), { name: "blocked" });
  await asyncio.gather(napper(0), napper(1));
  await asyncio.wait([asyncio.createTask(napper(0.5))]);
  await asyncio.asyncWith(new asyncio.TaskGroup(), async (group) => {
    group.createTask(napper(0.1));
  });
  lock.release();
  await blocked;
}
asyncio.run(main());
`;

async function record(source: string): Promise<{ log: StepLog; waits: WaitTarget[] }> {
  const log = new StepLog();
  const waits: WaitTarget[] = [];
  for await (const event of run(source, { pool })) {
    log.add(event);
    if (event.type === "task-state" && event.waitingOn !== undefined) waits.push(event.waitingOn);
  }
  return { log, waits };
}

test("a wait reads as the runtime's label in English and in Chinese where the label is English words", async () => {
  const { waits } = await record(WAITS);
  const distinct = new Map(waits.map((wait) => [`${wait.kind}:${wait.label}`, wait]));
  const worded = ["yield", "tasks", "promise"];
  for (const kind of worded)
    assert.ok(
      [...distinct.values()].some((wait) => wait.kind === kind),
      `the run waits on a ${kind}`,
    );
  for (const wait of distinct.values()) {
    language = "en";
    assert.equal(waitWords(wait), wait.label, "English shows the runtime's own label");
    language = "zh-CN";
    const chinese = waitWords(wait);
    if (worded.includes(wait.kind)) {
      assert.match(chinese, CHINESE, `${wait.label} is worded in Chinese`);
      assert.doesNotMatch(chinese, /\b(of|the|next|loop|iteration|a JavaScript)\b/, chinese);
    } else assert.equal(chinese, wait.label, `${wait.label} (names and code) reads the same`);
  }
  assert.equal(waitWords({ kind: "tasks", label: "gather of 2" }), "gather（2 个任务）");
});

test("the step summary, the graph's arrows and a box read out are Chinese in Chinese, English again after", async () => {
  const { log } = await record(WAITS);
  const viewer = new StepViewer(log);
  const last = viewer.total;
  const english = viewer.at(last);
  assert.match(english.summary, /^Step \d+ of \d+: .*; (ready next: |nothing is ready)/);
  language = "zh-CN";
  const chinese = viewer.at(last);
  assert.match(chinese.summary, /^第 \d+ 步（共 \d+ 步）：/);
  assert.doesNotMatch(chinese.summary, /\b(Step|resumed|started|woken|ready next|nothing)\b/, chinese.summary);
  const middle = viewer.at(Math.floor(last / 2));
  assert.ok(middle.graph.edges.length > 0, "tasks wait on each other halfway through");
  for (const edge of middle.graph.edges) assert.match(edge.label, CHINESE, `the ${edge.kind} arrow is worded in Chinese`);
  for (const node of middle.graph.nodes)
    assert.doesNotMatch(describeNode(middle.graph, node.key), /\b(running|awaits|waits on|held by| it)\b/);
  language = "en";
  assert.equal(viewer.at(last).summary, english.summary);
});

const counters = { cpuMs: 1200, virtualSeconds: 0, tasks: 1, steps: 3, peakMemoryBytes: 0 };

/** Which field of Limits each limit's figure comes from. */
const LIMIT_FIELDS: Record<LimitName, keyof typeof DEFAULT_LIMITS> = {
  cpu: "cpuMs",
  "wall-time": "wallMs",
  memory: "memoryBytes",
  stack: "stackBytes",
  output: "outputBytes",
  "event-bytes": "eventBytes",
  events: "events",
  tasks: "tasks",
  "virtual-time": "virtualSeconds",
  "snippet-size": "snippetBytes",
};

/** The end event the sandbox sends when `limit` ends a run, its sentence and figures made by the sandbox's own code. */
const limitEndEvent = (limit: LimitName, cpu?: Parameters<typeof limitEnd>[2]): EndEvent => ({
  type: "end",
  ...limitEnd(limit, DEFAULT_LIMITS, cpu),
  counters,
});

test("the CPU limit names the figure and the clock that decided in both languages", () => {
  const onCpu = limitEndEvent("cpu", { clock: "cpu", cpuMs: 1234, wallMs: 1300, wallLimitMs: 5000 });
  const onWall = limitEndEvent("cpu", { clock: "wall", cpuMs: 80, wallMs: 5000, wallLimitMs: 5000 });
  const unread = limitEndEvent("cpu");
  for (const end of [onCpu, onWall, unread]) assert.equal(limitSentence(end), end.message, "English words it as the server does");
  language = "zh-CN";
  assert.match(limitSentence(onCpu), /1,234 ms.*2 s.*CPU 时钟/);
  assert.match(limitSentence(onWall), /5 s.*80 ms.*墙上时钟/);
  assert.match(limitSentence(unread), /^CPU 时间超出限制.*2 s/);
});

test("every limit is worded from its figures: in English as the server's sentence, in Chinese with the same figure", () => {
  const limits = Object.keys(LIMIT_FIELDS) as LimitName[];
  for (const limit of limits) {
    // Figures that are not the defaults, so that a page that ignored them would fail.
    const odd = { ...DEFAULT_LIMITS, [LIMIT_FIELDS[limit]]: DEFAULT_LIMITS[LIMIT_FIELDS[limit]] * 3 };
    const end: EndEvent = { type: "end", ...limitEnd(limit, odd), counters };
    assert.equal(limitSentence(end), end.message, `${limit}: English words it as the server does`);
    const figure = /\d[\d,.]*( ?(MB|KB|s)\b)?/.exec(end.message ?? "")![0];
    language = "zh-CN";
    const chinese = limitSentence(end);
    language = "en";
    assert.match(chinese, CHINESE);
    assert.ok(chinese.includes(figure), `${limit}: "${chinese}" gives ${figure} as "${end.message}" does`);
  }
  // An end cached before ends carried figures: the server's sentence in English, the limit's name in Chinese.
  const { limitFigures: _, ...older } = limitEndEvent("memory");
  assert.equal(limitSentence(older), older.message);
  language = "zh-CN";
  assert.match(limitSentence(older), /^内存超出限制/);
});

test("an ending already shown is worded again in the language switched to", () => {
  const end = limitEndEvent("cpu");
  for (const ending of [{ kind: "end", end } as const, { kind: "stopped", words: m.stopped_slow_reader } as const]) {
    const english = describeEnding(ending);
    language = "zh-CN";
    const chinese = describeEnding(ending);
    language = "en";
    assert.doesNotMatch(english.text, CHINESE);
    assert.match(chinese.text, CHINESE);
    assert.deepEqual(describeEnding(ending), english);
  }
});
