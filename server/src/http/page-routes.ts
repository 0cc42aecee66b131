// The pages: the REPL at /, a shared snippet at /s/:id, the embed widget at /embed/:id, and the
// web app's static files. An unknown snippet id still gets its page, with status 404, so the
// app can say so.

import { existsSync } from "node:fs";
import { serveStatic } from "@hono/node-server/serve-static";
import { type Context, Hono, type MiddlewareHandler } from "hono";
import type { ServerContext } from "../server-context.js";
import { SNIPPET_ID_PATTERN } from "../storage/snippet-id.js";
import type { HonoEnvironment } from "./environment.js";
import { fallbackPage, type PageName, readBuiltPage } from "./pages.js";

export function pageRoutes(context: ServerContext): Hono<HonoEnvironment> {
  const { config, store } = context;
  const pages = new Hono<HonoEnvironment>();

  async function sendPage(
    c: Context<HonoEnvironment>,
    page: PageName,
    heading: string,
    status: 200 | 404,
    code?: string,
  ): Promise<Response> {
    const built = await readBuiltPage(config.webDist, page);
    c.header("Cache-Control", "no-cache");
    return c.html(built ?? fallbackPage({ heading, code }), status);
  }

  async function snippetPage(c: Context<HonoEnvironment>, page: PageName): Promise<Response> {
    const id = c.req.param("id") ?? "";
    const snippet = SNIPPET_ID_PATTERN.test(id) ? await store.load(id) : null;
    if (snippet === null) return sendPage(c, page, "Snippet not found", 404);
    return sendPage(c, page, snippet.title ?? `Snippet ${snippet.id}`, 200, snippet.code);
  }

  pages.get("/", (c) => sendPage(c, "app", "Looplab", 200));
  pages.get("/s/:id", (c) => snippetPage(c, "app"));
  pages.get("/embed/:id", (c) => snippetPage(c, "embed"));
  // Made on first use once web/dist exists: it may be built after the server started.
  let staticFiles: MiddlewareHandler | null = null;
  pages.use("/*", (c, next) => {
    if (staticFiles === null && !existsSync(config.webDist)) return next();
    staticFiles ??= serveStatic({
      root: config.webDist,
      // The embed in a sandboxed iframe has an opaque origin: its module scripts load in CORS mode.
      onFound: (file, found) => {
        found.set("staticFile", file);
        found.header("Access-Control-Allow-Origin", "*");
      },
    });
    return staticFiles(c, next);
  });
  return pages;
}
