// Loads the editor's TypeScript features once the page is interactive and idle, so they never
// delay the first paint or the first run. Only the full page calls this; the widget does not.

import type { CodeEditor } from "../editor.ts";

function whenIdle(then: () => void): void {
  const idle = () => (typeof requestIdleCallback === "function" ? requestIdleCallback(then, { timeout: 2000 }) : setTimeout(then, 200));
  if (document.readyState === "complete") idle();
  else addEventListener("load", idle, { once: true });
}

export function loadLanguageFeatures(editor: CodeEditor): void {
  whenIdle(() => {
    import("./language-features.ts")
      .then(({ languageFeatures }) => languageFeatures())
      .then((extension) => editor.setLanguageFeatures(extension))
      // The editor works without them: say why in the console, for a developer.
      .catch((error: unknown) => console.warn("The editor's TypeScript features did not load:", error));
  });
}
