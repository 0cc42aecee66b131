// HTTP headers as aiohttp gives them (multidict's CIMultiDict): names compare without case, a
// name may repeat, order is kept. `headers.get("content-type")` and `headers["Content-Type"]`
// both work (the second through the proxy `headersView` returns).

import { quote } from "../builtins/format.js";

export type HeadersInit = Headers | Record<string, unknown> | [string, unknown][] | null | undefined;

export class Headers {
  private readonly entries: [string, string][] = [];

  constructor(init?: HeadersInit) {
    if (init instanceof Headers) for (const [name, value] of init.items()) this.add(name, value);
    else if (Array.isArray(init)) for (const [name, value] of init) this.add(name, String(value));
    else if (init !== null && init !== undefined) for (const [name, value] of Object.entries(init)) this.add(name, String(value));
  }

  get(name: string, fallback: string | null = null): string | null {
    const key = name.toLowerCase();
    for (const [entryName, value] of this.entries) if (entryName.toLowerCase() === key) return value;
    return fallback;
  }

  getall(name: string): string[] {
    const key = name.toLowerCase();
    return this.entries.filter(([entryName]) => entryName.toLowerCase() === key).map(([, value]) => value);
  }

  has(name: string): boolean {
    return this.get(name) !== null;
  }

  /** Replaces every value of `name`. */
  set(name: string, value: unknown): void {
    this.delete(name);
    this.add(name, String(value));
  }

  add(name: string, value: unknown): void {
    this.entries.push([name, String(value)]);
  }

  delete(name: string): void {
    const key = name.toLowerCase();
    for (let i = this.entries.length - 1; i >= 0; i--)
      if ((this.entries[i] as [string, string])[0].toLowerCase() === key) this.entries.splice(i, 1);
  }

  /** Sets `name` only where it is missing (dict.setdefault). */
  setdefault(name: string, value: unknown): string {
    const existing = this.get(name);
    if (existing !== null) return existing;
    this.add(name, value);
    return String(value);
  }

  keys(): string[] {
    return this.entries.map(([name]) => name);
  }

  values(): string[] {
    return this.entries.map(([, value]) => value);
  }

  items(): [string, string][] {
    return this.entries.map(([name, value]) => [name, value]);
  }

  get length(): number {
    return this.entries.length;
  }

  [Symbol.iterator](): Iterator<string> {
    return this.keys()[Symbol.iterator]();
  }

  /** One value per name, the first, as a plain object. */
  toObject(): Record<string, string> {
    const result: Record<string, string> = {};
    for (const [name, value] of this.entries) if (!(name in result)) result[name] = value;
    return result;
  }

  __repr__(): string {
    return `<CIMultiDictProxy(${this.entries.map(([name, value]) => `${quote(name)}: ${quote(value)}`).join(", ")})>`;
  }
}

/** The headers, also readable as `headers["Content-Type"]` in any case. */
export function headersView(headers: Headers): Headers & Record<string, string | undefined> {
  return new Proxy(headers, {
    get(target, key, receiver) {
      if (typeof key !== "string" || key in target) return Reflect.get(target, key, receiver);
      return target.get(key) ?? undefined;
    },
    has(target, key) {
      return typeof key === "string" ? key in target || target.has(key) : key in target;
    },
  }) as Headers & Record<string, string | undefined>;
}
