// site.example: a site of 100 pages that link to each other, for crawlers. Page n links to
// n-1, n+1 and 2n; pages 10, 20, ..., 100 take a second to answer; /slow takes three;
// /error answers 500, /missing 404, /redirect sends to the home page.

import { htmlAnswer, htmlDocument, jsonAnswer, notFound, redirectAnswer, serverError } from "./demo-pages.js";
import type { HttpRequest } from "./http-message.js";
import { BuiltinSite, type SiteAnswer } from "./http-site.js";

export const SITE_PAGES = 100;
const SLOW_PAGE_SECONDS = 1;
const SLOW_SECONDS = 3;

function link(path: string, text: string): string {
  return `<a href="${path}">${text}</a>`;
}

function home(): SiteAnswer {
  const pages = Array.from({ length: SITE_PAGES }, (_, index) => `<li>${link(`/page/${index + 1}`, `Page ${index + 1}`)}</li>`);
  const body = `<h1>Looplab demo site</h1>
<p>A hundred pages that link to each other, for crawlers. Pages 10, 20, ..., 100 are slow.</p>
<ul>
${pages.join("\n")}
</ul>
<p>${link("/slow", "A slow page")} | ${link("/error", "A broken page")} | ${link("/missing", "A missing page")}</p>`;
  return htmlAnswer(200, htmlDocument("Looplab demo site", body));
}

function page(n: number): SiteAnswer {
  const links = [n > 1 ? link(`/page/${n - 1}`, "previous") : null, n < SITE_PAGES ? link(`/page/${n + 1}`, "next") : null];
  if (2 * n <= SITE_PAGES) links.push(link(`/page/${2 * n}`, `page ${2 * n}`));
  const body = `<h1>Page ${n}</h1>
<p>This is page ${n} of ${SITE_PAGES}.</p>
<p class="links">${links.filter((item) => item !== null).join(" | ")}</p>
<p>${link("/", "home")}</p>`;
  return htmlAnswer(200, htmlDocument(`Page ${n}`, body), n % 10 === 0 ? SLOW_PAGE_SECONDS : 0);
}

function answer(request: HttpRequest): SiteAnswer {
  const path = request.url.path;
  if (path === "/" || path === "/index.html") return home();
  const pageMatch = /^\/page\/(\d+)$/.exec(path);
  if (pageMatch !== null) {
    const n = Number(pageMatch[1]);
    return n >= 1 && n <= SITE_PAGES ? page(n) : notFound(request);
  }
  if (path === "/slow")
    return htmlAnswer(200, htmlDocument("Slow", `<h1>Slow</h1>\n<p>This page took ${SLOW_SECONDS} seconds.</p>`), SLOW_SECONDS);
  if (path === "/error") return serverError();
  if (path === "/redirect") return redirectAnswer(302, "/");
  if (path === "/api/pages") return jsonAnswer(200, { pages: SITE_PAGES, slow: [10, 20, 30, 40, 50, 60, 70, 80, 90, 100] });
  return notFound(request);
}

export const demoSite = new BuiltinSite("site.example", answer);
