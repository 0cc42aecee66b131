// httpbin.org, the request echo service: /get, /post, /anything, /status/{code},
// /delay/{seconds}, /json, /html, /headers, /ip, /user-agent, /bytes/{n}, /redirect/{n}.
// It echoes what it received as httpbin does, in JSON indented by two.

import { decodeBytes, encodeText } from "./bytes.js";
import { deterministicBytes, htmlAnswer, htmlDocument, jsonAnswer, notFound, redirectAnswer } from "./demo-pages.js";
import { EMPTY_BODY, type HttpRequest, HttpResponse, mimeType } from "./http-message.js";
import { BuiltinSite, type SiteAnswer } from "./http-site.js";
import { parseQuery } from "./url.js";

/** The address httpbin reports the snippet as coming from (a documentation address). */
export const ORIGIN_ADDRESS = "203.0.113.7";
const MAX_DELAY = 10;

function echoedHeaders(request: HttpRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of request.headers.items()) {
    const canonical = name.toLowerCase().replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());
    headers[canonical] = value;
  }
  return headers;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** What httpbin sends back about a request, in its key order. */
function echo(request: HttpRequest, withBody: boolean, withMethod: boolean): Record<string, unknown> {
  const result: Record<string, unknown> = { args: request.url.query };
  if (withBody) {
    const text = decodeBytes(request.body, "utf-8", "replace");
    const type = mimeType(request.headers.get("Content-Type"));
    const form = type === "application/x-www-form-urlencoded";
    result.data = form ? "" : text;
    result.files = {};
    result.form = form ? parseQuery(text) : {};
    result.headers = echoedHeaders(request);
    result.json = type === "application/json" ? parseJson(text) : null;
  } else {
    result.headers = echoedHeaders(request);
  }
  if (withMethod) result.method = request.method;
  result.origin = ORIGIN_ADDRESS;
  result.url = request.url.toString();
  return result;
}

const SAMPLE_JSON = {
  slideshow: {
    author: "Looplab",
    date: "2024-01-01",
    slides: [
      { title: "Coroutines", type: "all" },
      { items: ["async def", "await", "asyncio.run"], title: "Overview", type: "all" },
    ],
    title: "Sample Slide Show",
  },
};

const METHOD_PATHS: Record<string, string> = { "/get": "GET", "/post": "POST", "/put": "PUT", "/patch": "PATCH", "/delete": "DELETE" };

function answer(request: HttpRequest): SiteAnswer {
  const path = request.url.path;
  const method = request.method;
  const expected = METHOD_PATHS[path];
  if (expected !== undefined) {
    if (method !== expected) return htmlAnswer(405, htmlDocument("405 Method Not Allowed", "<h1>Method Not Allowed</h1>"));
    return jsonAnswer(200, echo(request, method !== "GET", false));
  }
  if (path === "/anything" || path.startsWith("/anything/")) return jsonAnswer(200, echo(request, true, true));
  const status = /^\/status\/(\d{3})$/.exec(path);
  if (status !== null)
    return { response: new HttpResponse(Number(status[1]), EMPTY_BODY, { "Content-Type": "text/html; charset=utf-8" }), serverTime: 0 };
  const delay = /^\/delay\/(\d+(\.\d+)?)$/.exec(path);
  if (delay !== null) return jsonAnswer(200, echo(request, false, false), Math.min(Number(delay[1]), MAX_DELAY));
  const bytes = /^\/bytes\/(\d+)$/.exec(path);
  if (bytes !== null) {
    const body = deterministicBytes(Math.min(Number(bytes[1]), 100 * 1024));
    return { response: new HttpResponse(200, body, { "Content-Type": "application/octet-stream" }), serverTime: 0 };
  }
  const redirect = /^\/redirect\/(\d+)$/.exec(path);
  if (redirect !== null) {
    const remaining = Number(redirect[1]);
    return redirectAnswer(302, remaining <= 1 ? "/get" : `/redirect/${remaining - 1}`);
  }
  switch (path) {
    case "/json":
      return jsonAnswer(200, SAMPLE_JSON);
    case "/html":
      return htmlAnswer(200, htmlDocument("httpbin", "<h1>Herman Melville - Moby-Dick</h1>\n<p>Call me Ishmael.</p>"));
    case "/headers":
      return jsonAnswer(200, { headers: echoedHeaders(request) });
    case "/ip":
      return jsonAnswer(200, { origin: ORIGIN_ADDRESS });
    case "/user-agent":
      return jsonAnswer(200, { "user-agent": request.headers.get("User-Agent") });
    case "/robots.txt":
      return {
        response: new HttpResponse(200, encodeText("User-agent: *\nDisallow: /deny\n"), { "Content-Type": "text/plain" }),
        serverTime: 0,
      };
    default:
      return notFound(request);
  }
}

export const httpbin = new BuiltinSite("httpbin.org", answer);
