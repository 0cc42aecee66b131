import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { LANGUAGES as GALLERY_LANGUAGES } from "../build/examples-index.ts";
import { untranslatedLiterals } from "./ui-literals.ts";

const web = path.join(import.meta.dirname, "..");
const settings = JSON.parse(readFileSync(path.join(web, "project.inlang/settings.json"), "utf8")) as {
  baseLocale: string;
  locales: string[];
};

function messagesOf(locale: string): Record<string, string> {
  const { $schema: _schema, ...messages } = JSON.parse(readFileSync(path.join(web, "messages", `${locale}.json`), "utf8"));
  return messages;
}

function placeholders(text: string): Set<string> {
  return new Set([...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!));
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(svelte|ts)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !file.includes(`${path.sep}paraglide${path.sep}`));
}

const english = messagesOf(settings.baseLocale);
const sources = sourceFiles(path.join(web, "src"));

test("the page's languages are the gallery's: English first, then Simplified Chinese", () => {
  assert.deepEqual(settings.locales, [...GALLERY_LANGUAGES]);
  assert.equal(settings.baseLocale, "en");
});

for (const locale of settings.locales) {
  test(`${locale}: every message exists, is not empty, and uses only placeholders the English gives`, () => {
    const messages = messagesOf(locale);
    assert.deepEqual(Object.keys(messages).sort(), Object.keys(english).sort(), `${locale}.json and en.json must have the same keys`);
    for (const [key, text] of Object.entries(messages)) {
      assert.equal(typeof text, "string", `${locale}.json: ${key} must be a string`);
      assert.notEqual(text.trim(), "", `${locale}.json: ${key} is empty`);
      for (const name of placeholders(text)) {
        assert.ok(placeholders(english[key]!).has(name), `${locale}.json: ${key} uses {${name}}, which the English message does not give`);
      }
    }
  });
}

test("every message the code calls exists, and every message is called somewhere", () => {
  const called = new Set<string>();
  for (const file of sources) {
    for (const match of readFileSync(file, "utf8").matchAll(/\bm\.(\w+)\b/g)) called.add(match[1]!);
  }
  const missing = [...called].filter((key) => !(key in english));
  assert.deepEqual(missing, [], "messages called but missing from web/messages/en.json");
  const unused = Object.keys(english).filter((key) => !called.has(key));
  assert.deepEqual(unused, [], "messages no code calls: remove them or use them");
});

test("no component shows a word the person reads without a message function", () => {
  const untranslated = sources
    .filter((file) => file.endsWith(".svelte"))
    .flatMap((file) => untranslatedLiterals(readFileSync(file, "utf8")).map((literal) => `${path.relative(web, file)}: ${literal}`));
  assert.deepEqual(untranslated, []);
});

test("the literal finder sees text, labels and placeholders, and passes expressions and code", () => {
  const component = `<script>let x = "Hello";</script>
<p>Ready {count}</p><button aria-label="Close">{m.close()}</button>
<input placeholder={m.search()} /><code>python -m asyncio</code><style>p { color: red; }</style>`;
  assert.deepEqual(untranslatedLiterals(component), ['aria-label="Close"', "Ready"]);
});
