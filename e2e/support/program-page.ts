// One real server, one Chromium and one program page for a whole test file: the file's tests
// run one after another on the same page.

import { after, before } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "./browser.ts";
import { type LooplabServer, startLooplab } from "./looplab-server.ts";
import { openReplPage } from "./repl-page.ts";

/**
 * Registers the file's before and after hooks; `opened` gets the page once it is ready, after
 * `ready` (what else the file's tests need of it: showAtOnce, a loaded service) is done with it.
 */
export function programPageForFile(
  viewport: { width: number; height: number },
  opened: (page: Page) => void,
  ready: (page: Page) => Promise<void> = async () => {},
): void {
  let server: LooplabServer | undefined;
  let browser: Browser | undefined;
  before(async () => {
    server = await startLooplab();
    browser = await launchChromium();
    const page = await browser.newPage({ viewport });
    await openReplPage(page, server.url);
    await ready(page);
    opened(page);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });
}
