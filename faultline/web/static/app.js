// The dashboard's state and its URL. Every filter lives in the query string (so a view can be
// shared and back/forward work): setState() pushes a history entry and re-renders, popstate
// reads the URL back. Each view gets the filters; the map and the timeline are "context" views
// that ignore their own selection (the map ignores the country/near it selects, the timeline
// the since/until it brushes) so the selection is shown inside the whole picture.

import * as api from "./api.js";
import { el, clear } from "./dom.js";
import { PLOVER_TYPES } from "./colors.js";
import { createMap } from "./map.js";
import { createTimeline } from "./timeline.js";
import { createNetwork } from "./network.js";
import { createEventList, showEventPage } from "./events.js";
import { createPaste } from "./paste.js";
import { createExposurePanel } from "./exposure.js";

const MULTI = ["country", "type"];
const SINGLE = ["actor", "article", "since", "until", "text", "near", "km", "coup", "include_background", "event", "mineral", "period"];
const EVENTS_FOR_VIEWS = 5000; // the API's largest page: enough for map and timeline

let state = readUrl();
let meta = { countries: {}, types: PLOVER_TYPES };
let renderCount = 0;

function readUrl() {
  const q = new URLSearchParams(window.location.search);
  const s = {};
  for (const k of MULTI) s[k] = q.getAll(k).filter(Boolean);
  for (const k of SINGLE) s[k] = q.get(k) || "";
  return s;
}

function toQuery(s) {
  const q = new URLSearchParams();
  for (const k of [...MULTI, ...SINGLE]) {
    const v = s[k];
    if (Array.isArray(v)) v.forEach((x) => q.append(k, x));
    else if (v) q.set(k, v);
  }
  const str = q.toString();
  return str ? `?${str}` : "";
}

/** Change some filters, record the new URL in history and re-render. */
export function setState(patch, { replace = false } = {}) {
  const next = { ...state, ...patch };
  // A new filter leaves the event page (except when the patch opens one).
  if (!("event" in patch)) next.event = "";
  if ("near" in patch && !patch.near) next.km = "";
  state = next;
  const url = window.location.pathname + toQuery(state);
  if (replace) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
  render();
}

export function getState() {
  return state;
}

/** The filters as API parameters, less the ones a view leaves out. */
export function apiFilters(s, omit = []) {
  const p = {
    country: s.country, type: s.type, actor: s.actor, article: s.article, since: s.since, until: s.until,
    text: s.text, near: s.near, km: s.near ? s.km || "25" : "",
    coup: s.coup === "true" ? "true" : "", include_background: s.include_background === "true" ? "true" : "",
  };
  for (const k of omit) delete p[k];
  return p;
}

export function getMeta() {
  return meta;
}

// ---- filter bar -------------------------------------------------------------------------

const $ = (id) => document.getElementById(id);

function fillSelect(select, options, selected) {
  clear(select);
  for (const group of options) {
    const parent = group.label ? el("optgroup", { label: group.label }) : select;
    for (const [value, label] of group.items) parent.append(el("option", { value }, label));
    if (group.label) select.append(parent);
  }
  select.value = selected;
}

async function buildCountrySelect() {
  const names = meta.countries || {};
  let present = [];
  try {
    const stats = await api.get("stats", { by: "country", include_background: "true" });
    present = stats.rows.filter((r) => r.country).sort((a, b) => b.events - a.events);
  } catch { /* the list of all countries still works */ }
  const seen = new Set(present.map((r) => r.country));
  const name = (iso3) => (names[iso3] && names[iso3].name) || iso3;
  const groups = [{ items: [["", "All countries"]] }];
  if (present.length) groups.push({ label: "With events", items: present.map((r) => [r.country, `${name(r.country)} (${r.events})`]) });
  const rest = Object.keys(names).filter((c) => !seen.has(c)).sort((a, b) => name(a).localeCompare(name(b)));
  if (rest.length) groups.push({ label: "All countries", items: rest.map((c) => [c, name(c)]) });
  fillSelect($("filter-country"), groups, state.country[0] || "");
}

function buildTypeSelect() {
  const types = meta.types && meta.types.length ? meta.types : PLOVER_TYPES;
  fillSelect($("filter-type"), [{ items: [["", "All types"], ...types.map((t) => [t, t])] }], state.type[0] || "");
}

function wireFilterBar() {
  $("filter-country").addEventListener("change", (e) => setState({ country: e.target.value ? [e.target.value] : [] }));
  $("filter-type").addEventListener("change", (e) => setState({ type: e.target.value ? [e.target.value] : [] }));
  $("filter-since").addEventListener("change", (e) => setState({ since: e.target.value }));
  $("filter-until").addEventListener("change", (e) => setState({ until: e.target.value }));
  $("filter-background").addEventListener("change", (e) => setState({ include_background: e.target.checked ? "true" : "" }));
  $("filter-coup").addEventListener("change", (e) => setState({ coup: e.target.checked ? "true" : "" }));
  // Text search applies on Enter / leaving the box, not on every keystroke.
  $("filter-form").addEventListener("submit", (e) => {
    e.preventDefault();
    setState({ text: $("filter-text").value.trim() });
  });
  $("filter-text").addEventListener("change", (e) => {
    if (e.target.value.trim() !== state.text) setState({ text: e.target.value.trim() });
  });
  $("filter-reset").addEventListener("click", () => setState({
    country: [], type: [], actor: "", article: "", since: "", until: "", text: "", near: "", km: "", coup: "", include_background: "",
  }));
}

/** Put the state back into the controls (after popstate or a click in a view). */
function syncFilterBar() {
  const setSelect = (select, value) => {
    if (value && ![...select.options].some((o) => o.value === value)) select.append(el("option", { value }, value));
    select.value = value;
  };
  setSelect($("filter-country"), state.country[0] || "");
  setSelect($("filter-type"), state.type[0] || "");
  $("filter-since").value = state.since;
  $("filter-until").value = state.until;
  if (document.activeElement !== $("filter-text")) $("filter-text").value = state.text;
  $("filter-background").checked = state.include_background === "true";
  $("filter-coup").checked = state.coup === "true";
  renderChips();
}

/** Filters with no control of their own (actor, near, extra countries/types) show as chips. */
function renderChips() {
  const chips = clear($("filter-chips"));
  const chip = (label, patch) => chips.append(el("span", { class: "chip" }, label,
    el("button", { type: "button", class: "chip-x", title: "remove this filter", "aria-label": `remove ${label}`, on: { click: () => setState(patch) } }, "×")));
  if (state.actor) chip(`actor: ${state.actor}`, { actor: "" });
  if (state.article) chip(`article: ${state.article}`, { article: "" });
  if (state.near) chip(`near ${state.near} (${state.km || 25} km)`, { near: "", km: "" });
  state.country.slice(1).forEach((c) => chip(`country: ${c}`, { country: state.country.filter((x) => x !== c) }));
  state.type.slice(1).forEach((t) => chip(`type: ${t}`, { type: state.type.filter((x) => x !== t) }));
}

function problem(exc) {
  if (exc && exc.status === 401) return "This server needs an access token: open the link you were given (…/?token=…).";
  return `Error: ${exc && exc.message}`;
}

export function setStatus(message, isError = false) {
  const status = $("status");
  status.textContent = message || "";
  status.classList.toggle("error", Boolean(isError));
}

// ---- views ---------------------------------------------------------------------------------

let views = null;

async function render() {
  const mine = ++renderCount;
  syncFilterBar();
  const onEvent = Boolean(state.event);
  $("dashboard").hidden = onEvent;
  $("event-page").hidden = !onEvent;
  if (onEvent) {
    await showEventPage($("event-page"), state.event, { setState, isCurrent: () => mine === renderCount });
    return;
  }
  setStatus("Loading…");
  const listing = apiFilters(state);
  const mapFilters = apiFilters(state, ["country", "near", "km"]);
  const timeFilters = apiFilters(state, ["since", "until"]);
  const results = await Promise.allSettled([
    views.list.render(listing, state),
    api.get("events", { ...mapFilters, limit: EVENTS_FOR_VIEWS }).then((d) => mine === renderCount && views.map.render(d, state)),
    api.get("events", { ...timeFilters, limit: EVENTS_FOR_VIEWS }).then((d) => mine === renderCount && views.timeline.render(d, state)),
    views.network.render(state),
    views.exposure.render(state),
  ]);
  if (mine !== renderCount) return;
  const failed = results.filter((r) => r.status === "rejected");
  if (failed.length) setStatus(problem(failed[0].reason), true);
  else setStatus("");
}

// Re-draw the size-dependent views when the window changes size.
let resizeTimer = null;
function onResize() {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => { if (!state.event) render(); }, 250);
}

async function start() {
  api.initToken();
  state = readUrl();
  wireFilterBar();
  try {
    meta = await api.get("meta");
  } catch (exc) {
    setStatus(problem(exc), true);
  }
  const version = $("version");
  if (version && meta.version) version.textContent = `v${meta.version}`;
  buildTypeSelect();
  await buildCountrySelect();
  views = {
    map: createMap($("map"), { getMeta, setState, getState }),
    timeline: createTimeline($("timeline"), { setState, getState }),
    network: createNetwork($("network"), { setState, getState }),
    list: createEventList($("events"), { setState, getState }),
    exposure: createExposurePanel($("exposure-panel"), { setState, getState }),
  };
  createPaste($("paste"), {
    setState,
    onStored: async () => { api.invalidate(); await buildCountrySelect(); render(); },
  });
  window.addEventListener("popstate", () => { state = readUrl(); render(); });
  window.addEventListener("resize", onResize);
  await render();
  document.body.dataset.ready = "true"; // lets browser tests wait for the first render
}

start();
