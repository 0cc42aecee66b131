// Security headers on every response: a content security policy, and framing allowed for the
// embed widget (any origin may put /embed/* in an iframe) and refused for every other page.

import type { MiddlewareHandler } from "hono";

const POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // Inline style attributes are common in components and carry no script.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join("; ");

export function isEmbedPath(path: string): boolean {
  return path === "/embed" || path.startsWith("/embed/");
}

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const embed = isEmbedPath(c.req.path);
    c.header("Content-Security-Policy", `${POLICY}; frame-ancestors ${embed ? "*" : "'none'"}`);
    if (!embed) c.header("X-Frame-Options", "DENY");
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Referrer-Policy", "strict-origin-when-cross-origin");
  };
}
