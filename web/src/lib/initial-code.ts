// Which code the REPL page opens with: a shared snippet (/s/:id), a snippet carried in the
// fragment (#code=...), or the person's own draft, kept in localStorage across reloads. Edits
// to a shared snippet survive a reload of its tab only, so its link always opens what was shared.

import { decodeFragment } from "./fragment-code.ts";
import { readSetting, type StorageKind, writeSetting } from "./settings.ts";
import { loadSnippet, snippetIdOf } from "./snippets.ts";

export const WELCOME_CODE = `import asyncio from "asyncio";

// Three tasks sleep concurrently: the whole run takes 2 s of asyncio's clock, not 4.5 s.
async function fetchData(name: string, delay: number) {
  print(\`\${name}: start\`);
  await asyncio.sleep(delay);
  print(\`\${name}: done after \${delay} s\`);
  return name.toUpperCase();
}

async function main() {
  const results = await asyncio.gather(fetchData("alpha", 1), fetchData("beta", 2), fetchData("gamma", 1.5));
  print("results:", results);
}

asyncio.run(main());
`;

export interface InitialCode {
  code: string;
  /** Where edits are kept: one draft for the page, one per shared snippet and tab. */
  draft: { key: string; storage: StorageKind };
  /** The shared snippet shown, on /s/:id. */
  snippet: { id: string; title: string | null } | null;
}

const DRAFT_KEY = "looplab:code";
const PAGE_DRAFT = { key: DRAFT_KEY, storage: "local" } as const;

export async function initialCode(location: Location): Promise<InitialCode> {
  const id = snippetIdOf(location.pathname, "s");
  if (id !== null) {
    const draft = { key: `${DRAFT_KEY}:${id}`, storage: "session" as const };
    const snippet = await loadSnippet(id);
    return { code: readSetting(draft.key, draft.storage) ?? snippet.code, draft, snippet: { id: snippet.id, title: snippet.title } };
  }
  const fromFragment = decodeFragment(location.hash);
  if (fromFragment !== null) {
    // The fragment's code becomes the draft, so a reload keeps the person's edits to it.
    writeSetting(DRAFT_KEY, fromFragment);
    history.replaceState(null, "", location.pathname + location.search);
    return { code: fromFragment, draft: PAGE_DRAFT, snippet: null };
  }
  return { code: readSetting(DRAFT_KEY) ?? WELCOME_CODE, draft: PAGE_DRAFT, snippet: null };
}
