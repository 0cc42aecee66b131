// aiohttp.web, the server side, for a snippet that serves its own site on the simulated
// network: Application with a router, handlers that take a Request and return a Response,
// AppRunner and TCPSite to put the app on a host and port. Each request runs its handler as a
// task on the loop, as aiohttp's server does; an HTTPException raised by a handler becomes its
// response, any other exception a 500 reported to the loop's exception handler.

import { Coroutine, isCoroutineLike } from "../asyncio/coroutines.js";
import { getRunningLoop } from "../asyncio/events.js";
import { RuntimeError } from "../asyncio/exceptions.js";
import type { Future } from "../asyncio/futures.js";
import type { EventLoop } from "../asyncio/loop.js";
import { repr } from "../builtins/format.js";
import { addSnakeCaseAliases, option } from "../python-names.js";
import { Bytes, decodeBytes, encodeText, isBytesLike, toBytes } from "./bytes.js";
import { currentNetwork } from "./current-network.js";
import { OSError } from "./errors.js";
import { canonicalHost, isWildcard } from "./hosts.js";
import { Headers, type HeadersInit, headersView } from "./http-headers.js";
import { type HttpRequest, HttpResponse, reasonOf } from "./http-message.js";
import { HttpSite } from "./http-site.js";
import { jsonDumps } from "./json.js";
import { parseQuery, type URL } from "./url.js";

type Handler = (request: Request) => unknown;

export class Request {
  constructor(
    readonly app: Application,
    private readonly message: HttpRequest,
    private readonly routeParts: Record<string, string>,
  ) {}

  /** The {name} parts of the route's path. */
  get matchInfo(): Record<string, string> {
    return this.routeParts;
  }

  get method(): string {
    return this.message.method;
  }

  get url(): URL {
    return this.message.url;
  }

  get path(): string {
    return this.message.url.path;
  }

  get query(): Record<string, string> {
    return this.message.url.query;
  }

  get host(): string {
    return this.message.headers.get("Host") ?? this.message.url.host;
  }

  get headers(): Headers & Record<string, string | undefined> {
    return headersView(this.message.headers);
  }

  get contentType(): string {
    return (this.message.headers.get("Content-Type") ?? "application/octet-stream").split(";")[0]?.trim() ?? "";
  }

  read(): Coroutine<Bytes> {
    const body = this.message.body;
    return Coroutine.fromFunction("BaseRequest.read", function* () {
      return body;
    });
  }

  text(): Coroutine<string> {
    const body = this.message.body;
    return Coroutine.fromFunction("BaseRequest.text", function* () {
      return decodeBytes(body);
    });
  }

  json(): Coroutine<unknown> {
    const body = this.message.body;
    return Coroutine.fromFunction("BaseRequest.json", function* () {
      return JSON.parse(decodeBytes(body));
    });
  }

  /** The form fields of an application/x-www-form-urlencoded body. */
  post(): Coroutine<Record<string, string>> {
    const body = this.message.body;
    return Coroutine.fromFunction("BaseRequest.post", function* () {
      return parseQuery(decodeBytes(body));
    });
  }

  __repr__(): string {
    return `<Request ${this.method} ${this.path} >`;
  }
}
addSnakeCaseAliases(Request);

interface ResponseOptions {
  body?: unknown;
  status?: number;
  reason?: string;
  text?: string;
  headers?: HeadersInit;
  contentType?: string;
  charset?: string;
}

export class Response {
  readonly status: number;
  readonly reason: string;
  readonly headers: Headers;
  readonly body: Bytes;

  constructor(options: ResponseOptions = {}) {
    this.status = option(options, "status", 200);
    this.reason = option(options, "reason", reasonOf(this.status));
    this.headers = new Headers(option<HeadersInit>(options, "headers", null));
    const text = option<string | null>(options, "text", null);
    const body = option<unknown>(options, "body", null);
    if (text !== null && body !== null) throw new TypeError("body and text are not allowed together");
    if (text !== null) {
      const charset = option(options, "charset", "utf-8");
      this.headers.setdefault("Content-Type", `${option(options, "contentType", "text/plain")}; charset=${charset}`);
      this.body = encodeText(String(text));
    } else {
      const contentType = option<string | null>(options, "contentType", null);
      if (contentType !== null) this.headers.setdefault("Content-Type", contentType);
      this.body = body === null ? new Bytes(0) : isBytesLike(body) ? toBytes(body) : encodeText(String(body));
    }
  }

  get text(): string {
    return decodeBytes(this.body);
  }

  toHttp(): HttpResponse {
    return new HttpResponse(this.status, this.body, this.headers, this.reason);
  }

  __repr__(): string {
    return `<Response ${this.reason} not prepared>`;
  }
}
addSnakeCaseAliases(Response);

/** web.json_response(data, status=200): the data as json.dumps writes it. */
export function jsonResponse(data: unknown, options: ResponseOptions = {}): Response {
  return new Response({ ...options, text: jsonDumps(data), contentType: option(options, "contentType", "application/json") });
}

/** An HTTP error a handler raises; it is the response. `text` defaults to "404: Not Found". */
export class HTTPException extends Error {
  static readonly statusCode: number = 500;
  readonly status: number;
  readonly reason: string;
  readonly text: string;
  readonly headers: Headers;

  constructor(options: { text?: string; reason?: string; headers?: HeadersInit; location?: string } = {}) {
    const status = (new.target as typeof HTTPException).statusCode;
    const reason = option(options, "reason", reasonOf(status));
    const text = option(options, "text", `${status}: ${reason}`);
    super(text);
    this.name = new.target.name;
    this.status = status;
    this.reason = reason;
    this.text = text;
    this.headers = new Headers(option<HeadersInit>(options, "headers", null));
    const location = option<string | null>(options, "location", null);
    if (location !== null) this.headers.set("Location", location);
  }

  toHttp(): HttpResponse {
    const headers = new Headers(this.headers);
    headers.setdefault("Content-Type", "text/plain; charset=utf-8");
    return new HttpResponse(this.status, encodeText(this.text), headers, this.reason);
  }
}

function httpError(status: number, name: string): typeof HTTPException {
  const cls = class extends HTTPException {
    static override readonly statusCode = status;
  };
  Object.defineProperty(cls, "name", { value: name });
  return cls;
}

export const HTTPMovedPermanently = httpError(301, "HTTPMovedPermanently");
export const HTTPFound = httpError(302, "HTTPFound");
export const HTTPBadRequest = httpError(400, "HTTPBadRequest");
export const HTTPUnauthorized = httpError(401, "HTTPUnauthorized");
export const HTTPForbidden = httpError(403, "HTTPForbidden");
export const HTTPNotFound = httpError(404, "HTTPNotFound");
export const HTTPMethodNotAllowed = httpError(405, "HTTPMethodNotAllowed");
export const HTTPTooManyRequests = httpError(429, "HTTPTooManyRequests");
export const HTTPInternalServerError = httpError(500, "HTTPInternalServerError");
export const HTTPServiceUnavailable = httpError(503, "HTTPServiceUnavailable");

/** A route as web.get(path, handler) describes it, for router.add_routes(). */
export class RouteDef {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly handler: Handler,
  ) {}
}

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: Handler;
}

/** A route path with {name} or {name:regex} parts as a regular expression. */
function compilePath(path: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const source = path.replace(/\{(\w+)(?::([^}]+))?\}|[.*+?^$()|[\]\\]/g, (match, name?: string, expression?: string) => {
    if (name === undefined) return `\\${match}`;
    names.push(name);
    return `(${expression ?? "[^{}/]+"})`;
  });
  return { pattern: new RegExp(`^${source}$`), names };
}

export class UrlDispatcher {
  private readonly routes: Route[] = [];

  addRoute(method: string, path: string, handler: Handler): void {
    if (typeof handler !== "function") throw new TypeError(`Handler ${repr(handler)} should be a function`);
    this.routes.push({ method: method.toUpperCase(), ...compilePath(path), handler });
  }

  addGet(path: string, handler: Handler): void {
    this.addRoute("GET", path, handler);
    this.addRoute("HEAD", path, handler);
  }

  addPost(path: string, handler: Handler): void {
    this.addRoute("POST", path, handler);
  }

  addPut(path: string, handler: Handler): void {
    this.addRoute("PUT", path, handler);
  }

  addPatch(path: string, handler: Handler): void {
    this.addRoute("PATCH", path, handler);
  }

  addDelete(path: string, handler: Handler): void {
    this.addRoute("DELETE", path, handler);
  }

  addRoutes(routes: Iterable<RouteDef>): void {
    for (const route of routes) {
      if (route.method === "GET") this.addGet(route.path, route.handler);
      else this.addRoute(route.method, route.path, route.handler);
    }
  }

  /** The handler for a request and its path's {name} parts, or the HTTP error to answer with. */
  resolve(method: string, path: string): { handler: Handler; matchInfo: Record<string, string> } | HTTPException {
    let pathMatched = false;
    for (const route of this.routes) {
      const match = route.pattern.exec(path);
      if (match === null) continue;
      pathMatched = true;
      if (route.method !== method && route.method !== "*") continue;
      const matchInfo: Record<string, string> = {};
      route.names.forEach((name, index) => {
        matchInfo[name] = decodeURIComponent(match[index + 1] as string);
      });
      return { handler: route.handler, matchInfo };
    }
    return pathMatched ? new HTTPMethodNotAllowed() : new HTTPNotFound();
  }
}
addSnakeCaseAliases(UrlDispatcher);

export class Application {
  readonly router = new UrlDispatcher();
  /** app["key"] in Python: state shared by the handlers. */
  readonly state: Record<string, unknown> = {};

  addRoutes(routes: Iterable<RouteDef>): void {
    this.router.addRoutes(routes);
  }

  __repr__(): string {
    return "<Application>";
  }
}
addSnakeCaseAliases(Application);

/** An Application on a host and port of the simulated network. */
class AppSite extends HttpSite {
  constructor(
    name: string,
    private readonly app: Application,
  ) {
    super(name);
  }

  answer(message: HttpRequest, loop: EventLoop): Future<HttpResponse> {
    const app = this.app;
    const route = app.router.resolve(message.method, message.url.path);
    const handlerName = route instanceof HTTPException ? "handle_error" : route.handler.name || "handler";
    const handle = Coroutine.fromFunction(
      handlerName,
      function* () {
        if (route instanceof HTTPException) return route.toHttp();
        try {
          const result = route.handler(new Request(app, message, route.matchInfo));
          const response = isCoroutineLike(result) ? yield result : result;
          if (response instanceof Response) return response.toHttp();
          throw new TypeError(`Handler ${handlerName} should return response instance, got ${repr(response)}`);
        } catch (error) {
          if (error instanceof HTTPException) return error.toHttp();
          loop.callExceptionHandler({ message: "Error handling request", exception: error });
          return new HttpResponse(500, encodeText("500 Internal Server Error\n\nServer got itself in trouble"), {
            "Content-Type": "text/plain; charset=utf-8",
          });
        }
      },
      false,
    );
    return loop.createTask(handle);
  }
}

export class AppRunner {
  private readonly started: TCPSite[] = [];
  private ready = false;

  constructor(readonly app: Application) {}

  get sites(): TCPSite[] {
    return [...this.started];
  }

  setup(): Coroutine<void> {
    const runner = this;
    return Coroutine.fromFunction("AppRunner.setup", function* () {
      runner.ready = true;
    });
  }

  cleanup(): Coroutine<void> {
    const runner = this;
    return Coroutine.fromFunction("AppRunner.cleanup", function* () {
      for (const site of runner.started.splice(0)) site.unlisten();
      runner.ready = false;
    });
  }

  /** For TCPSite.start(). */
  register(site: TCPSite): void {
    if (!this.ready) throw new RuntimeError("Call runner.setup() before making a site");
    this.started.push(site);
  }
}
addSnakeCaseAliases(AppRunner);

export class TCPSite {
  readonly host: string | null;
  readonly port: number;
  private readonly given: string;
  private site: AppSite | null = null;

  constructor(
    private readonly runner: AppRunner,
    host: string | null = null,
    port: number | null = null,
  ) {
    this.host = isWildcard(host) ? null : canonicalHost(host);
    this.given = isWildcard(host) ? "0.0.0.0" : String(host);
    this.port = port ?? 8080;
  }

  get name(): string {
    return `http://${this.given}:${this.port}`;
  }

  start(): Coroutine<void> {
    const tcpSite = this;
    return Coroutine.fromFunction("TCPSite.start", function* () {
      const network = currentNetwork(getRunningLoop().runtime);
      const address = tcpSite.host ?? "0.0.0.0";
      if (network.isBound(tcpSite.host, tcpSite.port)) {
        throw new OSError(98, `error while attempting to bind on address ('${address}', ${tcpSite.port}): address already in use`);
      }
      tcpSite.runner.register(tcpSite);
      tcpSite.site = new AppSite(tcpSite.host ?? LOCAL_NAME, tcpSite.runner.app);
      network.listen(tcpSite.host, tcpSite.port, tcpSite.site);
    });
  }

  stop(): Coroutine<void> {
    const tcpSite = this;
    return Coroutine.fromFunction("TCPSite.stop", function* () {
      tcpSite.unlisten();
    });
  }

  unlisten(): void {
    if (this.site === null) return;
    currentNetwork().unlisten(this.host, this.port, this.site);
    this.site = null;
  }
}
addSnakeCaseAliases(TCPSite);

const LOCAL_NAME = "localhost";

function routeDef(method: string) {
  return (path: string, handler: Handler) => new RouteDef(method, path, handler);
}

/** The members of the aiohttp.web module. */
export const webMembers = {
  Application,
  Request,
  Response,
  jsonResponse,
  AppRunner,
  TCPSite,
  RouteDef,
  get: routeDef("GET"),
  post: routeDef("POST"),
  put: routeDef("PUT"),
  patch: routeDef("PATCH"),
  delete: routeDef("DELETE"),
  route: (method: string, path: string, handler: Handler) => new RouteDef(method.toUpperCase(), path, handler),
  HTTPException,
  HTTPMovedPermanently,
  HTTPFound,
  HTTPBadRequest,
  HTTPUnauthorized,
  HTTPForbidden,
  HTTPNotFound,
  HTTPMethodNotAllowed,
  HTTPTooManyRequests,
  HTTPInternalServerError,
  HTTPServiceUnavailable,
};
