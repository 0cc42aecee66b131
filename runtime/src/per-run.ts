// State that a module keeps for each run (greenlet's main greenlet, gevent's hub, executor
// counters), the way Python keeps it per thread or per process: one value per Runtime, made on
// first use, dropped with the Runtime.

import { activeRuntime, type Runtime } from "./runtime.js";

export function perRun<T>(create: (runtime: Runtime) => T): (runtime?: Runtime) => T {
  const values = new WeakMap<Runtime, T>();
  return (runtime = activeRuntime()) => {
    if (values.has(runtime)) return values.get(runtime) as T;
    const value = create(runtime);
    values.set(runtime, value);
    return value;
  };
}
