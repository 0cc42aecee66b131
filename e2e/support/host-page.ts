// A page of another origin that embeds a widget, as a blog would: a second HTTP server on its
// own port serves it. It records every looplab:resize message and sizes the iframe by it.

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface HostPage {
  url: string;
  close(): Promise<void>;
}

export async function serveHostPage(widgetUrl: string): Promise<HostPage> {
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>A course page</title></head>
<body style="font-family: sans-serif; max-width: 760px; margin: 24px auto">
<h1>Coroutines, lesson 1</h1>
<p>Run the example below.</p>
<iframe id="widget" title="Looplab snippet" src="${widgetUrl}" sandbox="allow-scripts allow-popups" style="width: 100%; height: 150px; border: 1px solid #ccc"></iframe>
<script>
  window.resizes = [];
  window.addEventListener("message", (event) => {
    const frame = document.getElementById("widget");
    if (event.source !== frame.contentWindow || event.data?.type !== "looplab:resize") return;
    window.resizes.push({ origin: event.origin, height: event.data.height });
    frame.style.height = event.data.height + "px";
  });
</script>
</body>
</html>`;
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    response.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
