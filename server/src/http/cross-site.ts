// State-changing requests from another site's page are refused (cross-site request forgery): a
// browser names the page's origin in Origin, or at least says cross-site in Sec-Fetch-Site.
// Clients that are not browsers send neither and are let through. Routes that are open to any
// origin on purpose (they carry no credentials and change nothing stored) are listed apart.

import type { MiddlewareHandler } from "hono";
import type { ServerConfig } from "../config.js";
import { originAllowed } from "./allowed-origin.js";
import { forbidden } from "./refusal.js";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** Longest origin echoed in a refusal. */
const SHOWN_ORIGIN_LENGTH = 100;

export function refuseCrossSiteWrites(config: ServerConfig, openPaths: readonly string[]): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method) || openPaths.includes(c.req.path)) return next();
    const origin = c.req.header("origin");
    if (origin !== undefined) {
      if (originAllowed(origin, c.req.header("host"), config)) return next();
      const shown = JSON.stringify(origin.slice(0, SHOWN_ORIGIN_LENGTH));
      return forbidden(c, `cross-site request refused: a page from origin ${shown} may not ${c.req.method} ${c.req.path}`);
    }
    if (c.req.header("sec-fetch-site") === "cross-site") {
      return forbidden(c, `cross-site request refused: a page from another site may not ${c.req.method} ${c.req.path}`);
    }
    return next();
  };
}
