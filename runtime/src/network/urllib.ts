// The `urllib` module's request, error and parse parts: blocking HTTP against the demo web
// (blocking-http.ts says how its time passes). urlopen raises HTTPError for 4xx and 5xx and
// URLError when the host cannot be reached, as urllib does; redirects are followed.

import type { Coroutine } from "../asyncio/coroutines.js";
import { makeModule } from "../asyncio/module.js";
import { addSnakeCaseAliases, option } from "../python-names.js";
import { blockingRequest } from "./blocking-http.js";
import { Bytes } from "./bytes.js";
import { OSError } from "./errors.js";
import { type Headers, type HeadersInit, headersView } from "./http-headers.js";
import type { HttpResponse } from "./http-message.js";
import { driveBlocking } from "./requests.js";
import { encodeForm, URL } from "./url.js";

const USER_AGENT = "Python-urllib/3.12";
const MAX_REDIRECTS = 10;

export class URLError extends OSError {
  constructor(readonly reason: unknown) {
    super(reason instanceof Error ? reason.message : String(reason));
    this.name = new.target.name;
  }

  override __str__(): string {
    return `<urlopen error ${this.reason instanceof OSError ? this.reason.__str__() : String(this.reason)}>`;
  }

  override __repr__(): string {
    return `URLError(${this.reason instanceof OSError ? this.reason.__repr__() : String(this.reason)})`;
  }
}

export class HTTPResponse {
  readonly status: number;
  readonly reason: string;
  readonly url: string;
  private body: Bytes;
  private readonly rawHeaders: Headers;

  constructor(response: HttpResponse, url: URL) {
    this.status = response.status;
    this.reason = response.reason;
    this.url = String(url);
    this.body = response.body;
    this.rawHeaders = response.headers;
  }

  get headers(): Headers & Record<string, string | undefined> {
    return headersView(this.rawHeaders);
  }

  /** read(amt=None): the rest of the body (or `amt` bytes); b'' once it is all read. */
  read(amount?: number | null): Bytes {
    const size = amount === undefined || amount === null || amount < 0 ? this.body.length : amount;
    const chunk = this.body.slice(0, size) as Bytes;
    this.body = this.body.slice(size) as Bytes;
    return chunk;
  }

  getcode(): number {
    return this.status;
  }

  geturl(): string {
    return this.url;
  }

  getheader(name: string, fallback: string | null = null): string | null {
    return this.rawHeaders.get(name, fallback);
  }

  close(): void {
    this.body = new Bytes(0);
  }

  __repr__(): string {
    return "<http.client.HTTPResponse object>";
  }
}
addSnakeCaseAliases(HTTPResponse);

/** urllib.error.HTTPError: str() is "HTTP Error 404: Not Found"; it can also be read like a response. */
export class HTTPError extends URLError {
  readonly code: number;
  readonly url: string;
  private readonly response: HTTPResponse;

  constructor(response: HTTPResponse) {
    super(response.reason);
    this.code = response.status;
    this.url = response.url;
    this.response = response;
    this.message = `HTTP Error ${response.status}: ${response.reason}`;
  }

  get headers(): Headers & Record<string, string | undefined> {
    return this.response.headers;
  }

  read(amount?: number | null): Bytes {
    return this.response.read(amount);
  }

  override __str__(): string {
    return this.message;
  }

  override __repr__(): string {
    return `<HTTPError ${this.code}: '${this.response.reason}'>`;
  }
}

export class Request {
  readonly fullUrl: string;
  readonly data: unknown;
  readonly headers: HeadersInit;
  private readonly explicitMethod: string | null;

  constructor(url: string, options: { data?: unknown; headers?: HeadersInit; method?: string } = {}) {
    this.fullUrl = url;
    this.data = option(options, "data", null);
    this.headers = option<HeadersInit>(options, "headers", null);
    this.explicitMethod = option<string | null>(options, "method", null);
  }

  getMethod(): string {
    return this.explicitMethod ?? (this.data === null ? "GET" : "POST");
  }

  get full_url(): string {
    return this.fullUrl;
  }
}
addSnakeCaseAliases(Request);

/** urlopen(url_or_request, data=None, timeout=...): the response, once it is all in. */
function urlopen(target: string | Request, data?: unknown): HTTPResponse | Coroutine<HTTPResponse> {
  const given = target instanceof Request ? target : new Request(String(target), { data: data ?? null });
  const body = data ?? given.data;
  return driveBlocking(open(given.getMethod(), URL.parse(given.fullUrl), given.headers, body), "urlopen");
}

function* open(method: string, url: URL, headers: HeadersInit, data: unknown): Generator<unknown, HTTPResponse, unknown> {
  for (let redirects = 0; ; redirects++) {
    let answered: HttpResponse;
    try {
      answered = (yield blockingRequest({ method, url, headers, data: data ?? undefined, userAgent: USER_AGENT })) as HttpResponse;
    } catch (error) {
      if (error instanceof OSError) throw new URLError(error);
      throw error;
    }
    const response = new HTTPResponse(answered, url);
    const location = answered.headers.get("Location");
    if (location !== null && [301, 302, 303, 307, 308].includes(answered.status) && redirects < MAX_REDIRECTS) {
      url = url.join(location);
      if (answered.status !== 307 && answered.status !== 308) {
        method = "GET";
        data = null;
      }
      continue;
    }
    if (answered.status >= 400) throw new HTTPError(response);
    return response;
  }
}

/** urllib.parse.urlencode(query): form encoding of a dict. */
function urlencode(query: Record<string, unknown>): string {
  return encodeForm(query);
}

function quote(text: string, safe = "/"): string {
  return encodeURIComponent(text).replace(/%2F/g, safe.includes("/") ? "/" : "%2F");
}

function urljoin(base: string, url: string): string {
  return String(URL.parse(base).join(url));
}

export const urllib = makeModule({
  request: makeModule({ urlopen, Request }),
  error: makeModule({ URLError, HTTPError }),
  parse: makeModule({ urlencode, quote, urljoin }),
});
