// The `requests` module, blocking HTTP against the demo web (blocking-http.ts says how its time
// passes): requests.get/post/... returning a Response with status_code, text, content, json(),
// raise_for_status(); redirects followed; requests.exceptions.

import { Coroutine } from "../asyncio/coroutines.js";
import { makeModule } from "../asyncio/module.js";
import { addSnakeCaseAliases, option } from "../python-names.js";
import { blockingRequest } from "./blocking-http.js";
import { type Bytes, decodeBytes } from "./bytes.js";
import { OSError } from "./errors.js";
import { type Headers, type HeadersInit, headersView } from "./http-headers.js";
import { charsetOf, type HttpResponse, mimeType } from "./http-message.js";
import { URL } from "./url.js";

const USER_AGENT = "python-requests/2.31.0";
const MAX_REDIRECTS = 30;

export class RequestException extends Error {
  constructor(message?: string) {
    super(message ?? "");
    this.name = new.target.name;
  }
}

export class ConnectionError extends RequestException {}
export class HTTPError extends RequestException {}
export class Timeout extends RequestException {}
export class TooManyRedirects extends RequestException {}
export class JSONDecodeError extends RequestException {}

export class Response {
  private readonly status: number;
  readonly reason: string;
  readonly url: string;
  readonly content: Bytes;
  readonly history: Response[];
  private readonly rawHeaders: Headers;

  constructor(response: HttpResponse, url: URL, history: Response[]) {
    this.status = response.status;
    this.reason = response.reason;
    this.url = String(url);
    this.content = response.body;
    this.rawHeaders = response.headers;
    this.history = history;
  }

  get statusCode(): number {
    return this.status;
  }

  get headers(): Headers & Record<string, string | undefined> {
    return headersView(this.rawHeaders);
  }

  get ok(): boolean {
    return this.statusCode < 400;
  }

  /** The charset the headers name; text/* without one is ISO-8859-1, as requests decides. */
  get encoding(): string | null {
    const contentType = this.rawHeaders.get("Content-Type");
    return charsetOf(contentType) ?? (mimeType(contentType).startsWith("text/") ? "iso-8859-1" : null);
  }

  get text(): string {
    return decodeBytes(this.content, this.encoding ?? "utf-8", "replace");
  }

  json(): unknown {
    try {
      return JSON.parse(decodeBytes(this.content, this.encoding ?? "utf-8", "replace"));
    } catch {
      throw new JSONDecodeError("Expecting value: line 1 column 1 (char 0)");
    }
  }

  raiseForStatus(): void {
    if (this.statusCode < 400) return;
    const kind = this.statusCode < 500 ? "Client" : "Server";
    throw new HTTPError(`${this.statusCode} ${kind} Error: ${this.reason} for url: ${this.url}`);
  }

  __repr__(): string {
    return `<Response [${this.statusCode}]>`;
  }
}
addSnakeCaseAliases(Response);

interface RequestOptions {
  params?: Record<string, unknown>;
  data?: unknown;
  json?: unknown;
  headers?: HeadersInit;
  timeout?: number;
  allowRedirects?: boolean;
}

/**
 * Runs steps that wait on blocking HTTP calls: synchronously while the calls block, and as a
 * coroutine from the first call that gevent made cooperative.
 */
export function driveBlocking<T>(steps: Generator<unknown, T, unknown>, name: string): T | Coroutine<T> {
  let next = steps.next();
  while (!next.done) {
    const waited = next.value;
    if (waited instanceof Coroutine) {
      return Coroutine.fromFunction(name, function* () {
        let value = yield waited;
        for (;;) {
          const step = steps.next(value);
          if (step.done) return step.value;
          value = step.value instanceof Coroutine ? yield step.value : step.value;
        }
      });
    }
    next = steps.next(waited);
  }
  return next.value;
}

function request(method: string, url: string, options?: RequestOptions): Response | Coroutine<Response> {
  return driveBlocking(
    send(String(method).toUpperCase(), URL.parse(url).extendQuery(option(options, "params", null)), options ?? {}),
    "request",
  );
}

function* send(method: string, url: URL, options: RequestOptions): Generator<unknown, Response, unknown> {
  const history: Response[] = [];
  for (;;) {
    let answered: HttpResponse;
    try {
      answered = (yield blockingRequest({
        method,
        url,
        headers: option<HeadersInit>(options, "headers", null),
        data: option(options, "data", undefined),
        json: option(options, "json", undefined),
        userAgent: USER_AGENT,
      })) as HttpResponse;
    } catch (error) {
      if (!(error instanceof OSError)) throw error;
      throw new ConnectionError(
        `HTTPConnectionPool(host='${url.host}', port=${url.port}): Max retries exceeded with url: ${url.pathQs} (Caused by ${error.name}: ${error.message})`,
      );
    }
    const response = new Response(answered, url, [...history]);
    const location = answered.headers.get("Location");
    if (location === null || answered.status < 300 || answered.status >= 400 || !option(options, "allowRedirects", true)) return response;
    history.push(response);
    if (history.length > MAX_REDIRECTS) throw new TooManyRedirects(`Exceeded ${MAX_REDIRECTS} redirects.`);
    if (answered.status === 303 || ((answered.status === 301 || answered.status === 302) && method === "POST")) method = "GET";
    url = url.join(location);
  }
}

function verb(method: string) {
  const call = (url: string, options?: RequestOptions) => request(method, url, options);
  Object.defineProperty(call, "name", { value: method.toLowerCase() });
  return call;
}

export const requests = makeModule({
  request,
  get: verb("GET"),
  post: verb("POST"),
  put: verb("PUT"),
  patch: verb("PATCH"),
  delete: verb("DELETE"),
  head: verb("HEAD"),
  Response,
  RequestException,
  ConnectionError,
  HTTPError,
  Timeout,
  TooManyRedirects,
  exceptions: makeModule({ RequestException, ConnectionError, HTTPError, Timeout, TooManyRedirects, JSONDecodeError }),
});
