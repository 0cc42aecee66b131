// aiohttp's client (aiohttp/client.py, client_reqrep.py): ClientSession, its requests and
// their responses, against the simulated web. Invariants, as in aiohttp:
// - a request is a coroutine; `session.get(url)` is awaitable and an async context manager;
// - a response holds its connection until its body is read to the end, release() or the end
//   of its `async with`; a connection whose response was read whole is kept for reuse;
// - the session's total timeout covers the whole request, and reading the body.

import { asyncWith } from "../asyncio/context-managers.js";
import { Coroutine } from "../asyncio/coroutines.js";
import { getRunningLoop } from "../asyncio/events.js";
import { RuntimeError, TimeoutError } from "../asyncio/exceptions.js";
import type { EventLoop } from "../asyncio/loop.js";
import { timeoutAt } from "../asyncio/timeouts.js";
import { addSnakeCaseAliases, isOptionsObject, option } from "../python-names.js";
import { activeRuntime, type Runtime } from "../runtime.js";
import { type Connection, TCPConnector } from "./aiohttp-connector.js";
import {
  ClientConnectorError,
  ClientResponseError,
  ContentTypeError,
  type RequestInfo,
  ServerDisconnectedError,
  ServerTimeoutError,
  TooManyRedirects,
} from "./aiohttp-errors.js";
import { type Bytes, decodeBytes, encodeText, isBytesLike, toBytes } from "./bytes.js";
import { ContextAwaitable } from "./context-awaitable.js";
import { OSError } from "./errors.js";
import { type Exchange, exchange } from "./http-exchange.js";
import { Headers, type HeadersInit, headersView } from "./http-headers.js";
import { charsetOf, EMPTY_BODY, HttpRequest, type HttpResponse, mimeType } from "./http-message.js";
import { jsonDumps } from "./json.js";
import { type Tuple, tuple } from "./tuple.js";
import { encodeForm, URL } from "./url.js";
import { untilTime } from "./wait-until.js";

const USER_AGENT = "Python/3.12 aiohttp/3.9.5";

type RequestContextManager = ContextAwaitable<ClientResponse>;
const MAX_REDIRECTS = 10;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** A dispose method per instance: QuickJS has Symbol.asyncDispose only once `using` is lowered. */
function defineAsyncDispose(target: object, dispose: () => unknown): void {
  Object.defineProperty(target, Symbol.asyncDispose, { value: dispose, configurable: true });
}

export class ClientTimeout {
  readonly total: number | null;
  readonly connect: number | null;
  readonly sockRead: number | null;
  readonly sockConnect: number | null;

  constructor(options: { total?: number | null; connect?: number | null; sockRead?: number | null; sockConnect?: number | null } = {}) {
    this.total = option(options, "total", null);
    this.connect = option(options, "connect", null);
    this.sockRead = option(options, "sockRead", null);
    this.sockConnect = option(options, "sockConnect", null);
  }

  get sock_read(): number | null {
    return this.sockRead;
  }

  get sock_connect(): number | null {
    return this.sockConnect;
  }

  __repr__(): string {
    const show = (value: number | null) => (value === null ? "None" : String(value));
    return `ClientTimeout(total=${show(this.total)}, connect=${show(this.connect)}, sock_read=${show(this.sockRead)}, sock_connect=${show(this.sockConnect)}, ceil_threshold=5)`;
  }
}

/** aiohttp's default: five minutes for the whole request. */
const DEFAULT_TIMEOUT = new ClientTimeout({ total: 300 });

export interface RequestOptions {
  params?: Record<string, unknown> | [string, unknown][];
  data?: unknown;
  json?: unknown;
  headers?: HeadersInit;
  timeout?: ClientTimeout | number | null;
  allowRedirects?: boolean;
  maxRedirects?: number;
  raiseForStatus?: boolean;
  ssl?: unknown;
  verifySsl?: boolean;
}

export interface SessionOptions {
  baseUrl?: string;
  connector?: TCPConnector;
  connectorOwner?: boolean;
  timeout?: ClientTimeout;
  headers?: HeadersInit;
  raiseForStatus?: boolean;
}

export class ClientSession {
  private readonly connectorInUse: TCPConnector;
  private readonly ownsConnector: boolean;
  private readonly baseUrl: URL | null;
  private readonly defaultHeaders: Headers;
  private readonly checkStatus: boolean;
  private isClosed = false;
  readonly timeout: ClientTimeout;

  constructor(options: SessionOptions = {}) {
    const base = option<string | null>(options, "baseUrl", null);
    this.baseUrl = base === null ? null : URL.parse(base);
    this.connectorInUse = option(options, "connector", null) ?? new TCPConnector();
    this.ownsConnector = option(options, "connectorOwner", true);
    this.timeout = option(options, "timeout", DEFAULT_TIMEOUT);
    this.defaultHeaders = new Headers(option<HeadersInit>(options, "headers", null));
    this.checkStatus = option(options, "raiseForStatus", false);
    defineAsyncDispose(this, () => this.close());
    activeRuntime().unretrieved.add(this);
  }

  get closed(): boolean {
    return this.isClosed;
  }

  get connector(): TCPConnector {
    return this.connectorInUse;
  }

  get headers(): Headers {
    return headersView(this.defaultHeaders);
  }

  /** Awaitable for the response, or `async with` it to release the response at the end of the block. */
  request(method: string, url: string | URL, options?: RequestOptions): RequestContextManager {
    return new ContextAwaitable(
      this.send(String(method).toUpperCase(), url, options ?? {}),
      (response) => {
        response.release();
        return undefined;
      },
      "aiohttp.client._RequestContextManager",
    );
  }

  get(url: string | URL, options?: RequestOptions): RequestContextManager {
    return this.request("GET", url, options);
  }

  post(url: string | URL, options?: RequestOptions): RequestContextManager {
    return this.request("POST", url, options);
  }

  put(url: string | URL, options?: RequestOptions): RequestContextManager {
    return this.request("PUT", url, options);
  }

  patch(url: string | URL, options?: RequestOptions): RequestContextManager {
    return this.request("PATCH", url, options);
  }

  delete(url: string | URL, options?: RequestOptions): RequestContextManager {
    return this.request("DELETE", url, options);
  }

  head(url: string | URL, options?: RequestOptions): RequestContextManager {
    return this.request("HEAD", url, { allowRedirects: false, ...options });
  }

  options(url: string | URL, options?: RequestOptions): RequestContextManager {
    return this.request("OPTIONS", url, options);
  }

  close(): Coroutine<void> {
    const session = this;
    return Coroutine.fromFunction("ClientSession.close", function* () {
      if (!session.isClosed && session.ownsConnector) session.connectorInUse.close();
      session.isClosed = true;
      activeRuntime().unretrieved.delete(session);
    });
  }

  __aenter__(): Coroutine<ClientSession> {
    const session = this;
    return Coroutine.fromFunction("ClientSession.__aenter__", function* () {
      return session;
    });
  }

  __aexit__(_type?: unknown, _error?: unknown, _traceback?: unknown): Coroutine<void> {
    return this.close();
  }

  /** What aiohttp logs when a session is garbage collected unclosed; here, at the end of the run. */
  reportUnretrieved(runtime: Runtime): void {
    runtime.write("stderr", "Unclosed client session\nclient_session: <aiohttp.client.ClientSession object>\n");
  }

  __repr__(): string {
    return "<aiohttp.client.ClientSession object>";
  }

  /** ClientSession._request: connect, send, follow redirects, all within the total timeout. */
  private send(method: string, target: string | URL, options: RequestOptions): Coroutine<ClientResponse> {
    const session = this;
    return Coroutine.fromFunction("ClientSession._request", function* () {
      if (session.isClosed) throw new RuntimeError("Session is closed");
      const loop = getRunningLoop();
      const given = option<ClientTimeout | number | null | undefined>(options, "timeout", undefined);
      const timeout = typeof given === "number" ? new ClientTimeout({ total: given }) : (given ?? session.timeout);
      const deadline = timeout.total === null ? null : loop.time() + timeout.total;
      const request = () => session.follow(loop, method, target, options, timeout, deadline);
      if (deadline === null) return (yield request()) as ClientResponse;
      return (yield asyncWith(timeoutAt(deadline), request)) as ClientResponse;
    });
  }

  private follow(
    loop: EventLoop,
    method: string,
    target: string | URL,
    options: RequestOptions,
    timeout: ClientTimeout,
    deadline: number | null,
  ): Coroutine<ClientResponse> {
    const session = this;
    return Coroutine.fromFunction(
      "ClientSession._request",
      function* () {
        let url = (session.baseUrl === null ? URL.parse(target) : session.baseUrl.join(String(target))).extendQuery(
          option(options, "params", null),
        );
        const headers = new Headers(session.defaultHeaders);
        for (const [name, value] of new Headers(option<HeadersInit>(options, "headers", null)).items()) headers.set(name, value);
        let body = requestBody(options, headers);
        const history: ClientResponse[] = [];
        const maxRedirects = option(options, "maxRedirects", MAX_REDIRECTS);
        for (;;) {
          const requestHeaders = new Headers(headers);
          requestHeaders.setdefault("Host", url.port === (url.scheme === "https" ? 443 : 80) ? url.host : `${url.host}:${url.port}`);
          requestHeaders.setdefault("Accept", "*/*");
          requestHeaders.setdefault("Accept-Encoding", "gzip, deflate");
          requestHeaders.setdefault("User-Agent", USER_AGENT);
          if (body.length > 0) requestHeaders.setdefault("Content-Length", body.length);
          const info: RequestInfo = { url, method, headers: requestHeaders, realUrl: url };
          const connection = (yield session.connectWithin(loop, url, timeout)) as Connection;
          let answered: Exchange;
          try {
            answered = (yield exchange(
              loop,
              connection.target,
              new HttpRequest(method, url, requestHeaders, body),
              `${method} ${url}`,
            )) as Exchange;
          } catch (error) {
            session.connectorInUse.release(connection, false, loop.time());
            if (error instanceof OSError) throw new ServerDisconnectedError();
            throw error;
          }
          const response = new ClientResponse(method, url, answered, connection, session.connectorInUse, info, tuple(...history), deadline);
          const location = response.headers.get("Location");
          if (REDIRECTS.has(response.status) && location !== null && option(options, "allowRedirects", true)) {
            history.push(response);
            response.release();
            if (history.length > maxRedirects) {
              throw new TooManyRedirects(info, tuple(...history), {
                status: response.status,
                message: "Too many redirects",
                headers: response.rawHeaders,
              });
            }
            if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === "POST")) {
              if (method !== "HEAD") method = "GET";
              body = EMPTY_BODY;
              headers.delete("Content-Type");
            }
            url = url.join(location);
            continue;
          }
          if (option(options, "raiseForStatus", session.checkStatus)) response.raiseForStatus();
          return response;
        }
      },
      false,
    );
  }

  /** The connector's connect(), within ClientTimeout.connect, as ClientConnectorError on failure. */
  private connectWithin(loop: EventLoop, url: URL, timeout: ClientTimeout): Coroutine<Connection> {
    const session = this;
    return Coroutine.fromFunction(
      "TCPConnector.connect",
      function* () {
        try {
          const connect = () => session.connectorInUse.connect(loop, url);
          if (timeout.connect === null) return (yield connect()) as Connection;
          return (yield asyncWith(timeoutAt(loop.time() + timeout.connect), connect)) as Connection;
        } catch (error) {
          if (error instanceof OSError) throw new ClientConnectorError(url.host, url.port, error);
          if (error instanceof TimeoutError && timeout.connect !== null) {
            throw new ServerTimeoutError(`Connection timeout to host ${url}`);
          }
          throw error;
        }
      },
      false,
    );
  }
}
addSnakeCaseAliases(ClientSession);

/** The body of a request from `data=` or `json=`, setting its Content-Type. */
function requestBody(options: RequestOptions, headers: Headers): Bytes {
  const json = option<unknown>(options, "json", undefined);
  const data = option<unknown>(options, "data", undefined);
  if (json !== undefined && data !== undefined) throw new TypeError("data and json parameters can not be used at the same time");
  if (json !== undefined) {
    headers.setdefault("Content-Type", "application/json");
    return encodeText(jsonDumps(json));
  }
  if (data === undefined || data === null) return EMPTY_BODY;
  if (typeof data === "string") {
    headers.setdefault("Content-Type", "text/plain; charset=utf-8");
    return encodeText(data);
  }
  if (isBytesLike(data)) {
    headers.setdefault("Content-Type", "application/octet-stream");
    return toBytes(data);
  }
  if (isOptionsObject(data) || data instanceof Map) {
    headers.setdefault("Content-Type", "application/x-www-form-urlencoded");
    return encodeText(encodeForm(data instanceof Map ? Object.fromEntries(data) : data));
  }
  throw new TypeError("data must be a string, bytes or a dict of form fields");
}

export class ClientResponse {
  readonly status: number;
  readonly reason: string;
  readonly rawHeaders: Headers;
  readonly history: Tuple<ClientResponse>;
  private readonly response: HttpResponse;
  private readonly bodyArrival: number;
  private connection: Connection | null;
  private bodyRead = false;

  constructor(
    readonly method: string,
    readonly url: URL,
    answered: Exchange,
    connection: Connection,
    private readonly connector: TCPConnector,
    private readonly info: RequestInfo,
    history: Tuple<ClientResponse>,
    private readonly deadline: number | null,
  ) {
    this.response = answered.response;
    this.status = answered.response.status;
    this.reason = answered.response.reason;
    this.rawHeaders = answered.response.headers;
    this.bodyArrival = answered.bodyArrival;
    this.connection = connection;
    this.history = history;
    defineAsyncDispose(this, () => this.__aexit__());
  }

  get headers(): Headers & Record<string, string | undefined> {
    return headersView(this.rawHeaders);
  }

  get requestInfo(): RequestInfo {
    return this.info;
  }

  get realUrl(): URL {
    return this.url;
  }

  get ok(): boolean {
    return this.status < 400;
  }

  get contentType(): string {
    return mimeType(this.rawHeaders.get("Content-Type")) || "application/octet-stream";
  }

  get charset(): string | null {
    return charsetOf(this.rawHeaders.get("Content-Type"));
  }

  get contentLength(): number | null {
    const length = this.rawHeaders.get("Content-Length");
    return length === null ? null : Number(length);
  }

  get closed(): boolean {
    return this.connection === null;
  }

  /** The whole body; it arrives at the link's bandwidth after the headers. */
  read(): Coroutine<Bytes> {
    const response = this;
    return Coroutine.fromFunction("ClientResponse.read", function* () {
      const loop = getRunningLoop();
      if (!response.bodyRead && loop.time() < response.bodyArrival) {
        const wait = () => response.waitForBody(loop);
        if (response.deadline === null) yield wait();
        else yield asyncWith(timeoutAt(response.deadline), wait);
      }
      if (!response.bodyRead) {
        response.bodyRead = true;
        response.releaseConnection(true, loop.time());
      }
      return response.response.body;
    });
  }

  /** text(encoding=None, errors="strict"): the body decoded with the charset the headers name, else UTF-8. */
  text(encoding?: string | null | { encoding?: string | null; errors?: string }, errors = "strict"): Coroutine<string> {
    const response = this;
    if (isOptionsObject(encoding)) {
      errors = option(encoding, "errors", "strict");
      encoding = option<string | null>(encoding, "encoding", null);
    }
    const codec = encoding ?? null;
    return Coroutine.fromFunction("ClientResponse.text", function* () {
      const body = (yield response.read()) as Bytes;
      return decodeBytes(body, codec ?? response.charset ?? "utf-8", errors);
    });
  }

  /** json(): the body parsed; ContentTypeError unless the response says it is JSON. */
  json(options?: { contentType?: string | null; encoding?: string }): Coroutine<unknown> {
    const response = this;
    const expected = option<string | null>(options, "contentType", "application/json");
    return Coroutine.fromFunction("ClientResponse.json", function* () {
      const body = (yield response.read()) as Bytes;
      if (expected !== null && !response.contentType.includes(expected)) {
        throw new ContentTypeError(response.requestInfo, response.history, {
          status: response.status,
          message: `Attempt to decode JSON with unexpected mimetype: ${response.contentType}`,
          headers: response.rawHeaders,
        });
      }
      const text = decodeBytes(body, option(options, "encoding", null) ?? response.charset ?? "utf-8").trim();
      return text === "" ? null : JSON.parse(text);
    });
  }

  raiseForStatus(): void {
    if (this.status < 400) return;
    this.release();
    throw new ClientResponseError(this.requestInfo, this.history, { status: this.status, message: this.reason, headers: this.rawHeaders });
  }

  /** Gives the connection back: for reuse if the body has arrived, else closed. */
  release(): void {
    const now = activeRuntime().clock.now();
    this.releaseConnection(this.bodyRead || now >= this.bodyArrival, now);
  }

  close(): void {
    this.releaseConnection(false, activeRuntime().clock.now());
  }

  __aenter__(): Coroutine<ClientResponse> {
    const response = this;
    return Coroutine.fromFunction("ClientResponse.__aenter__", function* () {
      return response;
    });
  }

  __aexit__(_type?: unknown, _error?: unknown, _traceback?: unknown): Coroutine<void> {
    const response = this;
    return Coroutine.fromFunction("ClientResponse.__aexit__", function* () {
      response.release();
    });
  }

  __repr__(): string {
    return `<ClientResponse(${this.url}) [${this.status} ${this.reason}]>\n${this.rawHeaders.__repr__()}\n`;
  }

  private waitForBody(loop: EventLoop): Coroutine<void> {
    const response = this;
    return Coroutine.fromFunction(
      "ClientResponse.read",
      function* () {
        const label = `read body of ${response.method} ${response.url} (${response.response.body.length} bytes)`;
        yield* untilTime(loop, response.bodyArrival, label);
      },
      false,
    );
  }

  private releaseConnection(reusable: boolean, now: number): void {
    const connection = this.connection;
    if (connection === null) return;
    this.connection = null;
    this.connector.release(connection, reusable, now);
  }
}
addSnakeCaseAliases(ClientResponse);
