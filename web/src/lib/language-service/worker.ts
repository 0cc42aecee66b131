// The editor's TypeScript language service, in a web worker so that checking never holds up
// typing: @valtown/codemirror-ts's worker (sync, completion, hover, lints) over the snippet's
// environment, with lints turned into warnings (a run is never blocked by types) and signature
// help, which that library does not offer.

import files from "virtual:looplab-snippet-types";
import { createWorker } from "@valtown/codemirror-ts/worker";
import * as Comlink from "comlink";
import ts from "typescript";
import { createSnippetEnvironment } from "./environment.ts";
import type { SignatureHelp } from "./signature-help-data.ts";

const service = createWorker(() => createSnippetEnvironment(ts, files, ""));

const languageWorker = {
  ...service,
  getLints(request: Parameters<typeof service.getLints>[0]) {
    return service.getLints(request).map((lint) => ({ ...lint, severity: "warning" as const }));
  },
  getSignatureHelp({ path, pos }: { path: string; pos: number }): SignatureHelp | null {
    const environment = service.getEnv();
    const items = environment?.languageService.getSignatureHelpItems(path, pos, undefined);
    const item = items?.items[items.selectedItemIndex];
    if (items === undefined || item === undefined) return null;
    return {
      start: items.applicableSpan.start,
      prefix: ts.displayPartsToString(item.prefixDisplayParts),
      parameters: item.parameters.map((parameter) => ts.displayPartsToString(parameter.displayParts)),
      separator: ts.displayPartsToString(item.separatorDisplayParts),
      suffix: ts.displayPartsToString(item.suffixDisplayParts),
      active: items.argumentIndex,
      documentation: ts.displayPartsToString(item.documentation),
    };
  },
};

export type LanguageWorker = typeof languageWorker;

Comlink.expose(languageWorker);
