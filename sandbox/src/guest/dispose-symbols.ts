// QuickJS defines neither Symbol.dispose nor Symbol.asyncDispose. The runtime defines them too
// (lowering/using.ts), but classes elsewhere in the bundle use them as method keys when their
// module is evaluated, which can come first: so the bundle's entry imports this module before
// anything else. The same registered symbols as the runtime's, so both agree.

const symbols = Symbol as unknown as Record<string, symbol>;
symbols.dispose ??= Symbol.for("Symbol.dispose");
symbols.asyncDispose ??= Symbol.for("Symbol.asyncDispose");
