// A snippet's id is a prefix of the SHA-256 of its content, in base64url: the same snippet
// always gets the same id, and ids are short. When a prefix is already taken by different
// content (a collision), the next longer prefix is tried, so an id never names two snippets.

import { createHash } from "node:crypto";

export const SHORTEST_ID_LENGTH = 8;
/** A whole SHA-256 in base64url. */
export const LONGEST_ID_LENGTH = 43;

export const SNIPPET_ID_PATTERN = /^[A-Za-z0-9_-]{8,43}$/;

export interface SnippetContent {
  code: string;
  title: string | null;
}

export function contentHash(content: SnippetContent): string {
  // Title and code are hashed as one JSON value so no two contents hash the same text.
  return createHash("sha256")
    .update(JSON.stringify([content.code, content.title]))
    .digest("base64url");
}

/** The ids to try for this content, shortest first. */
export function candidateIds(hash: string): string[] {
  const ids: string[] = [];
  for (let length = SHORTEST_ID_LENGTH; length <= LONGEST_ID_LENGTH; length++) ids.push(hash.slice(0, length));
  return ids;
}
