// The event list (one page of /api/events at a time) and the event page: the article's full
// normalised text with every evidence span of the event highlighted, a side panel listing each
// field with its value and a button that scrolls to its highlight, and the attribution shown
// prominently. Article text is untrusted: it is only ever inserted with text nodes.

import * as api from "./api.js";
import { el, svgEl, clear, shorten, fmtNumber, safeHttpUrl } from "./dom.js";
import { typeColour, fieldKind } from "./colors.js";
import { spansFor, nestSpans } from "./highlight.js";

const PAGE = 100;

function swatch(type) {
  return svgEl("svg", { width: 10, height: 10, class: "swatch", "aria-hidden": "true" }, svgEl("circle", { cx: 5, cy: 5, r: 4.5, fill: typeColour(type) }));
}

function dateLabel(date) {
  if (!date || !date.start) return "undated";
  return date.end && date.end !== date.start ? `${date.start} – ${date.end}` : date.start;
}

function placeLabel(loc) {
  if (!loc) return "—";
  const name = loc.name || loc.text || "";
  const where = [name, loc.admin1 && loc.admin1 !== name ? loc.admin1 : "", loc.country && loc.country !== name ? loc.country : ""].filter(Boolean).join(", ");
  return where || "—";
}

function actorsLabel(actors) {
  const names = (role) => (actors || []).filter((a) => a.role === role).map((a) => a.name || a.text).filter(Boolean);
  const a = names("actor");
  const r = names("recipient");
  if (!a.length && !r.length) return "—";
  return `${a.join(", ") || "?"}${r.length ? ` → ${r.join(", ")}` : ""}`;
}

// ---- list --------------------------------------------------------------------------------

export function createEventList(root, { setState }) {
  const list = document.getElementById("events-list");
  const summary = document.getElementById("events-summary");
  const more = document.getElementById("events-more");
  let current = null; // {filters, offset, total}
  let token = 0;

  function row(ev) {
    const open = () => setState({ event: ev.id });
    const k = ev.counts && ev.counts.killed;
    const flags = [];
    if (ev.background) flags.push(el("span", { class: "flag flag-background", title: "history the article recalls" }, "background"));
    if (ev.coup) flags.push(el("span", { class: "flag flag-coup" }, `coup: ${ev.coup.outcome || "?"}`));
    if (ev.modality && ev.modality !== "asserted") flags.push(el("span", { class: "flag flag-modality" }, ev.modality));
    return el("li", { class: "event-row", dataset: { eventId: ev.id, type: ev.event_type }, tabindex: 0, role: "link",
      on: { click: open, keydown: (e) => { if (e.key === "Enter") open(); } } },
    el("span", { class: "ev-date" }, dateLabel(ev.date)),
    el("span", { class: "ev-type" }, swatch(ev.event_type), ` ${ev.event_type}`),
    el("span", { class: "ev-place", title: ev.location ? `${ev.location.precision} precision` : "no place" }, placeLabel(ev.location)),
    el("span", { class: "ev-actors" }, actorsLabel(ev.actors)),
    el("span", { class: "ev-killed", title: "killed" }, k !== null && k !== undefined ? fmtNumber(k) : ""),
    el("span", { class: "ev-summary" }, shorten(ev.summary, 180), ...flags.map((f) => [" ", f])));
  }

  async function load(append) {
    const mine = ++token;
    const data = await api.get("events", { ...current.filters, sort: "-date", limit: PAGE, offset: current.offset });
    if (mine !== token) return;
    if (!append) clear(list);
    for (const ev of data.events) list.append(row(ev));
    current.total = data.total;
    current.offset += data.events.length;
    summary.textContent = data.total
      ? `${data.total} event${data.total === 1 ? "" : "s"} · showing ${current.offset}`
      : "No events match these filters.";
    more.hidden = current.offset >= data.total;
  }

  more.addEventListener("click", () => load(true).catch((exc) => { summary.textContent = `Error: ${exc.message}`; }));

  return {
    async render(filters) {
      current = { filters, offset: 0, total: 0 };
      await load(false);
    },
  };
}

// ---- event page --------------------------------------------------------------------------

/** Append the highlight tree from highlight.js as text nodes and (nested) <mark> elements. */
function renderTree(parent, text, nodes, marks) {
  for (const node of nodes) {
    if (node.type === "text") {
      parent.append(document.createTextNode(text.slice(node.start, node.end)));
      continue;
    }
    const s = node.span;
    const mark = el("mark", { class: "evidence", title: s.field, dataset: {
      field: s.field, kind: fieldKind(s.field), evidenceIndex: s.index,
      continued: s.continued ? "true" : undefined, moved: s.moved ? "true" : undefined,
    } });
    renderTree(mark, text, node.children, marks);
    parent.append(mark);
    if (!marks.has(s.index)) marks.set(s.index, mark);
  }
}

function scrollToMark(mark) {
  if (!mark) return;
  mark.scrollIntoView({ behavior: "smooth", block: "center" });
  mark.classList.remove("flash");
  void mark.getBoundingClientRect(); // restart the CSS animation
  mark.classList.add("flash");
}

/** The side panel's rows: each field, its value, and the evidence items that support it. */
function fieldRows(ev) {
  const rows = [];
  const acled = ev.acled ? ` · ACLED ${ev.acled.event_type}${ev.acled.sub_event_type ? ` / ${ev.acled.sub_event_type}` : ""}` : "";
  rows.push({ label: "Event", value: `${ev.event_type}${ev.mode ? ` (${ev.mode})` : ""}${acled}`, match: (f) => f === "event" });
  const d = ev.date || {};
  rows.push({ label: "Date", value: `${dateLabel(d)}${d.precision ? ` · ${d.precision}` : ""}${d.method ? ` · ${d.method.replace(/_/g, " ")}` : ""}${d.text ? ` · “${d.text}”` : ""}`, match: (f) => f === "date" });
  const loc = ev.location;
  rows.push({ label: "Location", value: loc ? `${placeLabel(loc)} · ${loc.precision}${Number.isFinite(loc.lat) ? ` · ${loc.lat.toFixed(3)}, ${loc.lon.toFixed(3)}` : ""}` : "none given", match: (f) => f === "location" });
  const roleCount = {};
  for (const a of ev.actors || []) {
    const nth = (roleCount[a.role] = (roleCount[a.role] || 0) + 1) - 1;
    rows.push({ label: a.role === "recipient" ? "Recipient" : "Actor", value: `${a.name || a.text}${a.kind ? ` (${a.kind})` : ""}${a.text && a.text !== a.name ? ` — “${a.text}”` : ""}`,
      match: (f, item, i, sameField) => f === `actors.${a.role}` && (Number.isInteger(a.start) ? item.start === a.start : sameField === nth) });
  }
  for (const [key, value] of Object.entries(ev.counts || {})) {
    if (value === null || value === undefined) continue;
    rows.push({ label: key === "money_usd" ? "Money (USD)" : key[0].toUpperCase() + key.slice(1).replace(/_/g, " "), value: fmtNumber(value), match: (f) => f === `counts.${key}` });
  }
  for (const m of ev.minerals || []) {
    rows.push({ label: "Mineral", value: `${m.mineral.replace(/_/g, " ")}${m.text && m.text.toLowerCase() !== m.mineral ? ` — “${m.text}”` : ""}`,
      match: (f, item) => f === "minerals" && item.start === m.start });
  }
  const at = ev.attribution;
  if (at) rows.push({ label: "Attribution", value: `${at.speaker || at.speaker_text || "unnamed source"}${at.cue ? ` · cue “${at.cue}”` : ""}`, match: (f) => f === "attribution" || f === "attribution.cue" });
  rows.push({ label: "Modality", value: `${ev.modality || "—"}${ev.background ? " · background (history the article recalls)" : ""}`, match: () => false });
  if (ev.contexts && ev.contexts.length) rows.push({ label: "Contexts", value: ev.contexts.join(", "), match: () => false });
  if (ev.confidence !== undefined && ev.confidence !== null) rows.push({ label: "Confidence", value: String(ev.confidence), match: () => false });
  return rows;
}

function attributionBlock(ev, article) {
  const at = ev.attribution;
  const props = { id: "attribution", class: ["attribution", at ? "claimed" : "unattributed"], dataset: { modality: ev.modality || "" } };
  const modality = ev.modality ? [" ", el("span", { class: "flag flag-modality" }, ev.modality)] : "";
  if (at && (at.speaker || at.speaker_text || at.cue)) {
    return el("section", props,
      el("span", { class: "attribution-lead" }, "Claimed by "),
      el("strong", { class: "attribution-speaker" }, at.speaker || at.speaker_text || "an unnamed source"),
      at.speaker && at.speaker_text && at.speaker_text !== at.speaker ? el("span", { class: "muted" }, ` (“${at.speaker_text}”)`) : "",
      at.cue ? [" — cue ", el("span", { class: "attribution-cue" }, `“${at.cue}”`)] : "",
      modality);
  }
  return el("section", props,
    el("span", { class: "attribution-lead" }, "No attribution: "),
    `reported by ${(article && article.source) || "the source"} in its own voice`, modality);
}

function coupBlock(coup) {
  if (!coup) return null;
  const item = (k, v) => (v ? [el("dt", {}, k), el("dd", {}, Array.isArray(v) ? v.join(", ") : String(v))] : null);
  return el("section", { id: "coup", class: "coup" }, el("h3", {}, "Coup"),
    el("dl", {}, item("Outcome", coup.outcome), item("Perpetrator", coup.perpetrator), item("Leader", coup.leader), item("Target", coup.target),
      item("Foreign nationals", coup.foreign_nationals_involved && coup.foreign_nationals_involved.length ? coup.foreign_nationals_involved : null)));
}

/** A resource deal or offer: its kind, parties, minerals and money, as the article states it. */
function dealBlock(deal) {
  if (!deal) return null;
  const item = (k, v) => (v ? [el("dt", {}, k), el("dd", {}, v)] : null);
  const parties = (deal.parties || []).map((p) => (p.text && p.text !== p.name ? `${p.name} (“${p.text}”)` : p.name)).join("; ");
  return el("section", { id: "deal", class: "deal", dataset: { kind: deal.kind } }, el("h3", {}, deal.kind === "offer" ? "Deal offered" : "Deal agreed"),
    el("dl", {}, item("Parties", parties || "not named"), item("Minerals", (deal.minerals || []).map((m) => m.replace(/_/g, " ")).join(", ")),
      item("Money (USD)", deal.money_usd ? fmtNumber(deal.money_usd) : null)));
}

export async function showEventPage(root, id, { setState, isCurrent }) {
  const back = el("button", { type: "button", id: "event-back", on: { click: () => setState({ event: "" }) } }, "← Back to the dashboard");
  clear(root).append(back, el("p", { class: "muted" }, "Loading event…"));
  let ev;
  let art;
  try {
    ({ event: ev } = await api.get(`events/${encodeURIComponent(id)}`));
    art = await api.get(`articles/${encodeURIComponent(ev.article.id)}`);
  } catch (exc) {
    if (isCurrent()) clear(root).append(back, el("p", { class: "error" }, `Cannot show event ${id}: ${exc.message}`));
    return;
  }
  if (!isCurrent()) return;
  const article = art.article || {};
  const text = article.text || "";
  document.title = `${ev.event_type} · ${dateLabel(ev.date)} — Faultline`;

  // This event's evidence (plus the attribution cue's span when the API gives it).
  const evidence = (ev.evidence || []).slice();
  const cue = ev.attribution && ev.attribution.cue_evidence;
  if (cue && Number.isInteger(cue.start) && !evidence.some((e) => e.field === "attribution.cue")) {
    evidence.push({ field: "attribution.cue", start: cue.start, end: cue.end, text: ev.attribution.cue });
  }
  const marks = new Map();
  const body = el("div", { id: "article-text", class: "article-text", lang: "en" });
  renderTree(body, text, nestSpans(0, text.length, spansFor(text, evidence)), marks);

  // Side panel: every field, its value, and a button per supporting span.
  const used = new Set();
  const panel = el("dl", { id: "event-fields", class: "event-fields" });
  for (const r of fieldRows(ev)) {
    const perField = {};
    const buttons = [];
    evidence.forEach((item, i) => {
      const nth = (perField[item.field] = (perField[item.field] ?? -1) + 1);
      if (used.has(i) || !r.match(item.field, item, i, nth)) return;
      used.add(i);
      buttons.push(el("button", { type: "button", class: "show-evidence", dataset: { field: item.field, kind: fieldKind(item.field), evidenceIndex: i },
        disabled: marks.has(i) ? undefined : true, title: marks.has(i) ? "scroll to this evidence in the article" : "span not found in the text",
        on: { click: () => scrollToMark(marks.get(i)) } }, `↧ ${shorten(item.text || item.field, 50)}`));
    });
    panel.append(el("dt", {}, r.label), el("dd", {}, el("span", { class: "field-value" }, r.value), buttons.length ? el("div", { class: "evidence-buttons" }, buttons) : ""));
  }
  const leftover = evidence.map((item, i) => [item, i]).filter(([, i]) => !used.has(i));
  if (leftover.length) {
    panel.append(el("dt", {}, "Other evidence"), el("dd", {}, leftover.map(([item, i]) => el("button", { type: "button", class: "show-evidence",
      dataset: { field: item.field, kind: fieldKind(item.field), evidenceIndex: i }, on: { click: () => scrollToMark(marks.get(i)) } }, `${item.field}: ${shorten(item.text, 40)}`))));
  }

  const url = safeHttpUrl(article.url);
  const others = (art.events || []).filter((o) => o.id !== ev.id);
  const header = el("header", { class: "event-header" },
    el("h2", {}, swatch(ev.event_type), ` ${ev.event_type}`, ev.mode ? el("span", { class: "muted" }, ` · ${ev.mode}`) : "",
      ` · ${dateLabel(ev.date)} · ${placeLabel(ev.location)}`),
    el("p", { class: "event-summary" }, ev.summary || ""),
    ev.background ? el("p", { class: "flag flag-background" }, "Background: history the article recalls, not news it reports.") : "");
  const legend = el("p", { class: "evidence-legend" }, "Highlights: ",
    ["event", "date", "location", "actors", "counts", "attribution", "minerals"].map((k) => [el("mark", { class: "legend-mark", dataset: { kind: k } }, k), " "]));
  const articleBox = el("article", { class: "article" },
    el("h3", { class: "article-title" }, article.title || "(untitled article)"),
    el("p", { class: "article-meta" }, [article.source, article.author, article.published].filter(Boolean).join(" · "),
      url ? [" · ", el("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank", referrerpolicy: "no-referrer" }, "original")] : "",
      ` · ${article.id} · `,
      el("button", { type: "button", class: "link-button", title: "list every event of this article on the dashboard",
        on: { click: () => setState({ article: article.id, event: "" }) } }, "all its events")),
    legend, body);
  const side = el("aside", { class: "event-side" }, el("h3", {}, "Fields"), panel,
    others.length ? el("section", { class: "other-events" }, el("h3", {}, `Other events in this article (${others.length})`),
      el("ul", { id: "article-events" }, others.map((o) => el("li", { dataset: { eventId: o.id }, tabindex: 0,
        on: { click: () => setState({ event: o.id }), keydown: (e) => { if (e.key === "Enter") setState({ event: o.id }); } } },
      swatch(o.event_type), ` ${o.event_type} · ${dateLabel(o.date)} · ${shorten(o.summary, 70)}`)))) : "");
  clear(root).append(back, header, attributionBlock(ev, article), coupBlock(ev.coup) || "", dealBlock(ev.deal) || "",
    el("div", { class: "event-body" }, articleBox, side));
  window.scrollTo(0, 0);
}
