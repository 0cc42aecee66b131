// The embed widget on the wire: loaded in Chromium from the real server, its scripts and styles
// come brotli-compressed, and the bytes that crossed the network before its first run (CDP's
// encodedDataLength: headers and compressed bodies) stay under the 250 KB the README promises,
// less than half of what they decode to.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
import { launchChromium } from "../support/browser.ts";
import { type LooplabServer, startLooplab } from "../support/looplab-server.ts";

const BUDGET_BYTES = 250 * 1024;

let server: LooplabServer;
let browser: Browser;

before(async () => {
  server = await startLooplab();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

interface Transfer {
  url: string;
  type: string;
  encoding: string | undefined;
  decodedBytes: number;
  wireBytes: number;
}

test("the widget loads under 250 KB on the wire, its scripts and styles brotli-compressed", async (t) => {
  const saved = await fetch(`${server.url}/api/snippets`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ code: 'import asyncio from "asyncio";\nprint("hello");\n' }),
  });
  const { id } = (await saved.json()) as { id: string };
  const page = await browser.newPage();
  const cdp = await page.context().newCDPSession(page);
  const transfers = new Map<string, Transfer>();
  cdp.on("Network.responseReceived", ({ requestId, response, type }) => {
    const encoding = Object.entries(response.headers).find(([name]) => name.toLowerCase() === "content-encoding")?.[1];
    transfers.set(requestId, { url: response.url, type, encoding, decodedBytes: 0, wireBytes: 0 });
  });
  cdp.on("Network.dataReceived", ({ requestId, dataLength }) => {
    const transfer = transfers.get(requestId);
    if (transfer !== undefined) transfer.decodedBytes += dataLength;
  });
  cdp.on("Network.loadingFinished", ({ requestId, encodedDataLength }) => {
    const transfer = transfers.get(requestId);
    if (transfer !== undefined) transfer.wireBytes = encodedDataLength;
  });
  // No cache: every byte comes over the network, as on a reader's first visit.
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await page.goto(`${server.url}/embed/${id}`);
  await page.locator(".cm-content").waitFor();
  await page.waitForLoadState("networkidle");

  const loaded = [...transfers.values()];
  const wire = loaded.reduce((sum, transfer) => sum + transfer.wireBytes, 0);
  const decoded = loaded.reduce((sum, transfer) => sum + transfer.decodedBytes, 0);
  const kilobytes = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const table = loaded.map(
    (transfer) =>
      `${new URL(transfer.url).pathname} ${transfer.encoding ?? "identity"} ${kilobytes(transfer.wireBytes)} of ${kilobytes(transfer.decodedBytes)}`,
  );
  t.diagnostic(`the widget before its first run: ${kilobytes(wire)} on the wire, ${kilobytes(decoded)} decoded\n${table.join("\n")}`);

  const assets = loaded.filter((transfer) => transfer.type === "Script" || transfer.type === "Stylesheet");
  assert.ok(assets.length >= 2, `only ${assets.length} scripts and styles loaded:\n${table.join("\n")}`);
  for (const asset of assets.filter((transfer) => transfer.decodedBytes >= 1024)) {
    assert.equal(asset.encoding, "br", `${asset.url} came uncompressed`);
  }
  assert.ok(
    loaded.every((transfer) => transfer.wireBytes > 0),
    `a request did not finish:\n${table.join("\n")}`,
  );
  assert.ok(wire < BUDGET_BYTES, `the widget took ${kilobytes(wire)} on the wire:\n${table.join("\n")}`);
  assert.ok(wire < decoded / 2, `${kilobytes(wire)} on the wire is not much less than ${kilobytes(decoded)} decoded`);
  await page.close();
});
