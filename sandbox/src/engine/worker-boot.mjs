// Worker threads do not inherit the tsx loader of the thread that starts them: register it,
// then load the TypeScript worker.
import { register } from "tsx/esm/api";

register();
await import("./engine-worker.ts");
