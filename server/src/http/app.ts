// The Hono app: every HTTP route behind the request log, the security headers and compression.

import { Hono } from "hono";
import { clientAddress } from "../client-address.js";
import type { ServerContext } from "../server-context.js";
import { apiRoutes } from "./api-routes.js";
import { compression } from "./compression.js";
import type { HonoEnvironment } from "./environment.js";
import { pageRoutes } from "./page-routes.js";
import { securityHeaders } from "./security-headers.js";

export function createApp(context: ServerContext): Hono<HonoEnvironment> {
  const { config, logger, store } = context;
  const app = new Hono<HonoEnvironment>();
  app.use(async (c, next) => {
    const startedAt = performance.now();
    const client = clientAddress(c.env.incoming, config.trustedProxies);
    c.set("client", client);
    await next();
    logger.line("request", {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      client,
      ms: Math.round(performance.now() - startedAt),
      cache: c.res.headers.get("X-Cache") ?? undefined,
    });
  });
  app.use(securityHeaders());
  app.use(compression());
  app.get("/healthz", (c) => c.json({ status: "ok", storage: store.backend }));
  app.route("/api", apiRoutes(context));
  app.route("/", pageRoutes(context));
  app.notFound((c) => c.json({ error: `no route for ${c.req.method} ${c.req.path}` }, 404));
  app.onError((error, c) => {
    logger.line("server", { error: error instanceof Error ? error.message : String(error), path: c.req.path });
    return c.json({ error: "internal server error" }, 500);
  });
  return app;
}
