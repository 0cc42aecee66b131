// The class name Python shows for an exception. JavaScript's `name` is inherited: a snippet's
// `class Boom extends Error {}` has the name "Error" unless it sets one, where Python shows Boom.

/**
 * The error's own `name` or its class's prototype's, when the snippet (or the runtime) set one;
 * else its class's name. A name inherited from a superclass is not the class's own.
 */
export function exceptionName(error: Error): string {
  const own = Object.getOwnPropertyDescriptor(error, "name");
  if (own !== undefined) return stringName(own.value) ?? "Error";
  const prototype: unknown = Object.getPrototypeOf(error);
  if (prototype !== null && typeof prototype === "object") {
    const declared = Object.getOwnPropertyDescriptor(prototype, "name");
    if (declared !== undefined && "value" in declared) return stringName(declared.value) ?? "Error";
    const errorClass = Object.getOwnPropertyDescriptor(prototype, "constructor")?.value;
    if (typeof errorClass === "function") {
      const className = stringName(Object.getOwnPropertyDescriptor(errorClass, "name")?.value);
      if (className !== undefined) return className;
    }
  }
  return stringName(error.name) ?? "Error";
}

function stringName(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}
