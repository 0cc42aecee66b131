// Vite plugin: `virtual:looplab-snippet-types` is the editor's type files (path to text), made
// from the runtime's source at build time by snippet-types.ts. Only the language service's
// worker imports it, so neither page's own scripts carry it.

import path from "node:path";
import type { Plugin } from "vite";
import { generateSnippetTypes } from "./snippet-types.ts";

const MODULE_ID = "virtual:looplab-snippet-types";
const RESOLVED_ID = `\0${MODULE_ID}`;

export function snippetTypesPlugin(): Plugin {
  return {
    name: "looplab-snippet-types",
    resolveId: (id) => (id === MODULE_ID ? RESOLVED_ID : undefined),
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      this.addWatchFile(path.resolve(import.meta.dirname, "../../runtime/src"));
      return `export default ${JSON.stringify(generateSnippetTypes().files)};`;
    },
  };
}
