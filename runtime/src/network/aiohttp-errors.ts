// aiohttp's client exceptions (aiohttp/client_exceptions.py), with their messages. Python's
// multiple inheritance is flattened: ServerTimeoutError is an asyncio.TimeoutError (what code
// catches), and ClientResponseError's `message` is the whole text; the reason phrase is `reason`.

import { TimeoutError } from "../asyncio/exceptions.js";
import { quote } from "../builtins/format.js";
import type { Headers } from "./http-headers.js";
import type { URL } from "./url.js";

export class ClientError extends Error {
  constructor(message?: string) {
    super(message ?? "");
    this.name = new.target.name;
  }
}

/** What aiohttp knows of the request behind a response: `request_info`. */
export interface RequestInfo {
  url: URL;
  method: string;
  headers: Headers;
  realUrl: URL;
}

export class ClientResponseError extends ClientError {
  readonly status: number;
  readonly reason: string;
  readonly requestInfo: RequestInfo;
  readonly history: readonly unknown[];
  readonly headers: Headers | null;

  constructor(
    requestInfo: RequestInfo,
    history: readonly unknown[],
    options: { status: number; message: string; headers?: Headers | null },
  ) {
    super(`${options.status}, message=${quote(options.message)}, url=${quote(String(requestInfo.realUrl))}`);
    this.status = options.status;
    this.reason = options.message;
    this.requestInfo = requestInfo;
    this.history = history;
    this.headers = options.headers ?? null;
  }

  get request_info(): RequestInfo {
    return this.requestInfo;
  }
}

/** json() on a response whose Content-Type is not JSON. */
export class ContentTypeError extends ClientResponseError {}

export class TooManyRedirects extends ClientResponseError {}

export class ClientConnectionError extends ClientError {}

export class ClientOSError extends ClientConnectionError {}

/** A connection that could not be made: "Cannot connect to host example.com:80 ssl:default [...]". */
export class ClientConnectorError extends ClientOSError {
  constructor(
    readonly host: string,
    readonly port: number,
    readonly osError: Error & { strerror?: string | null },
    ssl = "default",
  ) {
    super(`Cannot connect to host ${host}:${port} ssl:${ssl} [${osError.strerror ?? osError.message}]`);
  }

  get os_error(): Error {
    return this.osError;
  }
}

export class ServerConnectionError extends ClientConnectionError {}

export class ServerDisconnectedError extends ServerConnectionError {
  constructor(message = "Server disconnected") {
    super(message);
  }
}

export class ServerTimeoutError extends TimeoutError {
  constructor(message?: string) {
    super(message);
    this.name = "ServerTimeoutError";
  }
}
