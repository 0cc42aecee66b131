// Profiles one of the runtime bench's workloads inside QuickJS and prints where its samples fall
// (quickjs-profiler.ts says how they are taken and what they distort). Usage:
//   npm run profile -w sandbox -- <workload id> [--top=N]

import { setStallTimeout, stopCompiler } from "@looplab/runtime/compile";
import { workloads } from "../../runtime/bench/workloads.js";
import { profileHeader } from "./profile-report.js";
import { profileSnippet } from "./quickjs-profiler.js";

const args = process.argv.slice(2);
const workload = workloads.find((each) => each.id === args[0]);
if (workload === undefined) {
  console.error(`usage: profile.ts <${workloads.map((each) => each.id).join("|")}> [--top=N]`);
  process.exit(2);
}
const top = Number(args.find((arg) => arg.startsWith("--top="))?.slice(6) ?? 20);
// On a machine busy enough to slow the compiler, a compile waits rather than being restarted as stalled.
setStallTimeout(120_000);
const samples = await profileSnippet(workload.typescript);
await stopCompiler();
console.log(profileHeader(workload, samples, top));
