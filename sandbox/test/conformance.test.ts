// The runtime's whole conformance suite, and every example under examples/, inside QuickJS:
// each runtime test file is loaded here with the QuickJS harness in place of its own.
import { readdirSync } from "node:fs";
import { register } from "node:module";
import { fileURLToPath } from "node:url";

register(new URL("./conformance-loader.mjs", import.meta.url));

const runtimeTests = fileURLToPath(new URL("../../runtime/test/", import.meta.url));
for (const file of readdirSync(runtimeTests)
  .filter((name) => name.endsWith(".test.ts"))
  .sort()) {
  await import(new URL(file, new URL("../../runtime/test/", import.meta.url)).href);
}
