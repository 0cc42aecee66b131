// URLs as aiohttp shows them (a small yarl.URL): parsed once, joined for redirects and relative
// links, printed as written. Only http and https: the simulated network speaks nothing else.

import { ValueError } from "../asyncio/exceptions.js";
import { quote } from "../builtins/format.js";
import { addSnakeCaseAliases } from "../python-names.js";

const ABSOLUTE = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/;
const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443 };

export class InvalidURL extends ValueError {
  constructor(readonly url: string) {
    super(url);
    this.name = "InvalidURL";
  }
}

export class URL {
  constructor(
    readonly scheme: string,
    readonly host: string,
    /** The port written in the URL, or null for the scheme's default. */
    readonly explicitPort: number | null,
    /** The path, "/" at least. */
    readonly path: string,
    /** The query without its "?". */
    readonly queryString: string,
    readonly fragment: string,
  ) {}

  static parse(text: unknown): URL {
    if (text instanceof URL) return text;
    const written = String(text);
    const match = ABSOLUTE.exec(written.trim());
    if (match === null) throw new InvalidURL(written);
    const scheme = (match[1] as string).toLowerCase();
    const authority = (match[2] as string).replace(/^.*@/, "");
    const portMatch = /^(.*):(\d*)$/.exec(authority);
    const host = (portMatch === null ? authority : (portMatch[1] as string)).toLowerCase();
    if (host === "" || !(scheme in DEFAULT_PORTS)) throw new InvalidURL(written);
    const port = portMatch === null || portMatch[2] === "" ? null : Number(portMatch[2]);
    return new URL(scheme, host, port, match[3] || "/", (match[4] ?? "").slice(1), (match[5] ?? "").slice(1));
  }

  get port(): number {
    return this.explicitPort ?? (DEFAULT_PORTS[this.scheme] as number);
  }

  /** The query as an object; a repeated key keeps its last value. */
  get query(): Record<string, string> {
    return parseQuery(this.queryString);
  }

  /** The path and query, as an HTTP request line names them. */
  get pathQs(): string {
    return this.queryString === "" ? this.path : `${this.path}?${this.queryString}`;
  }

  get origin(): string {
    const port = this.explicitPort === null || this.explicitPort === DEFAULT_PORTS[this.scheme] ? "" : `:${this.explicitPort}`;
    return `${this.scheme}://${this.host}${port}`;
  }

  /** The last path segment. */
  get name(): string {
    return this.path.slice(this.path.lastIndexOf("/") + 1);
  }

  /** Resolves a reference against this URL, as a browser follows a link (RFC 3986, section 5.2). */
  join(reference: string | URL): URL {
    if (reference instanceof URL) return reference;
    const text = String(reference);
    if (ABSOLUTE.test(text)) return URL.parse(text);
    if (text.startsWith("//")) return URL.parse(`${this.scheme}:${text}`);
    const [beforeFragment = "", fragment = ""] = splitOnce(text, "#");
    const [pathPart = "", query] = splitOnce(beforeFragment, "?");
    if (pathPart === "") {
      return new URL(this.scheme, this.host, this.explicitPort, this.path, query ?? this.queryString, fragment);
    }
    const merged = pathPart.startsWith("/") ? pathPart : `${this.path.slice(0, this.path.lastIndexOf("/") + 1)}${pathPart}`;
    return new URL(this.scheme, this.host, this.explicitPort, removeDotSegments(merged), query ?? "", fragment);
  }

  /** The URL with `params` added to its query (aiohttp's `params=`). */
  extendQuery(params: Record<string, unknown> | [string, unknown][] | null | undefined): URL {
    if (params === null || params === undefined) return this;
    const pairs = Array.isArray(params) ? params : Object.entries(params);
    if (pairs.length === 0) return this;
    const encoded = pairs.map(([key, value]) => `${encodeQueryPart(String(key))}=${encodeQueryPart(queryValue(value))}`).join("&");
    const query = this.queryString === "" ? encoded : `${this.queryString}&${encoded}`;
    return new URL(this.scheme, this.host, this.explicitPort, this.path, query, this.fragment);
  }

  toString(): string {
    const query = this.queryString === "" ? "" : `?${this.queryString}`;
    const fragment = this.fragment === "" ? "" : `#${this.fragment}`;
    return `${this.origin}${this.path}${query}${fragment}`;
  }

  __str__(): string {
    return this.toString();
  }

  __repr__(): string {
    return `URL(${quote(this.toString())})`;
  }
}
addSnakeCaseAliases(URL);

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const index = text.indexOf(separator);
  return index === -1 ? [text, undefined] : [text.slice(0, index), text.slice(index + 1)];
}

function removeDotSegments(path: string): string {
  const output: string[] = [];
  const segments = path.split("/");
  segments.forEach((segment, index) => {
    if (segment === "..") {
      if (output.length > 1) output.pop();
    } else if (segment !== "." || index === segments.length - 1) {
      output.push(segment === "." ? "" : segment);
    }
  });
  const joined = output.join("/");
  return joined.startsWith("/") ? joined : `/${joined}`;
}

function queryValue(value: unknown): string {
  if (typeof value === "boolean")
    throw new TypeError("Invalid variable type: value should be str, int or float, got True of type <class 'bool'>");
  return String(value);
}

function encodeQueryPart(text: string): string {
  return encodeURIComponent(text).replace(/%20/g, "+");
}

export function decodeQueryPart(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}

/** "a=1&b=x+y" as an object; a repeated key keeps its last value. */
export function parseQuery(query: string): Record<string, string> {
  const result: Record<string, string> = {};
  if (query === "") return result;
  for (const part of query.split("&")) {
    if (part === "") continue;
    const [key = "", value = ""] = splitOnce(part, "=");
    result[decodeQueryPart(key)] = decodeQueryPart(value ?? "");
  }
  return result;
}

/** Form data as aiohttp encodes a dict given as `data=`. */
export function encodeForm(fields: Record<string, unknown>): string {
  return Object.entries(fields)
    .map(([key, value]) => `${encodeQueryPart(key)}=${encodeQueryPart(queryValue(value))}`)
    .join("&");
}
