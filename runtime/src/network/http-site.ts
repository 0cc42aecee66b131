// A web site on the simulated network: what answers HTTP on a host and port. A built-in site
// (the demo web) answers at once and says how long its server takes; a snippet's aiohttp.web
// app answers with the future of a server task. Clients reach a site two ways: aiohttp,
// requests and urllib exchange whole messages with it (http-exchange.ts), and a raw stream
// connection speaks HTTP/1.1 bytes to it (http-stream-server.ts).

import type { Future } from "../asyncio/futures.js";
import type { EventLoop } from "../asyncio/loop.js";
import type { Endpoint } from "./hosts.js";
import type { HttpRequest, HttpResponse } from "./http-message.js";
import { HttpStreamServer } from "./http-stream-server.js";
import type { Protocol, Transport } from "./transport.js";

export interface SiteAnswer {
  response: HttpResponse;
  /** Seconds the server takes before it answers. */
  serverTime: number;
}

export abstract class HttpSite implements Endpoint {
  readonly kind = "http";

  constructor(readonly name: string) {}

  abstract answer(request: HttpRequest, loop: EventLoop): SiteAnswer | Future<HttpResponse>;

  accept(loop: EventLoop): Protocol | null {
    return new HttpStreamServer(this, loop);
  }

  attach(_transport: Transport): void {}
}

/** A site of the demo web: a plain function from request to answer. */
export class BuiltinSite extends HttpSite {
  constructor(
    name: string,
    private readonly handle: (request: HttpRequest) => SiteAnswer,
  ) {
    super(name);
  }

  answer(request: HttpRequest): SiteAnswer {
    return this.handle(request);
  }
}
