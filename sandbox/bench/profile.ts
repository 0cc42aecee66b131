// Profiles one of the runtime bench's workloads inside QuickJS and prints where its samples fall
// (quickjs-profiler.ts says how they are taken and what they distort). Usage:
//   npm run profile -w sandbox -- <workload id> [--top=N] [--record=none|tasks|full]

import { setStallTimeout, stopCompiler } from "@looplab/runtime/compile";
import { workloads } from "../../runtime/bench/workloads.js";
import { profileHeader } from "./profile-report.js";
import { type ProfiledRecord, profileSnippet } from "./quickjs-profiler.js";

const args = process.argv.slice(2);
const workload = workloads.find((each) => each.id === args[0]);
if (workload === undefined) {
  console.error(`usage: profile.ts <${workloads.map((each) => each.id).join("|")}> [--top=N] [--record=none|tasks|full]`);
  process.exit(2);
}
const top = Number(args.find((arg) => arg.startsWith("--top="))?.slice(6) ?? 20);
const record = (args.find((arg) => arg.startsWith("--record="))?.slice(9) ?? "none") as ProfiledRecord;
if (!["none", "tasks", "full"].includes(record)) {
  console.error(`--record takes none, tasks or full, not ${JSON.stringify(record)}`);
  process.exit(2);
}
// On a machine busy enough to slow the compiler, a compile waits rather than being restarted as stalled.
setStallTimeout(120_000);
const samples = await profileSnippet(workload.typescript, record);
await stopCompiler();
console.log(profileHeader(workload, samples, top));
