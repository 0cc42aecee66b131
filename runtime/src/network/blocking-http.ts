// HTTP for the blocking clients (requests, urllib): the call returns when the response is in,
// and its time passes the way time.sleep() passes: it stops the whole loop when called from a
// coroutine (the mistake the seeds warn about), spends only its own thread's time inside
// run_in_executor, and lets the other greenlets run after gevent's monkey.patch_all().

import { Coroutine } from "../asyncio/coroutines.js";
import { currentWorkerThread } from "../asyncio/worker-thread.js";
import { isSleepPatched, time } from "../modules/time.js";
import { isOptionsObject } from "../python-names.js";
import { activeRuntime } from "../runtime.js";
import { type Bytes, encodeText } from "./bytes.js";
import { currentNetwork } from "./current-network.js";
import { formatSeconds, networkDeadline } from "./hosts.js";
import { blockingExchange } from "./http-exchange.js";
import { Headers, type HeadersInit } from "./http-headers.js";
import { EMPTY_BODY, HttpRequest, type HttpResponse } from "./http-message.js";
import { jsonDumps } from "./json.js";
import { encodeForm, type URL } from "./url.js";
import { untilTime } from "./wait-until.js";

export interface BlockingRequest {
  method: string;
  url: URL;
  headers?: HeadersInit;
  data?: unknown;
  json?: unknown;
  userAgent: string;
}

function bodyOf(request: BlockingRequest, headers: Headers): Bytes {
  if (request.json !== undefined) {
    headers.setdefault("Content-Type", "application/json");
    return encodeText(jsonDumps(request.json));
  }
  const data = request.data;
  if (data === undefined || data === null) return EMPTY_BODY;
  if (typeof data === "string") return encodeText(data);
  if (data instanceof Uint8Array) return data as Bytes;
  if (isOptionsObject(data)) {
    headers.setdefault("Content-Type", "application/x-www-form-urlencoded");
    return encodeText(encodeForm(data));
  }
  throw new TypeError("data must be a string, bytes or a dict of form fields");
}

/**
 * Sends the request and waits for the whole response: a plain value when the call blocks, an
 * awaitable when gevent made it cooperative (await it, as `await time.sleep()` there).
 */
export function blockingRequest(request: BlockingRequest): HttpResponse | Coroutine<HttpResponse> {
  const headers = new Headers(request.headers);
  headers.setdefault("Host", request.url.host);
  headers.setdefault("User-Agent", request.userAgent);
  headers.setdefault("Accept", "*/*");
  const body = bodyOf(request, headers);
  const runtime = activeRuntime();
  const { response, seconds } = blockingExchange(runtime, new HttpRequest(request.method, request.url, headers, body));
  if (currentWorkerThread() === null && isSleepPatched() && runtime.runningLoop !== null) {
    const running = runtime.runningLoop;
    const latency = currentNetwork(runtime).settings(request.url.host).latency;
    return Coroutine.fromFunction(`${request.method} ${request.url}`, function* () {
      const label = `${request.method} ${request.url} (${formatSeconds(latency)} round trip)`;
      yield* untilTime(running, networkDeadline(running, seconds), label);
      return response;
    });
  }
  time.sleep(seconds);
  return response;
}
