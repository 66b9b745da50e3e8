// DOM helpers. Everything shown here can come from untrusted news pages (titles, names, article
// text), so the whole dashboard builds its DOM through these: text always goes in through
// textContent, attributes through setAttribute with event-handler names refused, and the only
// URLs ever put into an href are http(s) ones checked by safeHttpUrl. Never innerHTML.

const SVG_NS = "http://www.w3.org/2000/svg";

/** Set attributes/properties on a node; `text` goes through textContent. */
function apply(node, props) {
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") node.textContent = String(value);
    else if (key === "class") node.setAttribute("class", Array.isArray(value) ? value.filter(Boolean).join(" ") : value);
    else if (key === "dataset") for (const [k, v] of Object.entries(value)) { if (v !== undefined && v !== null) node.dataset[k] = String(v); }
    else if (key === "on") for (const [type, fn] of Object.entries(value)) node.addEventListener(type, fn);
    else if (/^on/i.test(key) || key === "style" || key === "srcdoc") throw new Error(`refusing attribute ${key}`);
    else if (key === "href" || key === "src") {
      // Our own fixed links ("#...") are fine; data-derived ones must pass safeHttpUrl first.
      const url = String(value);
      if (!url.startsWith("#") && safeHttpUrl(url) === null) throw new Error("refusing a non-http(s) URL");
      node.setAttribute(key, url);
    } else node.setAttribute(key, value === true ? "" : String(value));
  }
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** el("li", {class: "x", dataset: {eventId}}, "text", childNode, ...) — strings become text nodes. */
export function el(tag, props, ...children) {
  return append(apply(document.createElement(tag), props), children);
}

/** Same as el() for SVG elements (used for legends built outside d3). */
export function svgEl(tag, props, ...children) {
  return append(apply(document.createElementNS(SVG_NS, tag), props), children);
}

/** Remove every child (the safe way to "clear innerHTML"). */
export function clear(node) {
  node.replaceChildren();
  return node;
}

/** The URL if it is an absolute http(s) URL, else null (rejects javascript:, data:, etc.). */
export function safeHttpUrl(value) {
  if (typeof value !== "string" || !value.trim()) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** A short text: the first `n` characters and an ellipsis. */
export function shorten(text, n) {
  const s = String(text ?? "").replace(/\s+/g, " ").trim();
  return s.length > n ? s.slice(0, n - 1) + "…" : s;
}

/** "1,234" for numbers, "" for null. */
export function fmtNumber(n) {
  return n === null || n === undefined ? "" : Number(n).toLocaleString("en");
}
