// Building blocks of the demo web's answers: HTML pages, JSON bodies, the 404 page.

import { Bytes, encodeText } from "./bytes.js";
import type { HeadersInit } from "./http-headers.js";
import { type HttpRequest, HttpResponse, textResponse } from "./http-message.js";
import type { SiteAnswer } from "./http-site.js";
import { jsonDumps } from "./json.js";

export function htmlDocument(title: string, body: string, lang = "en"): string {
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<title>${title}</title>
</head>
<body>
${body}
</body>
</html>
`;
}

export function htmlAnswer(status: number, html: string, serverTime = 0, headers?: HeadersInit): SiteAnswer {
  return { response: textResponse(status, html, "text/html", headers), serverTime };
}

/** JSON as Flask's jsonify sends it (httpbin): indented by two, with a final newline. */
export function jsonAnswer(status: number, value: unknown, serverTime = 0): SiteAnswer {
  const body = encodeText(`${jsonDumps(value, { indent: 2 })}\n`);
  return { response: new HttpResponse(status, body, { "Content-Type": "application/json" }), serverTime };
}

export function redirectAnswer(status: number, location: string): SiteAnswer {
  return htmlAnswer(status, htmlDocument("Redirecting...", `<p>Redirecting to <a href="${location}">${location}</a>.</p>`), 0, {
    Location: location,
  });
}

export function notFound(request: HttpRequest): SiteAnswer {
  return htmlAnswer(
    404,
    htmlDocument("404 Not Found", `<h1>Not Found</h1>\n<p>The requested URL ${request.url.path} was not found on this server.</p>`),
  );
}

export function serverError(): SiteAnswer {
  return htmlAnswer(
    500,
    htmlDocument("500 Internal Server Error", "<h1>Internal Server Error</h1>\n<p>The server encountered an internal error.</p>"),
  );
}

/** `count` bytes that are the same at every run (xorshift32 from `seed`). */
export function deterministicBytes(count: number, seed = 0x2545f491): Bytes {
  const bytes = new Bytes(count);
  let state = seed | 0 || 1;
  for (let i = 0; i < count; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = state & 0xff;
  }
  return bytes;
}
