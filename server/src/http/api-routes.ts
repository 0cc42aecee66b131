// The JSON API: program runs (cached), snippet save and load, and the health check.

import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { collectProgramRun } from "../program-run.js";
import { runRequestSchema, type SaveSnippetResponse, type SnippetResponse, saveSnippetRequestSchema } from "../protocol.js";
import { runCacheKey } from "../run-cache.js";
import { logRunEnd } from "../run-log.js";
import { isInvalid, resolveRunOptions } from "../run-options.js";
import type { ServerContext } from "../server-context.js";
import { SNIPPET_ID_PATTERN } from "../storage/snippet-id.js";
import type { Snippet } from "../storage/snippet-store.js";
import type { HonoEnvironment } from "./environment.js";
import { readJsonBody } from "./json-body.js";
import { badRequest, notFound, tooLarge, tooManyRequests } from "./refusal.js";

export function snippetResponse(snippet: Snippet): SnippetResponse {
  return { id: snippet.id, code: snippet.code, title: snippet.title, createdAt: snippet.createdAt.toISOString() };
}

export function apiRoutes(context: ServerContext): Hono<HonoEnvironment> {
  const { config, store, runCache, runLimiter, saveLimiter, logger } = context;
  const api = new Hono<HonoEnvironment>();
  const limitBody = bodyLimit({
    maxSize: config.maxBodyBytes,
    onError: (c) => tooLarge(c, "body-size", `the body is larger than the limit of ${config.maxBodyBytes} bytes`),
  });
  // Runs and snippet reads carry no credentials, so any page (an embed on a sandboxed, opaque origin) may call them.
  api.use("/run", cors({ origin: "*" }));
  api.use("/snippets/:id", cors({ origin: "*", allowMethods: ["GET"] }));

  api.post("/run", limitBody, async (c) => {
    const request = await readJsonBody(c, runRequestSchema);
    if (request instanceof Response) return request;
    const options = resolveRunOptions(request.options, config.runLimits);
    if (isInvalid(options)) return badRequest(c, options.message, options.field);
    const key = runCacheKey(request.code, options);
    const client = c.get("client");
    if (!runCache.has(key)) {
      const decision = runLimiter.take(client);
      if (!decision.allowed) return tooManyRequests(c, "runs-per-client", decision.retryAfterSeconds);
    }
    const startedAt = performance.now();
    const { body, hit } = await runCache.get(key, async () => {
      const collected = await collectProgramRun(request.code, options);
      logRunEnd(logger, { via: "http", client, cache: "miss" }, startedAt, collected.end, collected.eventCount);
      return collected;
    });
    c.header("X-Cache", hit ? "hit" : "miss");
    return c.body(body, 200, { "Content-Type": "application/json; charset=utf-8" });
  });

  api.post("/snippets", limitBody, async (c) => {
    const decision = saveLimiter.take(c.get("client"));
    if (!decision.allowed) return tooManyRequests(c, "saves-per-client", decision.retryAfterSeconds);
    const request = await readJsonBody(c, saveSnippetRequestSchema);
    if (request instanceof Response) return request;
    if (request.code.length > config.runLimits.snippetBytes) {
      return tooLarge(c, "snippet-size", `code is longer than the snippet limit of ${config.runLimits.snippetBytes} characters`);
    }
    const snippet = await store.save({ code: request.code, title: request.title ?? null });
    const origin = config.publicUrl ?? new URL(c.req.url).origin;
    const body: SaveSnippetResponse = { id: snippet.id, url: `${origin}/s/${snippet.id}` };
    return c.json(body, 201);
  });

  api.get("/snippets/:id", async (c) => {
    const id = c.req.param("id");
    const snippet = SNIPPET_ID_PATTERN.test(id) ? await store.load(id) : null;
    if (snippet === null) return notFound(c, `no snippet has id ${JSON.stringify(id)}`);
    return c.json(snippetResponse(snippet));
  });

  return api;
}
