import { paraglideVitePlugin } from "@inlang/paraglide-js";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { defineConfig } from "vite";
import { examplesPlugin } from "./build/examples-index.ts";
import { paraglideOptions } from "./build/paraglide-options.ts";
import { precompressPlugin } from "./build/precompress-plugin.ts";
import { snippetTypesPlugin } from "./build/snippet-types-plugin.ts";

/** Where `npm run dev` sends the API and the WebSocket: a server started with `npm start`. */
const serverUrl = process.env.LOOPLAB_SERVER_URL ?? "http://localhost:8787";

export default defineConfig({
  // snippetTypesPlugin here serves the worker under `npm run dev`; a build bundles it with the worker only.
  // precompressPlugin writes .br and .gz copies of the build for the server to send.
  plugins: [paraglideVitePlugin(paraglideOptions), svelte(), examplesPlugin(), snippetTypesPlugin(), precompressPlugin()],
  build: {
    target: "es2022",
    // The embed's size test reads the manifest to find what the widget loads.
    manifest: true,
    rollupOptions: {
      // The widget is its own page, so it loads none of the REPL page's code.
      input: { index: "index.html", embed: "embed.html" },
    },
  },
  // The editor's language service runs in a module worker (lib/language-service/worker.ts).
  worker: { format: "es", plugins: () => [snippetTypesPlugin()] },
  server: {
    proxy: {
      "/api": serverUrl,
      "/ws": { target: serverUrl.replace(/^http/, "ws"), ws: true },
    },
  },
});
