// Where a step's time goes: a CPU profile (Chrome DevTools protocol) of stepping through the
// bench's 100,000-event run, printed as the functions with the most time of their own.
// Run: node --import tsx e2e/bench/stepper-profile.ts [web-dist]; build the pages with
// `npx vite build --minify false --outDir <web-dist>` (in web/) to see their functions' names.

import { launchChromium } from "../support/browser.ts";
import { openWorkload, timeToFrame } from "./stepper-page.ts";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

const SHOWN = 30;

const browser = await launchChromium();
try {
  const workload = await openWorkload(browser, process.argv[2]);
  const { page, total } = workload;
  const session = await page.context().newCDPSession(page);
  await timeToFrame(page, "First step (Home)");
  await session.send("Profiler.enable");
  await session.send("Profiler.setSamplingInterval", { interval: 100 });
  await session.send("Profiler.start");
  for (let index = 0; index < 40; index++) await timeToFrame(page, "Step forward (→)");
  for (let index = 0; index < 40; index++) await timeToFrame(page, "Step back (←)");
  for (let index = 0; index < 40; index++) await timeToFrame(page, "scrub", Math.floor(((index * 7919) % 40) * (total / 40)));
  const { profile } = await session.send("Profiler.stop");
  const nodes = new Map<number, ProfileNode>(profile.nodes.map((node: ProfileNode) => [node.id, node]));
  const selfTime = new Map<string, number>();
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id: number, index: number) => {
    const frame = nodes.get(id)!.callFrame;
    const name = `${frame.functionName || "(anonymous)"} ${frame.url.split("/").at(-1)}:${frame.lineNumber + 1}`;
    selfTime.set(name, (selfTime.get(name) ?? 0) + (deltas[index + 1] ?? 0) / 1000);
  });
  const all = [...selfTime.values()].reduce((sum, time) => sum + time, 0);
  console.log(`profiled ${all.toFixed(0)} ms over 120 inputs; the ${SHOWN} functions with the most self time:`);
  for (const [name, time] of [...selfTime].sort((first, second) => second[1] - first[1]).slice(0, SHOWN))
    console.log(`${time.toFixed(1).padStart(8)} ms  ${name}`);
  await workload.close();
} finally {
  await browser.close();
}
