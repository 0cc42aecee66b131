// Finds the words a Svelte component shows without a message function: text between tags and
// the attributes a person reads (aria-label, placeholder, title, alt, label), written as plain
// literals in the markup. Used by messages.test.ts to keep every visible word translated.

/** Texts that read the same in every language: names, code, symbols. */
const SAME_IN_EVERY_LANGUAGE = new Set([
  "Looplab",
  "stdout",
  "stderr",
  "python -m asyncio",
  "await",
  "sleep()",
  "px",
  "examples/",
  "&gt;&gt;&gt;",
  "K",
  "Home",
  "End",
  "Shift",
]);

const READ_ATTRIBUTES = ["aria-label", "placeholder", "title", "alt", "label", "aria-valuetext", "aria-roledescription"];

function markupOf(source: string): string {
  return source
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<style[\s\S]*?<\/style>/g, "")
    .replace(/<!--[\s\S]*?-->/g, "");
}

/** Removes `{…}` expressions (balanced braces), leaving the literal text around them. */
function withoutExpressions(text: string): string {
  let depth = 0;
  let result = "";
  for (const character of text) {
    if (character === "{") depth++;
    if (depth === 0) result += character;
    if (character === "}") depth = Math.max(0, depth - 1);
  }
  return result;
}

function needsTranslation(text: string): boolean {
  const trimmed = text.trim();
  return /\p{L}/u.test(trimmed) && !SAME_IN_EVERY_LANGUAGE.has(trimmed);
}

/** The untranslated literals of one component's markup. */
export function untranslatedLiterals(source: string): string[] {
  const markup = markupOf(source);
  const found: string[] = [];
  for (const attribute of READ_ATTRIBUTES) {
    for (const match of markup.matchAll(new RegExp(`\\s${attribute}="([^"]*)"`, "g"))) {
      const literal = withoutExpressions(match[1] ?? "");
      if (needsTranslation(literal)) found.push(`${attribute}="${match[1]}"`);
    }
  }
  // Text between tags: what is left once tags (with their attributes) and expressions are gone.
  const text = withoutExpressions(markup).replace(/<[^>]*>/g, "\n");
  for (const line of text.split("\n")) {
    if (needsTranslation(line)) found.push(line.trim());
  }
  return found;
}
