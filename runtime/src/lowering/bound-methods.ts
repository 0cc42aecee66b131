// `__bound(object, name)`: a property passed as a value (compile/bound-members.ts). A runtime
// method comes back bound to its object, as Python's bound method does, so
// `loop.callLater(1, fut.setResult, "F")` sets fut's result. Anything else comes back as it is:
// a snippet's own methods keep JavaScript's rule (`this` is lost unless bound).

/** The runtime's methods, each with its class's name (Python's `__qualname__` is Future.set_result). */
const runtimeMethods = new WeakMap<Function, string>();
/** One bound function per object and method, so passing `fut.setResult` twice passes the same callback. */
const boundOf = new WeakMap<object, Map<Function, Function>>();

/** Marks the methods of a runtime class's prototype chain as bound when passed as values. */
// biome-ignore lint/suspicious/noExplicitAny: works on any class
export function bindMethodsOnAccess(cls: abstract new (...args: any[]) => unknown): void {
  for (let prototype = cls.prototype; prototype && prototype !== Object.prototype; prototype = Object.getPrototypeOf(prototype)) {
    const className = (prototype.constructor as { name?: string }).name ?? cls.name;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const value = Object.getOwnPropertyDescriptor(prototype, name)?.value;
      if (name !== "constructor" && typeof value === "function" && !runtimeMethods.has(value)) runtimeMethods.set(value, className);
    }
  }
}

export function __bound(object: unknown, name: string): unknown {
  // QuickJS's words for `undefined.name`, which a computed read in here would say without the name.
  if (object === null || object === undefined) throw new TypeError(`cannot read property '${name}' of ${object}`);
  const value = (object as Record<string, unknown>)[name];
  if (typeof value !== "function" || (typeof object !== "object" && typeof object !== "function") || object === null) return value;
  const className = runtimeMethods.get(value);
  // Python binds a method found on the object's class, not one the object holds itself:
  // `asyncio.Queue.prototype.put` stays the plain function.
  if (className === undefined || Object.hasOwn(object, name)) return value;
  let bound = boundOf.get(object);
  if (bound === undefined) {
    bound = new Map();
    boundOf.set(object, bound);
  }
  let method = bound.get(value);
  if (method === undefined) {
    method = value.bind(object) as Function;
    // What a callback's step and a handle's repr show: CPython names a bound method by its __qualname__.
    Object.defineProperty(method, "name", { value: `${className}.${name}` });
    bound.set(value, method);
  }
  return method;
}
