// node:test as the runtime's test files see it when conformance.test.ts runs them inside
// QuickJS: the same API, except that a test of something only the Node harness does is
// skipped with the reason. Keep this list to behaviour that differs by host, never a bug.

import * as nodeTest from "node:test";

export { after, afterEach, before, beforeEach, describe, it, mock, suite } from "node:test";

const HOST_SPECIFIC = new Map([
  [
    "awaiting a native Promise in a synchronous run ends with a DeadlockError that says why",
    "the sandbox host runs QuickJS's promise jobs during a run (RuntimeHost.runMicrotasks), so the promise settles",
  ],
  [
    "without a listener nothing is recorded and the primitives hold no instrument",
    "the sandbox's runs always have a listener (the harness keeps only the events a test asks for)",
  ],
  [
    "without a listener a generator function's generators are left as they are",
    "the sandbox's runs always have a listener (the harness keeps only the events a test asks for)",
  ],
]);

export function test(name: string, ...rest: unknown[]): unknown {
  const reason = HOST_SPECIFIC.get(name);
  if (reason === undefined) return (nodeTest.test as (...args: unknown[]) => unknown)(name, ...rest);
  const body = rest.find((argument) => typeof argument === "function") as nodeTest.TestFn | undefined;
  return nodeTest.test(name, { skip: `inside QuickJS, ${reason}` }, body);
}

export default test;
