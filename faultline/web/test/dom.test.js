import { test } from "node:test";
import assert from "node:assert/strict";
import { safeHttpUrl, shorten } from "../static/dom.js";

test("only absolute http(s) URLs pass", () => {
  for (const bad of ["javascript:alert(1)", " JavaScript:alert(1)", "java\tscript:alert(1)", "data:text/html,<b>x</b>",
    "vbscript:x", "//evil.example", "/relative", "", null, undefined, 42, {}]) {
    assert.equal(safeHttpUrl(bad), null, String(bad));
  }
  assert.equal(safeHttpUrl("https://example.org/a?b=1"), "https://example.org/a?b=1");
  assert.equal(safeHttpUrl("http://example.org"), "http://example.org/");
});

test("shorten collapses whitespace and adds an ellipsis", () => {
  assert.equal(shorten("a  b\n c", 10), "a b c");
  assert.equal(shorten("abcdefghij", 5), "abcd…");
  assert.equal(shorten(null, 5), "");
});
