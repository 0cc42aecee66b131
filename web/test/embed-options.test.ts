import assert from "node:assert/strict";
import { test } from "node:test";
import { embedQuery, parseEmbedOptions } from "../src/lib/embed-options.ts";

test("widget parameters: theme, autorun, readonly and panels in the widget's order", () => {
  assert.deepEqual(parseEmbedOptions("?theme=dark&autorun=1&readonly=1&panels=timeline,console"), {
    theme: "dark",
    lang: "auto",
    autorun: true,
    readOnly: true,
    panels: ["console", "timeline"],
  });
});

test("the stepper is shown only when asked for, in its place between the console and the timeline", () => {
  assert.deepEqual(parseEmbedOptions("?panels=timeline,stepper,editor").panels, ["editor", "stepper", "timeline"]);
  assert.deepEqual(parseEmbedOptions("?panels=stepper").panels, ["stepper"]);
  assert.deepEqual(parseEmbedOptions("").panels, ["editor", "console", "timeline"]);
});

test("missing or unknown parameters fall back to the defaults: system theme, every panel but the stepper", () => {
  assert.deepEqual(parseEmbedOptions("?theme=purple&panels=nothing"), {
    theme: "auto",
    lang: "auto",
    autorun: false,
    readOnly: false,
    panels: ["editor", "console", "timeline"],
  });
});

test("the embed dialog's query leaves defaults out and reads back as the same options", () => {
  const options = {
    theme: "light" as const,
    lang: "zh-CN" as const,
    autorun: true,
    readOnly: false,
    panels: ["editor" as const, "console" as const],
  };
  assert.equal(embedQuery(options), "?theme=light&lang=zh-CN&autorun=1&panels=editor%2Cconsole");
  assert.deepEqual(parseEmbedOptions(embedQuery(options)), options);
  assert.equal(embedQuery(parseEmbedOptions("")), "");
  assert.equal(embedQuery(parseEmbedOptions("?panels=timeline,console,editor")), "");
  const stepping = parseEmbedOptions("?panels=editor,console,stepper,timeline");
  assert.equal(embedQuery(stepping), "?panels=editor%2Cconsole%2Cstepper%2Ctimeline");
  assert.deepEqual(parseEmbedOptions(embedQuery(stepping)), stepping);
});

test("lang= picks the widget's language; a regional or unknown tag falls back sensibly", () => {
  assert.equal(parseEmbedOptions("?lang=zh-CN").lang, "zh-CN");
  assert.equal(parseEmbedOptions("?lang=zh").lang, "zh-CN");
  assert.equal(parseEmbedOptions("?lang=en-GB").lang, "en");
  assert.equal(parseEmbedOptions("?lang=fr").lang, "auto");
  assert.equal(parseEmbedOptions("").lang, "auto");
});
