// Saved snippets over HTTP: save (POST /api/snippets) and load (GET /api/snippets/:id).

import type { SaveSnippetResponse, SnippetResponse } from "@looplab/server/protocol";
import { m } from "../paraglide/messages.js";
import { httpRefusal } from "./messages.ts";

export class SnippetError extends Error {}

async function refusal(response: Response): Promise<SnippetError> {
  const body = await response.json().catch(() => null);
  return new SnippetError(httpRefusal(response.status, body, response.headers.get("Retry-After")));
}

export async function saveSnippet(code: string, title?: string): Promise<SaveSnippetResponse> {
  let response: Response;
  try {
    response = await fetch("/api/snippets", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(title === undefined ? { code } : { code, title }),
    });
  } catch {
    throw new SnippetError(m.snippet_save_unreachable());
  }
  if (!response.ok) throw await refusal(response);
  const saved = (await response.json()) as SaveSnippetResponse;
  // Without a configured public URL the server answers a path: the link is on this page's origin.
  return { ...saved, url: new URL(saved.url, location.origin).href };
}

export async function loadSnippet(id: string, apiBase = ""): Promise<SnippetResponse> {
  let response: Response;
  try {
    response = await fetch(`${apiBase}/api/snippets/${encodeURIComponent(id)}`);
  } catch {
    throw new SnippetError(m.snippet_load_unreachable());
  }
  if (response.status === 404) throw new SnippetError(m.snippet_not_found({ id }));
  if (!response.ok) throw await refusal(response);
  return (await response.json()) as SnippetResponse;
}

/** The snippet id of a /s/:id or /embed/:id path, or null. */
export function snippetIdOf(pathname: string, page: "s" | "embed"): string | null {
  const match = new RegExp(`^/${page}/([^/]+)/?$`).exec(pathname);
  return match === null ? null : decodeURIComponent(match[1]!);
}
