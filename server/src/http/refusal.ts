// HTTP refusals: a JSON body that names the field, the limit or the problem, and Retry-After on 429.

import type { Context } from "hono";
import type { UnofficialStatusCode } from "hono/utils/http-status";
import type { HttpErrorBody, ServerLimitName } from "../protocol.js";

export function badRequest(c: Context, error: string, field?: string): Response {
  const body: HttpErrorBody = field === undefined ? { error } : { error, field };
  return c.json(body, 400);
}

export function tooLarge(c: Context, limit: ServerLimitName, error: string): Response {
  // The rest of the body may be unread: the connection cannot carry another request.
  c.header("Connection", "close");
  return c.json({ error, limit } satisfies HttpErrorBody, 413);
}

export function tooManyRequests(
  c: Context,
  limit: ServerLimitName,
  retryAfterSeconds: number,
  error = `rate limit ${limit} exceeded: retry after ${retryAfterSeconds} s`,
): Response {
  c.header("Retry-After", String(retryAfterSeconds));
  const body: HttpErrorBody = { error, limit, retryAfterSeconds };
  return c.json(body, 429);
}

export function forbidden(c: Context, error: string): Response {
  return c.json({ error } satisfies HttpErrorBody, 403);
}

export function unsupportedMediaType(c: Context, error: string): Response {
  return c.json({ error } satisfies HttpErrorBody, 415);
}

/** The client closed the connection before the answer (nginx's 499); only the log sees it. */
export function clientClosed(c: Context): Response {
  return c.body(null, 499 as UnofficialStatusCode);
}

export function notFound(c: Context, error: string): Response {
  return c.json({ error } satisfies HttpErrorBody, 404);
}
