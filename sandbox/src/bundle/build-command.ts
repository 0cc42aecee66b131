// `npm run build -w sandbox`: builds the guest bundle ahead of the first run.
import { stopCompiler } from "@looplab/runtime/compile";
import { guestBundle } from "./guest-bundle.js";

const code = await guestBundle();
console.log(`guest bundle ready: ${Math.round(code.length / 1024)} KB`);
await stopCompiler();
