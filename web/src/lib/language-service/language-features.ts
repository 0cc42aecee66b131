// The editor's TypeScript features, from the language service in worker.ts: type errors as
// warnings (underlined, explained on hover), completion, hover documentation and signature
// help. Loaded lazily by load.ts, so the page and the widget never carry TypeScript.

import { autocompletion } from "@codemirror/autocomplete";
import type { Extension } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { type HoverInfo, tsAutocompleteWorker, tsFacetWorker, tsHoverWorker, tsLinterWorker, tsSyncWorker } from "@valtown/codemirror-ts";
import * as Comlink from "comlink";
import { SNIPPET_PATH } from "./environment-path.ts";
import { signatureHelp } from "./signature-help.ts";
import type { LanguageWorker } from "./worker.ts";

/**
 * Diagnostics left out because the runtime allows what TypeScript's reading of its declarations
 * does not: a class called without `new` (`asyncio.QueueEmpty()`, as in Python; python-class.ts).
 * The generated types make most classes callable; those the runtime makes at run time (its
 * exceptions' pythonError) stay plain classes.
 */
const ALLOWED_BY_THE_RUNTIME = [2348];

/** The hover's tooltip: the declaration as TypeScript shows it, then its documentation. */
function renderHover(info: HoverInfo) {
  const dom = document.createElement("div");
  dom.className = "cm-quick-info";
  const signature = dom.appendChild(document.createElement("code"));
  signature.className = "cm-quick-info-signature";
  // The generated modules alias the runtime's exports: show the declaration, not the alias's
  // "(alias)" mark and its "import asyncio.sleep = sleep" line.
  signature.textContent = (info.quickInfo?.displayParts ?? [])
    .map((part) => part.text)
    .join("")
    .replace(/^\(alias\) /, "")
    .replace(/\nimport [^\n]*$/, "");
  const documentation = (info.quickInfo?.documentation ?? []).map((part) => part.text).join("");
  if (documentation !== "") {
    const paragraph = dom.appendChild(document.createElement("p"));
    paragraph.className = "cm-quick-info-documentation";
    paragraph.textContent = documentation;
  }
  return { dom };
}

const theme = EditorView.theme({
  ".cm-tooltip": { backgroundColor: "var(--surface)", color: "var(--text)", border: "1px solid var(--border)", borderRadius: "4px" },
  ".cm-quick-info, .cm-signature-help": { padding: "4px 8px", maxWidth: "36em", fontSize: "12px" },
  ".cm-quick-info-signature, .cm-signature-help-signature": { fontFamily: "var(--mono)", whiteSpace: "pre-wrap" },
  ".cm-quick-info-documentation, .cm-signature-help-documentation": { margin: "4px 0 0", fontFamily: "system-ui, sans-serif" },
  ".cm-tooltip-lint": { fontFamily: "system-ui, sans-serif", fontSize: "12px" },
});

/** Starts the worker and resolves, once its environment is ready, to the editor's extension. */
export async function languageFeatures(): Promise<Extension> {
  const worker = Comlink.wrap<LanguageWorker>(new Worker(new URL("./worker.ts", import.meta.url), { type: "module", name: "typescript" }));
  await worker.initialize();
  return [
    tsFacetWorker.of({ worker, path: SNIPPET_PATH }),
    tsSyncWorker(),
    tsLinterWorker({ diagnosticCodesToIgnore: ALLOWED_BY_THE_RUNTIME }),
    autocompletion({ override: [tsAutocompleteWorker()] }),
    tsHoverWorker({ renderTooltip: renderHover }),
    signatureHelp(),
    theme,
    // Says the features are on, for a test or a person inspecting the page.
    EditorView.editorAttributes.of({ "data-language-service": "ready" }),
  ];
}
