// Every relative link in the repository's Markdown (the README, docs/, examples/README.md, each
// part's README) points at a file the repository has, and every #anchor at one of its headings.
// Links to the web (http:, https:, mailto:) are left alone: the tests run offline.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { headingAnchors, markdownLinks } from "../support/markdown-links.ts";

const REPOSITORY = path.resolve(import.meta.dirname, "../..");
const SKIPPED_FOLDERS = new Set(["node_modules", "dist", "data", ".git"]);

/** The files git tracks, or null outside a git checkout (a tarball): then what is on disk counts. */
function trackedFiles(): Set<string> | null {
  try {
    const listed = execFileSync("git", ["ls-files", "-z"], { cwd: REPOSITORY, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    return new Set(listed.split("\0").filter((file) => file !== ""));
  } catch {
    return null;
  }
}

function markdownFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    if (SKIPPED_FOLDERS.has(entry.name)) return [];
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return markdownFiles(full);
    return entry.name.endsWith(".md") ? [path.relative(REPOSITORY, full)] : [];
  });
}

const tracked = trackedFiles();
/** The repository's own Markdown: tracked, or every file outside build and dependency folders. */
const documents = markdownFiles(REPOSITORY).filter((file) => tracked === null || tracked.has(file));
const anchorsOf = new Map<string, Set<string>>();

function anchors(file: string): Set<string> {
  let found = anchorsOf.get(file);
  if (found === undefined) {
    found = headingAnchors(readFileSync(path.join(REPOSITORY, file), "utf8"));
    anchorsOf.set(file, found);
  }
  return found;
}

/** What is wrong with `target` as written in `from`, or null when it resolves inside the repository. */
function problemWith(from: string, target: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return null;
  const [rawPath = "", anchor] = target.split("#", 2);
  const filePath = decodeURIComponent(rawPath);
  const resolved = filePath === "" ? from : path.normalize(path.join(path.dirname(from), filePath));
  if (path.isAbsolute(filePath) || resolved.startsWith("..")) return "points outside the repository";
  const full = path.join(REPOSITORY, resolved);
  if (!existsSync(full)) return `${resolved} does not exist`;
  const isFolder = statSync(full).isDirectory();
  if (tracked !== null && !isFolder && !tracked.has(resolved)) return `${resolved} is not in the repository (git does not track it)`;
  if (anchor === undefined || anchor === "") return null;
  if (isFolder || !resolved.endsWith(".md")) return `#${anchor} points into ${resolved}, which has no headings`;
  if (!anchors(resolved).has(decodeURIComponent(anchor))) return `${resolved} has no heading with the anchor #${anchor}`;
  return null;
}

test("the README, docs/ and every part's README are found", () => {
  for (const expected of ["README.md", "docs/runtime.md", "docs/protocol.md", "examples/README.md", "sandbox/README.md"]) {
    assert.ok(documents.includes(expected), `${expected} is not among the checked files: ${documents.join(", ")}`);
  }
});

test("every relative link and anchor in the repository's Markdown resolves inside the repository", () => {
  const broken: string[] = [];
  let checked = 0;
  for (const file of documents) {
    for (const link of markdownLinks(readFileSync(path.join(REPOSITORY, file), "utf8"))) {
      checked++;
      const problem = problemWith(file, link.target);
      if (problem !== null) broken.push(`${file}:${link.line}: ${link.target}: ${problem}`);
    }
  }
  assert.ok(checked > 20, `only ${checked} links were found: the link reader is broken`);
  assert.deepEqual(broken, [], `broken links:\n${broken.join("\n")}`);
});

test("the link reader finds links, skips code, and makes GitHub's anchors", () => {
  const text = [
    "# Why 9 runs",
    "## The full record's cost (issue 12, item 10)",
    "## Setup",
    "## Setup",
    "See [a](a.md#x) and ![b](docs/b.png) but not `[c](c.md)`.",
    "```sh",
    "# not a heading [d](d.md)",
    "```",
    '[e]: other.md "title"',
  ].join("\n");
  assert.deepEqual(
    markdownLinks(text).map((link) => link.target),
    ["a.md#x", "docs/b.png", "other.md"],
  );
  assert.deepEqual([...headingAnchors(text)], ["why-9-runs", "the-full-records-cost-issue-12-item-10", "setup", "setup-1"]);
});
