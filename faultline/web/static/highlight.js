// Evidence spans → a tree of text runs and highlights, kept free of the DOM so it can be tested
// with `node --test`. The API gives character offsets as Python counts them (code points); JS
// strings index UTF-16 units, so offsets are mapped when the text has characters outside the BMP.

/** Code-point offsets → UTF-16 indices; the identity when the text is all BMP. */
export function offsetMapper(text) {
  if (!/[\uD800-\uDFFF]/.test(text)) return (i) => i;
  const units = [];
  let u = 0;
  for (const ch of text) { units.push(u); u += ch.length; }
  units.push(u);
  return (i) => units[Math.max(0, Math.min(i, units.length - 1))];
}

/**
 * Evidence items ({field, start, end, text}) as UTF-16 ranges {start, end, field, index, moved}.
 * A span whose text does not match is looked for nearby (moved: true); bad spans are dropped;
 * whitespace at either edge (a trailing paragraph break) is not highlighted.
 */
export function spansFor(text, evidence) {
  const toUnit = offsetMapper(text);
  const spans = [];
  evidence.forEach((ev, index) => {
    if (!ev || !Number.isInteger(ev.start) || !Number.isInteger(ev.end) || ev.end <= ev.start) return;
    let start = toUnit(ev.start);
    let end = toUnit(ev.end);
    let moved = false;
    if (ev.text && text.slice(start, end) !== ev.text) {
      const found = text.indexOf(ev.text, Math.max(0, start - 200));
      if (found >= 0) { start = found; end = found + ev.text.length; moved = true; }
    }
    start = Math.max(0, Math.min(start, text.length));
    end = Math.max(start, Math.min(end, text.length));
    while (end > start && /\s/.test(text[end - 1])) end -= 1;
    while (start < end && /\s/.test(text[start])) start += 1;
    if (end > start) spans.push({ start, end, field: ev.field, index, moved });
  });
  return spans;
}

const bySpan = (a, b) => a.start - b.start || b.end - a.end || a.index - b.index;

/**
 * The text between `from` and `to` as [{type: "text", start, end} | {type: "mark", span,
 * children}]: a span inside another becomes its child; a span that crosses another's end is
 * split in two (the second part has continued: true), so the marks always nest.
 */
export function nestSpans(from, to, spans) {
  const out = [];
  let cursor = from;
  let rest = spans.slice().sort(bySpan);
  while (rest.length) {
    const s = rest.shift();
    const inner = [];
    const after = [];
    for (const t of rest) {
      if (t.start >= s.end) after.push(t);
      else if (t.end <= s.end) inner.push(t);
      else { inner.push({ ...t, end: s.end }); after.push({ ...t, start: s.end, continued: true }); }
    }
    const start = Math.max(s.start, cursor);
    if (start > cursor) out.push({ type: "text", start: cursor, end: start });
    if (s.end > start) out.push({ type: "mark", span: { ...s, start }, children: nestSpans(start, s.end, inner) });
    cursor = Math.max(cursor, s.end);
    rest = after.sort(bySpan);
  }
  if (to > cursor) out.push({ type: "text", start: cursor, end: to });
  return out;
}
