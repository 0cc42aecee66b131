// The JSON API: program runs (cached, scheduled fairly between clients, stopped when their
// client goes away), snippet save and load. Every body is JSON; only POST /api/run, which
// carries no credentials and stores nothing, may be sent by a page on another site.

import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { collectProgramRun } from "../program-run.js";
import { runRequestSchema, type SaveSnippetResponse, type SnippetResponse, saveSnippetRequestSchema } from "../protocol.js";
import { runCacheKey } from "../run-cache.js";
import { logRunEnd } from "../run-log.js";
import { isInvalid, resolveRunOptions } from "../run-options.js";
import { scheduleRun } from "../scheduled-run.js";
import type { ServerContext } from "../server-context.js";
import { SNIPPET_ID_PATTERN } from "../storage/snippet-id.js";
import type { Snippet } from "../storage/snippet-store.js";
import { refuseCrossSiteWrites } from "./cross-site.js";
import type { HonoEnvironment } from "./environment.js";
import { readJsonBody } from "./json-body.js";
import { requireJsonBodies } from "./json-content-type.js";
import { badRequest, clientClosed, notFound, tooLarge, tooManyRequests } from "./refusal.js";

/** Open to pages on any origin (CORS *): an embed on another site runs snippets through it. */
const RUN_PATH = "/api/run";

export function snippetResponse(snippet: Snippet): SnippetResponse {
  return { id: snippet.id, code: snippet.code, title: snippet.title, createdAt: snippet.createdAt.toISOString() };
}

export function apiRoutes(context: ServerContext): Hono<HonoEnvironment> {
  const { config, store, runCache, runLimiter, saveLimiter, logger, pool, runScheduler } = context;
  const api = new Hono<HonoEnvironment>();
  const limitBody = bodyLimit({
    maxSize: config.maxBodyBytes,
    onError: (c) => tooLarge(c, "body-size", `the body is larger than the limit of ${config.maxBodyBytes} bytes`),
  });
  // Runs and snippet reads carry no credentials, so any page (an embed on a sandboxed, opaque origin) may call them.
  api.use("/run", cors({ origin: "*" }));
  api.use("/snippets/:id", cors({ origin: "*", allowMethods: ["GET"] }));
  api.use(refuseCrossSiteWrites(config, [RUN_PATH]));
  api.use(requireJsonBodies());

  api.post("/run", limitBody, async (c) => {
    const request = await readJsonBody(c, runRequestSchema);
    if (request instanceof Response) return request;
    const options = resolveRunOptions(request.options, config.runLimits);
    if (isInvalid(options)) return badRequest(c, options.message, options.field);
    const key = runCacheKey(request.code, options);
    const client = c.get("client");
    if (!runCache.has(key)) {
      if (!runScheduler.hasRoom(client)) {
        const { maxQueuedRunsPerClient } = config;
        const retryAfterSeconds = Math.max(1, Math.ceil(config.runLimits.cpuMs / 1000));
        const error = `limit queued-runs-per-client reached: at most ${maxQueuedRunsPerClient} runs of one client wait for a worker; retry after ${retryAfterSeconds} s`;
        return tooManyRequests(c, "queued-runs-per-client", retryAfterSeconds, error);
      }
      const decision = runLimiter.take(client);
      if (!decision.allowed) return tooManyRequests(c, "runs-per-client", decision.retryAfterSeconds);
    }
    const startedAt = performance.now();
    // The run starts synchronously inside get(), so the room checked above is still there.
    const answer = await runCache.get(
      key,
      async (signal) => {
        const scheduled = scheduleRun(pool, runScheduler, client, request.code, options);
        if (scheduled === null) throw new Error("the run queue filled between its check and the run");
        const collected = await collectProgramRun(scheduled, options, signal);
        const stopped = collected.abandoned ? "disconnected" : undefined;
        logRunEnd(logger, { via: "http", client, cache: "miss" }, startedAt, stopped ? null : collected.end, collected.eventCount, stopped);
        return collected;
      },
      c.req.raw.signal,
    );
    if (answer === null) return clientClosed(c);
    c.header("X-Cache", answer.hit ? "hit" : "miss");
    return c.body(answer.body, 200, { "Content-Type": "application/json; charset=utf-8" });
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
    // Never the request's Host header: a client chooses that. Without a public URL, a path.
    const body: SaveSnippetResponse = { id: snippet.id, url: `${config.publicUrl ?? ""}/s/${snippet.id}` };
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
