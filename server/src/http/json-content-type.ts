// Request bodies must be declared JSON. A browser sends Content-Type: application/json only
// after a CORS preflight, so a page on another site cannot send one with a plain form or a
// "simple" fetch (text/plain), and no body is read as JSON that was not sent as JSON.

import type { MiddlewareHandler } from "hono";
import { unsupportedMediaType } from "./refusal.js";

const METHODS_WITH_BODY = new Set(["POST", "PUT", "PATCH"]);
/** Longest Content-Type echoed in a refusal. */
const SHOWN_TYPE_LENGTH = 100;

export function requireJsonBodies(): MiddlewareHandler {
  return async (c, next) => {
    if (!METHODS_WITH_BODY.has(c.req.method)) return next();
    const type = c.req.header("content-type");
    const mediaType = type?.split(";")[0]?.trim().toLowerCase();
    if (mediaType === "application/json") return next();
    const got = type === undefined ? "none" : JSON.stringify(type.slice(0, SHOWN_TYPE_LENGTH));
    return unsupportedMediaType(c, `the body must be JSON sent with Content-Type: application/json (got ${got})`);
  };
}
