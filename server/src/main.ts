// `npm start -w server`: builds what is missing, then serves Looplab until SIGINT or SIGTERM.

import { buildMissing } from "./build-missing.js";
import { loadConfig } from "./config.js";
import { startServer } from "./server.js";

const config = loadConfig();
buildMissing(config);
const server = await startServer(config);
console.log(`Looplab is serving on ${server.url}`);
if (config.publicUrl === null) {
  console.log(
    "LOOPLAB_PUBLIC_URL is not set: share links are answered as paths (/s/<id>), which the page completes with its own address; set it to the public address (e.g. https://looplab.example) for full links.",
  );
}

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
