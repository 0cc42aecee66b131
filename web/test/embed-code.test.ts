import assert from "node:assert/strict";
import { test } from "node:test";
import { embedCode } from "../src/lib/embed-code.ts";

const options = {
  theme: "dark" as const,
  lang: "auto" as const,
  autorun: true,
  readOnly: false,
  panels: ["editor" as const, "console" as const, "timeline" as const],
  height: 420,
  fit: true,
};

test("the embed code is a sandboxed iframe of the widget with its options, and a script that fits it to its content", () => {
  const code = embedCode("https://looplab.example", "gPs_e30c", 'Lesson "1" <async>', options);
  const [frame, script] = code.split("\n");
  assert.equal(
    frame,
    '<iframe src="https://looplab.example/embed/gPs_e30c?theme=dark&amp;autorun=1" title="Lesson &quot;1&quot; &lt;async>" width="100%" height="420" ' +
      'style="border:0" loading="lazy" sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"></iframe>',
  );
  assert.match(script!, /^<script>.*looplab:resize.*e\.data\.height.*<\/script>$/);
});

test("without fitting, the embed code is the iframe alone", () => {
  assert.doesNotMatch(embedCode("http://localhost:8787", "abc", "x", { ...options, fit: false }), /<script/);
});
