// Every camelCase name in the API also answers to its exact Python spelling, as the same
// object: createTask and create_task, runUntilComplete and run_until_complete.

import { bindMethodsOnAccess } from "./lowering/bound-methods.js";

export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/**
 * Adds a snake_case alias for each camelCase method or getter on a class's prototype. Every
 * runtime class comes here, so it also makes its methods bound when a snippet passes them as values.
 */
// biome-ignore lint/suspicious/noExplicitAny: works on any class
export function addSnakeCaseAliases(cls: abstract new (...args: any[]) => unknown): void {
  bindMethodsOnAccess(cls);
  for (let prototype = cls.prototype; prototype && prototype !== Object.prototype; prototype = Object.getPrototypeOf(prototype)) {
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const alias = snakeCase(name);
      if (alias === name || name.startsWith("_") || Object.hasOwn(cls.prototype, alias)) continue;
      const descriptor = Object.getOwnPropertyDescriptor(prototype, name);
      if (descriptor && (typeof descriptor.value === "function" || descriptor.get)) {
        Object.defineProperty(cls.prototype, alias, { ...descriptor, enumerable: false });
      }
    }
  }
}

/** Reads a Python keyword argument from a trailing options object, in either spelling. */
export function option<T>(options: object | undefined | null, name: string, fallback: T): T {
  if (options == null) return fallback;
  const record = options as Record<string, unknown>;
  if (record[name] !== undefined) return record[name] as T;
  const snake = snakeCase(name);
  if (record[snake] !== undefined) return record[snake] as T;
  return fallback;
}

/** True for a plain `{...}` object, the shape of a trailing options argument. */
export function isOptionsObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
