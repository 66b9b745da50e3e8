// Minerals at stake: one mineral's exposure index per month, quarter or year over the
// dashboard's since/until window, as bars. A click on a bar lists the events that drive that
// period (otherwise the whole window's), each linking to its event page. The caption names the
// production-share rows the index rests on, so every number traces back to its source.
// The mineral and the period live in the URL (?mineral=cobalt&period=quarter); the selected
// bar does not: it is a look inside the current answer, reset when the query changes.

import * as api from "./api.js";
import { el, clear, shorten, fmtNumber } from "./dom.js";

const d3 = globalThis.d3;
export const DEFAULT_MINERAL = "cobalt";
export const PERIODS = ["month", "quarter", "year"];
const CAPTION_SHARES = 3; // the largest producers named; the rest are counted

// ---- DOM-free helpers (unit-tested in test/exposure.test.js) ------------------------------

/** The period asked for in the URL, or month when none (or an unknown one) is. */
export function chosenPeriod(state) {
  return PERIODS.includes(state.period) ? state.period : "month";
}

/** 0.742 → "74%"; small shares keep one decimal so they do not read as zero. */
export function percent(share) {
  const p = Number(share) * 100;
  if (!Number.isFinite(p)) return "?";
  return p >= 10 || p === 0 ? `${Math.round(p)}%` : `${p.toFixed(1)}%`;
}

/** "COD 74%, IDN 9.7% of world mine production (USGS Mineral Commodity Summaries 2025, data
 * 2024)": rows of one source and year share their citation. */
export function shareLabel(rows) {
  const { source, year } = rows[0];
  const named = rows.map((r) => `${r.country} ${percent(r.share)}`).join(", ");
  return `${named} of world mine production (${source}, data ${year})`;
}

/** The caption: the largest shares the series used, cited, and how many more there are. */
export function shareCaption(shares, limit = CAPTION_SHARES) {
  const rows = [...(shares || [])].sort((a, b) => b.share - a.share);
  if (!rows.length) return "No production shares on record for this mineral.";
  const cited = new Map();
  for (const row of rows.slice(0, limit)) {
    const key = `${row.source}\u0000${row.year}`;
    if (!cited.has(key)) cited.set(key, []);
    cited.get(key).push(row);
  }
  const named = [...cited.values()].map(shareLabel).join("; ");
  const rest = rows.length - limit;
  return `Weighted by ${named}${rest > 0 ? `; and ${rest} more producer${rest === 1 ? "" : "s"}` : ""}.`;
}

/** The drivers of one period (all of them when none is chosen), largest contribution first. */
export function driversOf(series, period) {
  const all = (series && series.drivers) || [];
  const chosen = period ? all.filter((d) => d.period === period) : all.slice();
  return chosen.sort((a, b) => b.contribution - a.contribution || String(a.date).localeCompare(String(b.date)));
}

/** A contribution or index value, short but never rounded to a misleading zero. */
export function fmtValue(value) {
  const v = Number(value);
  if (!Number.isFinite(v)) return "?";
  if (v === 0) return "0";
  return Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(2);
}

/** "Kolwezi, Lualaba, COD" without repeating a name. */
export function driverPlace(driver) {
  const parts = [driver.place, driver.admin1, driver.country].filter(Boolean);
  return parts.filter((p, i) => parts.indexOf(p) === i).join(", ") || "—";
}

/** Every n-th period label, so the axis stays readable however many periods there are. */
export function sparseTicks(periods, width, minGap = 48) {
  const step = Math.max(1, Math.ceil((periods.length * minGap) / Math.max(1, width)));
  return periods.filter((_, i) => i % step === 0);
}

// ---- the panel ------------------------------------------------------------------------------

const $ = (id) => document.getElementById(id);

export function createExposurePanel(root, { setState }) {
  const mineralSelect = $("exposure-mineral");
  const periodSelect = $("exposure-period");
  const chart = $("exposure-chart");
  const caption = $("exposure-caption");
  const driversTitle = $("exposure-drivers-title");
  const driversList = $("exposure-drivers");
  let minerals = null;
  let series = null;
  let query = "";
  let selected = "";
  let token = 0;

  mineralSelect.addEventListener("change", (e) => setState({ mineral: e.target.value }));
  periodSelect.addEventListener("change", (e) => setState({ period: e.target.value }));

  function fillMinerals(list) {
    clear(mineralSelect);
    for (const m of list) mineralSelect.append(el("option", { value: m.id }, m.name));
  }

  function select(period) {
    selected = selected === period ? "" : period;
    drawChart();
    drawDrivers();
  }

  function drawChart() {
    clear(chart);
    const points = series.points || [];
    const width = Math.max(300, chart.clientWidth);
    const height = Math.max(140, chart.clientHeight || 180);
    const margin = { top: 8, right: 10, bottom: 22, left: 40 };
    const svg = d3.select(chart).append("svg")
      .attr("viewBox", `0 0 ${width} ${height}`).attr("width", width).attr("height", height)
      .attr("role", "img").attr("aria-label", `Exposure of ${series.mineral} per ${series.period}; click a bar for its drivers`);
    if (!points.length) {
      svg.append("text").attr("class", "empty").attr("x", width / 2).attr("y", height / 2).attr("text-anchor", "middle")
        .text("No dated events in this window");
      return;
    }
    const x = d3.scaleBand(points.map((p) => p.period), [margin.left, width - margin.right]).padding(0.15);
    const y = d3.scaleLinear([0, d3.max(points, (p) => p.value) || 1], [height - margin.bottom, margin.top]).nice();
    const slots = svg.append("g").attr("class", "exposure-bars").selectAll("g").data(points).join("g")
      .attr("class", (p) => (p.period === selected ? "exposure-slot selected" : "exposure-slot"))
      .on("click", (_, p) => select(p.period));
    // A full-height target behind each bar, so a low bar is as easy to click as a high one.
    slots.append("rect").attr("class", "exposure-hit")
      .attr("x", (p) => x(p.period)).attr("width", x.bandwidth())
      .attr("y", margin.top).attr("height", height - margin.bottom - margin.top);
    slots.append("rect").attr("class", "exposure-bar")
      .attr("data-period", (p) => p.period).attr("data-value", (p) => p.value)
      .attr("x", (p) => x(p.period)).attr("width", x.bandwidth())
      .attr("y", (p) => y(p.value)).attr("height", (p) => Math.max(0, y(0) - y(p.value)));
    slots.append("title").text((p) => `${p.period}: exposure ${fmtValue(p.value)} · ${p.events} event${p.events === 1 ? "" : "s"} · ${fmtNumber(p.killed)} killed`);
    const ticks = sparseTicks(x.domain(), width - margin.left - margin.right);
    svg.append("g").attr("class", "axis x-axis").attr("transform", `translate(0,${height - margin.bottom})`)
      .call(d3.axisBottom(x).tickValues(ticks).tickSizeOuter(0));
    svg.append("g").attr("class", "axis y-axis").attr("transform", `translate(${margin.left},0)`)
      .call(d3.axisLeft(y).ticks(4).tickFormat(fmtValue));
  }

  function driverRow(d) {
    const href = eventUrl(d.event_id);
    const open = (e) => {
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return; // a new tab: let it
      e.preventDefault();
      setState({ event: d.event_id });
    };
    const counted = d.contribution === 0 && d.counted_as;
    return el("li", { class: ["driver", counted ? "driver-duplicate" : ""], dataset: { eventId: d.event_id, period: d.period } },
      el("span", { class: "driver-date" }, d.date),
      el("span", { class: "driver-type" }, d.coup ? `${d.event_type} · coup ${d.coup}` : d.event_type),
      el("span", { class: "driver-place" }, driverPlace(d)),
      el("span", { class: "driver-killed", title: "killed" }, d.killed ? `${fmtNumber(d.killed)} killed` : ""),
      el("span", { class: "driver-contribution", title: `severity ${fmtValue(d.severity)} × share ${percent(d.share)} × locality ${fmtValue(d.locality)} × ${d.modality} ${fmtValue(d.modality_weight)}` },
        `+${fmtValue(d.contribution)}`),
      el("a", { class: "driver-link", href, on: { click: open } }, shorten(d.summary, 120)),
      el("span", { class: "driver-locality" }, d.locality_reason),
      counted ? el("span", { class: "muted driver-note" }, ` (counted once, as ${d.counted_as})`) : "");
  }

  function drawDrivers() {
    const drivers = driversOf(series, selected);
    const where = selected ? `of ${selected}` : "of the whole window";
    clear(driversTitle).append(`Drivers ${where} (${drivers.length})`);
    if (selected) driversTitle.append(" ", el("button", { type: "button", class: "link-button", id: "exposure-all", on: { click: () => select(selected) } }, "show all"));
    clear(driversList);
    for (const d of drivers) driversList.append(driverRow(d));
    if (!drivers.length) driversList.append(el("li", { class: "muted" }, "No event drives this period."));
  }

  async function render(state) {
    const mine = ++token;
    if (!minerals) {
      minerals = (await api.get("minerals")).minerals;
      fillMinerals(minerals);
    }
    // One selected country narrows the series to its part; several (or none) show the world's.
    const country = state.country && state.country.length === 1 ? state.country[0] : undefined;
    const params = { mineral: state.mineral || DEFAULT_MINERAL, period: chosenPeriod(state), since: state.since, until: state.until, country };
    const data = await api.get("exposure", params);
    if (mine !== token) return;
    series = data.exposure;
    const key = JSON.stringify(params);
    if (key !== query) selected = "";
    query = key;
    mineralSelect.value = series.mineral;
    periodSelect.value = series.period;
    root.dataset.mineral = series.mineral;
    drawChart();
    caption.textContent = shareCaption(series.shares);
    drawDrivers();
  }

  return { render };
}

/** This page's own URL opening the event page: a real link (a new tab works) that a plain
 * click turns into a state change instead of a reload. */
function eventUrl(id) {
  const url = new URL(window.location.href);
  url.search = "";
  url.searchParams.set("event", id);
  return url.href;
}
