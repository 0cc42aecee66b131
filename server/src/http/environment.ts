// The Hono environment of every route: Node's request objects, and the client's address
// (set once per request by the app, used by rate limits and logs).

import type { HttpBindings } from "@hono/node-server";

export interface HonoEnvironment {
  Bindings: HttpBindings;
  Variables: { client: string };
}
