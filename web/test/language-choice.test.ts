import assert from "node:assert/strict";
import { test } from "node:test";
import { languageFromBrowser, parseLanguage } from "../src/lib/i18n/language-choice.ts";

test("any Chinese among the browser's languages opens the page in Simplified Chinese, anything else in English", () => {
  assert.equal(languageFromBrowser(["zh-CN"]), "zh-CN");
  assert.equal(languageFromBrowser(["en-US", "zh-TW"]), "zh-CN");
  assert.equal(languageFromBrowser(["zh-Hans-CN", "en"]), "zh-CN");
  assert.equal(languageFromBrowser(["de-DE", "fr"]), "en");
  assert.equal(languageFromBrowser([]), "en");
});

test("a language tag is read loosely: case, region and script do not matter", () => {
  assert.equal(parseLanguage("zh-CN"), "zh-CN");
  assert.equal(parseLanguage("ZH_cn"), "zh-CN");
  assert.equal(parseLanguage("en-GB"), "en");
  assert.equal(parseLanguage(" en "), "en");
  assert.equal(parseLanguage("fr"), null);
  assert.equal(parseLanguage(""), null);
  assert.equal(parseLanguage(null), null);
});
