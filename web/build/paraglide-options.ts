// How Paraglide compiles web/messages/*.json into typed message functions (src/paraglide, not
// kept in git): the build uses these through its Vite plugin, `npm run messages` through the CLI.
// The page picks the language itself (lib/i18n/language.svelte.ts), so the runtime only needs a
// variable to hold it.

import type { ParaglideVitePluginOptions } from "@inlang/paraglide-js";

export const paraglideOptions: ParaglideVitePluginOptions = {
  project: "./project.inlang",
  outdir: "./src/paraglide",
  strategy: ["globalVariable", "baseLocale"],
  emitTsDeclarations: true,
  emitReadme: false,
  emitPrettierIgnore: false,
};
