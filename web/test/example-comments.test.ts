// Every example's comments in English and Simplified Chinese (issue 17): an example with comments
// has its sibling in the other language, the same code with only the comments translated. These
// tests fail when one is missing, when a translation changed more than comments, or when it kept
// comments in the wrong language.

import assert from "node:assert/strict";
import { test } from "node:test";
import { commentLanguageOf, scanSource } from "../build/example-comments.ts";
import { commentProblems } from "../build/examples-index.ts";
import { examplesFolder, LEARNING_PATH } from "./examples-fixture.ts";

const CHINESE_EXAMPLE = 'import asyncio from "asyncio";\n\n// 等待两秒\nawait asyncio.sleep(2);\nprint("完成"); // 打印\n';
const ENGLISH_VARIANT = 'import asyncio from "asyncio";\n\n// Wait two seconds\nawait asyncio.sleep(2);\nprint("完成"); // print\n';

test("every example of examples/ with comments has them in English and in Simplified Chinese", () => {
  assert.deepEqual(commentProblems(), []);
});

test("the scanner finds comments, and not a // inside a template, a string or a regular expression", () => {
  const code = [
    // biome-ignore lint/suspicious/noTemplateCurlyInString: TypeScript source text, templates included
    "const html = `<h1>${url}</h1>`; // after a template",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: TypeScript source text, templates included
    "const link = `${scheme}//${host}/${path}`; /* block */",
    'const text = "// not a comment";',
    "const pattern = /\\/\\/x/g; // after a regular expression",
    "const ratio = a / b / c; // after divisions",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: TypeScript source text, templates included
    "const nested = `${`${inner}//`}//`;",
  ].join("\n");
  const { tokens, comments } = scanSource(code);
  assert.deepEqual(
    comments.map((comment) => [comment.line, comment.text]),
    [
      [1, "// after a template"],
      [2, "/* block */"],
      [4, "// after a regular expression"],
      [5, "// after divisions"],
    ],
  );
  assert.ok(tokens.some((token) => token.text === "/\\/\\/x/g"));
  assert.ok(tokens.some((token) => token.text === "}</h1>`"));
});

test("an example's comment language is Chinese when any comment has Chinese, English otherwise, none without comments", () => {
  assert.equal(commentLanguageOf(CHINESE_EXAMPLE), "zh-CN");
  assert.equal(commentLanguageOf(ENGLISH_VARIANT), "en");
  assert.equal(commentLanguageOf('print("没有注释");\n'), null);
});

test("a missing translation, changed code, a moved line and comments in the wrong language are each reported", () => {
  const directory = examplesFolder({
    "learning-path.json": LEARNING_PATH,
    "tasks/01-translated.ts": CHINESE_EXAMPLE,
    "tasks/01-translated.en.ts": ENGLISH_VARIANT,
    "tasks/02-untranslated.ts": CHINESE_EXAMPLE,
    "tasks/03-changed-string.ts": CHINESE_EXAMPLE,
    "tasks/03-changed-string.en.ts": ENGLISH_VARIANT.replace('print("完成")', 'print("done")'),
    "tasks/04-moved-line.ts": CHINESE_EXAMPLE,
    "tasks/04-moved-line.en.ts": ENGLISH_VARIANT.replace("// Wait two seconds", "// Wait\n// two seconds"),
    "tasks/05-still-chinese.ts": CHINESE_EXAMPLE,
    "tasks/05-still-chinese.en.ts": ENGLISH_VARIANT.replace("// print", "// 打印"),
    "tasks/06-english.ts": ENGLISH_VARIANT,
    "tasks/06-english.zh-CN.ts": ENGLISH_VARIANT,
    "tasks/07-no-comments.ts": 'print("hi");\n',
    "tasks/08-orphan.en.ts": ENGLISH_VARIANT,
    "tasks/09-french.ts": CHINESE_EXAMPLE,
    "tasks/09-french.en.ts": ENGLISH_VARIANT,
    "tasks/09-french.fr.ts": ENGLISH_VARIANT,
    "tasks/10-same-language.ts": CHINESE_EXAMPLE,
    "tasks/10-same-language.en.ts": ENGLISH_VARIANT,
    "tasks/10-same-language.zh-CN.ts": CHINESE_EXAMPLE,
  });
  assert.deepEqual(commentProblems(directory).sort(), [
    "examples/tasks/02-untranslated.ts has comments in zh-CN but no examples/tasks/02-untranslated.en.ts: add it, the same code with the comments in en",
    'examples/tasks/03-changed-string.en.ts differs from examples/tasks/03-changed-string.ts in more than its comments: it has `"done"` on line 5 where examples/tasks/03-changed-string.ts has `"完成"` on line 5; change only the comments, keeping every line where it is',
    "examples/tasks/04-moved-line.en.ts differs from examples/tasks/04-moved-line.ts in more than its comments: it has `await` on line 5 where examples/tasks/04-moved-line.ts has `await` on line 4; change only the comments, keeping every line where it is",
    "examples/tasks/05-still-chinese.en.ts line 5 has a comment still in Chinese; translate it into English",
    "examples/tasks/06-english.zh-CN.ts has no comment in Chinese; translate its comments into Chinese",
    "examples/tasks/08-orphan.en.ts is a translation of examples/tasks/08-orphan.ts, which does not exist: rename or remove it",
    'examples/tasks/09-french.fr.ts is in an unknown language "fr": name it NN-name.<language>.ts, one of en, zh-CN',
    "examples/tasks/10-same-language.zh-CN.ts has the comments of examples/tasks/10-same-language.ts in their own language, zh-CN: remove it",
  ]);
});
