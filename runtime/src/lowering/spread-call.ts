// `__spreadCall(receiver, f, args)`: what the compiler makes of `receiver.f(...args)` when f may
// take more arguments than QuickJS allows in one call (compile/spread-calls.ts). A function
// marked with an array form (`withArrayForm`) gets the array itself; any other is applied to it.

const ARRAY_FORM: unique symbol = Symbol("array form");

type Marked = { [ARRAY_FORM]?: (this: unknown, args: unknown[]) => unknown };

/** Marks `variadic` as callable with its arguments in one array, through `arrayForm`. */
export function withArrayForm(variadic: Function, arrayForm: (this: unknown, args: unknown[]) => unknown): void {
  (variadic as Marked)[ARRAY_FORM] = arrayForm;
}

export function __spreadCall(receiver: unknown, method: unknown, args: unknown[]): unknown {
  if (typeof method !== "function") throw new TypeError(`${method === null ? "null" : typeof method} is not a function`);
  const arrayForm = (method as Marked)[ARRAY_FORM];
  return arrayForm === undefined ? method.apply(receiver, args) : arrayForm.call(receiver, args);
}
