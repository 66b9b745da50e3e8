// Unit tests for the DOM-free parts of the dashboard: run with `npm test --prefix faultline/web`
// (node --test; no browser, no dependencies).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spansFor, nestSpans, offsetMapper } from "../static/highlight.js";

// Render a tree to a bracketed string so the expected nesting reads at a glance.
function show(text, nodes) {
  return nodes.map((n) => (n.type === "text" ? text.slice(n.start, n.end) : `[${n.span.field}:${show(text, n.children)}]`)).join("");
}

test("nested spans nest, the outer one stays whole", () => {
  const text = "Rebels shelled the airport on Monday.";
  const spans = spansFor(text, [
    { field: "event", start: 0, end: 26, text: "Rebels shelled the airport" },
    { field: "actors.actor", start: 0, end: 6, text: "Rebels" },
    { field: "date", start: 30, end: 36, text: "Monday" },
  ]);
  assert.equal(show(text, nestSpans(0, text.length, spans)), "[event:[actors.actor:Rebels] shelled the airport] on [date:Monday].");
});

test("crossing spans are split so marks still nest", () => {
  const text = "abcdefghij";
  const spans = spansFor(text, [{ field: "a", start: 0, end: 6 }, { field: "b", start: 4, end: 9 }]);
  const tree = nestSpans(0, text.length, spans);
  assert.equal(show(text, tree), "[a:abcd[b:ef]][b:ghi]j");
  assert.equal(tree[1].span.continued, true);
});

test("identical spans with different fields both show", () => {
  const text = "twelve soldiers";
  const spans = spansFor(text, [{ field: "counts.killed", start: 0, end: 15 }, { field: "actors.recipient", start: 0, end: 15 }]);
  assert.equal(show(text, nestSpans(0, text.length, spans)), "[counts.killed:[actors.recipient:twelve soldiers]]");
});

test("bad spans are dropped, edges trimmed, drifted spans re-found", () => {
  const text = "Intro.\n\nGunmen attacked Beni.\n\nEnd.";
  const spans = spansFor(text, [
    { field: "event", start: 8, end: 31 }, // carries the paragraph break
    { field: "location", start: 0, end: 4, text: "Beni" }, // drifted: found later in the text
    { field: "date", start: 5, end: 5 },
    { field: "x", start: "1", end: 3 },
    null,
  ]);
  assert.deepEqual(spans.map((s) => [s.field, text.slice(s.start, s.end), s.moved]), [
    ["event", "Gunmen attacked Beni.", false],
    ["location", "Beni", true],
  ]);
});

test("code-point offsets map to UTF-16 outside the BMP", () => {
  const text = "🇨🇩 Goma fell."; // two astral code points before the space
  assert.equal(offsetMapper(text)(3), 5);
  const [span] = spansFor(text, [{ field: "location", start: 3, end: 7, text: "Goma" }]);
  assert.equal(text.slice(span.start, span.end), "Goma");
  assert.equal(span.moved, false);
});

test("untrusted markup stays in text runs", () => {
  const text = "<script>alert(1)</script> [link](javascript:alert(1))";
  const tree = nestSpans(0, text.length, spansFor(text, [{ field: "event", start: 0, end: 8 }]));
  assert.equal(show(text, tree), text.replace("<script>", "[event:<script>]"));
});
