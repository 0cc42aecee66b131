// What a person sees when the server says no or goes away: a rate limit in words with the time
// to wait, and a lost connection that the page notices, says so, and recovers from by itself.

import assert from "node:assert/strict";
import { after, test } from "node:test";
import type { Browser } from "playwright-core";
import { launchChromium } from "../support/browser.ts";
import { type LooplabServer, startLooplab } from "../support/looplab-server.ts";
import { openReplPage, showAtOnce, stdout, typeCode, waitForEnd } from "../support/repl-page.ts";

const servers: LooplabServer[] = [];
let browser: Browser | undefined;

after(async () => {
  await browser?.close();
  for (const server of servers) await server.stop();
});

test("a run refused by the rate limit says so in words, with when to try again", async () => {
  const server = await startLooplab({ LOOPLAB_RUN_RATE: "2/60" });
  servers.push(server);
  browser ??= await launchChromium();
  const page = await browser.newPage();
  await openReplPage(page, server.url);
  await showAtOnce(page);
  await typeCode(page, 'print("hi");\n');
  const run = page.getByRole("button", { name: "Run the program" });
  for (let attempt = 0; attempt < 2; attempt++) {
    await run.click();
    assert.equal(await waitForEnd(page), "Finished");
  }
  await run.click();
  const refusal = await waitForEnd(page);
  assert.match(refusal, /^You started runs faster than this server allows\. Try again in \d+ seconds?\.$/);
  await page.close();
});

test("when the server goes away the page says so, reconnects by itself once it is back, and runs again", async () => {
  const first = await startLooplab();
  servers.push(first);
  browser ??= await launchChromium();
  const page = await browser.newPage();
  await openReplPage(page, first.url);
  await showAtOnce(page);
  await first.stop();
  await page.getByText("The connection to the server was lost.").waitFor();
  assert.equal(await page.getByRole("button", { name: "Run the program" }).isDisabled(), true);

  const second = await startLooplab({ PORT: new URL(first.url).port });
  servers.push(second);
  await page.getByText("The connection to the server was lost.").waitFor({ state: "detached", timeout: 30_000 });
  await typeCode(page, 'print("back again");\n');
  await page.getByRole("button", { name: "Run the program" }).click();
  assert.equal(await waitForEnd(page), "Finished");
  assert.equal(await stdout(page), "back again\n");
  await page.close();
});
