// The HTML pages: the built web app (web/dist) when it exists; until then a minimal page that
// says so and, on a snippet's page, shows its code (escaped).

import { readFile } from "node:fs/promises";
import path from "node:path";

export type PageName = "app" | "embed";

/** The web app's file for each page, most specific first. */
const PAGE_FILES: Record<PageName, string[]> = {
  app: ["index.html"],
  embed: ["embed.html", "index.html"],
};

export async function readBuiltPage(webDist: string, page: PageName): Promise<string | null> {
  for (const file of PAGE_FILES[page]) {
    try {
      return await readFile(path.join(webDist, file), "utf8");
    } catch {
      // Not built; try the next file.
    }
  }
  return null;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}

export interface FallbackPage {
  heading: string;
  code?: string;
}

export function fallbackPage({ heading, code }: FallbackPage): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(heading)} · Looplab</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}pre{background:#f4f4f4;padding:1rem;overflow:auto}</style>
</head>
<body>
<h1>${escapeHtml(heading)}</h1>
<p>The Looplab web app is not built. Build it with <code>npm run build -w web</code>, then reload this page.</p>
${code === undefined ? "" : `<pre><code>${escapeHtml(code)}</code></pre>\n`}</body>
</html>
`;
}
