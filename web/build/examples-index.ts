// The examples gallery's index, made at build time from ../examples: one group per folder, in
// the README's order, each example with its code. So that every example the gallery offers
// runs, a folder the README marks "skipped until ..." is left out, and so is an example whose
// expected output still holds `{?}` placeholders (see examples/README.md).

import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Plugin } from "vite";

export interface GalleryExample {
  /** Path from examples/, e.g. "tasks/01-create-task.ts". */
  path: string;
  title: string;
  code: string;
}

export interface GalleryGroup {
  folder: string;
  title: string;
  description: string;
  examples: GalleryExample[];
}

export const EXAMPLES_DIRECTORY = path.resolve(import.meta.dirname, "../../examples");

/** "01-create-task.ts" → "Create task". */
function titleOf(file: string): string {
  const words = file.replace(/\.ts$/, "").replace(/^\d+-/, "").replaceAll("-", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Each folder's line in the README's "Folders" table: | `folder/` | what is in it | */
function folderDescriptions(readme: string): Map<string, string> {
  const descriptions = new Map<string, string>();
  for (const match of readme.matchAll(/^\|\s*`([\w-]+)\/`\s*\|\s*(.+?)\s*\|\s*$/gm)) {
    descriptions.set(match[1]!, match[2]!.replaceAll("`", "").replaceAll("**", ""));
  }
  return descriptions;
}

function isRunnable(base: string): boolean {
  return ["expected.txt", "expected-stderr.txt", "expected-error.txt"].every((suffix) => {
    const file = `${base}.${suffix}`;
    return !existsSync(file) || !readFileSync(file, "utf8").includes("{?}");
  });
}

export function readGallery(directory = EXAMPLES_DIRECTORY): GalleryGroup[] {
  const readmePath = path.join(directory, "README.md");
  const descriptions = folderDescriptions(existsSync(readmePath) ? readFileSync(readmePath, "utf8") : "");
  const order = [...descriptions.keys()];
  const folders = readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => rank(order, a) - rank(order, b) || a.localeCompare(b));
  const groups: GalleryGroup[] = [];
  for (const folder of folders) {
    if (/^skipped until/i.test(descriptions.get(folder) ?? "")) continue;
    const examples: GalleryExample[] = [];
    for (const file of readdirSync(path.join(directory, folder)).sort()) {
      if (!file.endsWith(".ts")) continue;
      const base = path.join(directory, folder, file.slice(0, -".ts".length));
      if (!isRunnable(base)) continue;
      examples.push({ path: `${folder}/${file}`, title: titleOf(file), code: readFileSync(`${base}.ts`, "utf8") });
    }
    if (examples.length === 0) continue;
    const title = folder.replaceAll("-", " ");
    groups.push({ folder, title: title.charAt(0).toUpperCase() + title.slice(1), description: descriptions.get(folder) ?? "", examples });
  }
  return groups;
}

function rank(order: string[], folder: string): number {
  const index = order.indexOf(folder);
  return index === -1 ? order.length : index;
}

const MODULE_ID = "virtual:looplab-examples";
const RESOLVED_ID = `\0${MODULE_ID}`;

/** `import gallery from "virtual:looplab-examples"` gives the groups; rebuilt when examples change. */
export function examplesPlugin(directory = EXAMPLES_DIRECTORY): Plugin {
  return {
    name: "looplab-examples",
    resolveId: (id) => (id === MODULE_ID ? RESOLVED_ID : undefined),
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      this.addWatchFile(directory);
      return `export default ${JSON.stringify(readGallery(directory))};`;
    },
  };
}
