// Builtins the guest driver needs after a snippet starts, taken when the bundle is evaluated,
// before any snippet runs: a snippet may replace JSON.stringify, Array.prototype.push,
// String.prototype.slice or Math.min, and must not thereby change what the driver does.

const call = Function.prototype.call;
/** `method` as a plain function of its receiver, immune to later changes of the prototype. */
const uncurry = <Receiver, Arguments extends unknown[], Result>(
  method: (this: Receiver, ...args: Arguments) => Result,
): ((receiver: Receiver, ...args: Arguments) => Result) => call.bind(method) as never;

export const stringify = JSON.stringify;
export const keysOf = Object.keys;
export const isArray = Array.isArray;
export const now = Date.now;
export const min = Math.min;
export const max = Math.max;
export const sliceString = uncurry(String.prototype.slice);
export const objectPrototype = Object.prototype;
export const arrayPrototype = Array.prototype;
export const Float64ArrayOf = Float64Array;
export const ArrayBufferOf = ArrayBuffer;
export const createObject = Object.create;
