// The Hono environment of every route: Node's request objects, the client's address (set once
// per request by the app, used by rate limits and logs), and the web app's file a response
// sends (set by the static files, read by compression.ts to find its precompressed copy).

import type { HttpBindings } from "@hono/node-server";

export interface HonoEnvironment {
  Bindings: HttpBindings;
  Variables: { client: string; staticFile: string | undefined };
}
