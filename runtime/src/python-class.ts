// Python classes are called without `new` (`asyncio.Queue(10)`); JavaScript classes cannot be.
// A snippet sees each class through one callable proxy, and the class's prototype points back
// at that proxy, so `error.constructor === asyncio.CancelledError` holds as `type(e) is X` does.

// biome-ignore lint/suspicious/noExplicitAny: wraps any class
type AnyClass = abstract new (...args: any[]) => any;

const proxyOf = new WeakMap<AnyClass, AnyClass>();
const proxies = new WeakSet<object>();

/** The class, callable with or without `new`; the same proxy every time for the same class. */
export function pythonClass<T extends AnyClass>(cls: T): T {
  const existing = proxyOf.get(cls);
  if (existing !== undefined) return existing as T;
  const proxy: T = new Proxy(cls, {
    apply: (target, _self, args) => Reflect.construct(target, args),
    // `new Proxy()` would make the proxy new.target, and V8 gives every object constructed with
    // a proxy as new.target a map of its own: each run's Queue would then have a new shape, and
    // the runtime's methods, seeing a new one per run, would go megamorphic (queue bench: ~2x).
    // A subclass's super() call passes its own new.target, which is kept.
    construct: (target, args, newTarget) => Reflect.construct(target, args, newTarget === proxy ? target : newTarget),
  });
  proxyOf.set(cls, proxy);
  proxies.add(proxy);
  Object.defineProperty(cls.prototype, "constructor", { value: proxy, writable: true, configurable: true, enumerable: false });
  return proxy;
}

/** True for a class wrapped by pythonClass (its source text is hidden behind the proxy). */
export function isPythonClass(value: unknown): boolean {
  return typeof value === "function" && proxies.has(value);
}
