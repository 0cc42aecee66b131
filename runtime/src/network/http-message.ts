// HTTP/1.1 messages as the simulated web passes them: a request as a site receives it, a
// response as a site answers, and their wire form for raw stream connections on port 80.

import { Bytes, concatBytes, encodeText } from "./bytes.js";
import { Headers, type HeadersInit } from "./http-headers.js";
import type { URL } from "./url.js";

export const REASONS: Record<number, string> = {
  100: "Continue",
  200: "OK",
  201: "Created",
  202: "Accepted",
  204: "No Content",
  206: "Partial Content",
  301: "Moved Permanently",
  302: "Found",
  303: "See Other",
  304: "Not Modified",
  307: "Temporary Redirect",
  308: "Permanent Redirect",
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  408: "Request Timeout",
  409: "Conflict",
  410: "Gone",
  413: "Request Entity Too Large",
  415: "Unsupported Media Type",
  418: "I'm a teapot",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  501: "Not Implemented",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

export function reasonOf(status: number): string {
  return REASONS[status] ?? "";
}

export class HttpRequest {
  constructor(
    readonly method: string,
    readonly url: URL,
    readonly headers: Headers,
    readonly body: Bytes,
  ) {}
}

export class HttpResponse {
  readonly headers: Headers;

  constructor(
    readonly status: number,
    readonly body: Bytes,
    headers?: HeadersInit,
    readonly reason: string = reasonOf(status),
  ) {
    this.headers = new Headers(headers);
    this.headers.set("Content-Length", body.length);
  }

  /** The response as it goes over a connection: status line, headers, blank line, body. */
  toWire(): Bytes {
    const lines = [`HTTP/1.1 ${this.status} ${this.reason}`, ...this.headers.items().map(([name, value]) => `${name}: ${value}`)];
    return concatBytes([encodeText(`${lines.join("\r\n")}\r\n\r\n`), this.body]);
  }
}

/** An HTML or text answer in UTF-8. */
export function textResponse(status: number, text: string, contentType = "text/html", headers?: HeadersInit): HttpResponse {
  const all = new Headers(headers);
  all.setdefault("Content-Type", `${contentType}; charset=utf-8`);
  return new HttpResponse(status, encodeText(text), all);
}

/** The media type of a Content-Type header, lower case ("text/html"). */
export function mimeType(contentType: string | null): string {
  return (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

/** The charset parameter of a Content-Type header, or null. */
export function charsetOf(contentType: string | null): string | null {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? "");
  return match === null ? null : (match[1] as string).toLowerCase();
}

export interface RequestHead {
  method: string;
  target: string;
  version: string;
  headers: Headers;
}

/** Parses a request's head (request line and headers, without the blank line); null if malformed. */
export function parseRequestHead(text: string): RequestHead | null {
  const lines = text.split("\r\n");
  const requestLine = /^([A-Z]+) (\S+) HTTP\/(1\.[01])$/.exec(lines[0] ?? "");
  if (requestLine === null) return null;
  const headers = new Headers();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(":");
    if (colon <= 0) return null;
    headers.add(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return { method: requestLine[1] as string, target: requestLine[2] as string, version: requestLine[3] as string, headers };
}

export const EMPTY_BODY = new Bytes(0);
