// `npm start`: serves Looplab once the server workspace exists; until then it says what is
// built and how to use it.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

if (existsSync(new URL("../server/package.json", import.meta.url))) {
  const result = spawnSync("npm", ["start", "-w", "server"], { stdio: "inherit" });
  process.exit(result.status ?? 1);
}

console.log(`Looplab's web server is not built yet (see the open server issue).
What works today:
  npx looplab run FILE.ts   run a snippet in the sandbox (when the sandbox workspace is present)
  npm test                  every test
  npm run bench             the runtime beside CPython`);
