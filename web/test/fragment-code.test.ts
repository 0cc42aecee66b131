import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeFragment, encodeFragment } from "../src/lib/fragment-code.ts";

test("code survives the trip through the URL fragment, non-ASCII and all, in URL-safe characters", () => {
  const code = 'import asyncio from "asyncio";\nprint("返回值 ✓");\n'.repeat(40);
  const fragment = encodeFragment(code);
  assert.match(fragment, /^code=[A-Za-z0-9_-]+$/);
  assert.ok(fragment.length < code.length / 4, `compressed to ${fragment.length} characters from ${code.length}`);
  assert.equal(decodeFragment(`#${fragment}`), code);
});

test("a fragment that carries no code, or damaged code, gives null", () => {
  assert.equal(decodeFragment(""), null);
  assert.equal(decodeFragment("#section-2"), null);
  assert.equal(decodeFragment("#code=@@@"), null);
});
