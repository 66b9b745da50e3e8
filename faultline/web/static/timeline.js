// Timeline: events per week (per month or year when the dates span too long for weekly bars to
// be visible), stacked by PLOVER type. Brushing sets since/until for every view and the URL.
// The timeline itself is fetched without since/until so the brush shows the chosen window
// inside the whole record.

import { clear } from "./dom.js";
import { typeColour } from "./colors.js";

const d3 = globalThis.d3;
const DAY = 86400000;

function parseDay(s) {
  if (typeof s !== "string" || !/^\d{4}-\d{2}-\d{2}/.test(s)) return null;
  const d = new Date(`${s.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

const isoDay = (d) => d.toISOString().slice(0, 10);

/** Weekly bins while they stay at least 2 pixels wide, else months, else years. */
function chooseInterval(span, width) {
  const weeks = span / (7 * DAY);
  if (weeks <= width / 2) return { interval: d3.utcMonday, unit: "week" };
  if (weeks / 4.35 <= width / 2) return { interval: d3.utcMonth, unit: "month" };
  return { interval: d3.utcYear, unit: "year" };
}

export function createTimeline(root, { setState }) {
  const caption = document.getElementById("timeline-caption");

  function render(data, state) {
    const events = (data.events || []).map((ev) => ({ ev, day: parseDay(ev.date && ev.date.start) })).filter((d) => d.day);
    const undated = (data.events || []).length - events.length;
    clear(root);
    const width = Math.max(300, root.clientWidth);
    const height = Math.max(140, root.clientHeight || 190);
    const margin = { top: 8, right: 12, bottom: 22, left: 30 };
    const svg = d3.select(root).append("svg")
      .attr("viewBox", `0 0 ${width} ${height}`).attr("width", width).attr("height", height)
      .attr("role", "img").attr("aria-label", "Events over time, stacked by type; drag to select dates");
    if (!events.length) {
      svg.append("text").attr("class", "empty").attr("x", width / 2).attr("y", height / 2).attr("text-anchor", "middle").text("No dated events for these filters");
      caption.textContent = undated ? `${undated} undated events not shown` : "";
      return;
    }
    const [lo, hi] = d3.extent(events, (d) => d.day);
    const { interval, unit } = chooseInterval(hi - lo + DAY, width - margin.left - margin.right);
    const start = interval.floor(lo);
    const end = interval.offset(interval.floor(hi), 1);
    const types = [...new Set(events.map((d) => d.ev.event_type))].sort();
    const bins = d3.rollups(events, (v) => d3.rollup(v, (w) => w.length, (d) => d.ev.event_type), (d) => +interval.floor(d.day))
      .map(([t, byType]) => ({ t: new Date(t), byType }));
    const stacked = d3.stack().keys(types).value((b, k) => b.byType.get(k) || 0)(bins);

    const x = d3.scaleUtc([start, end], [margin.left, width - margin.right]);
    const y = d3.scaleLinear([0, d3.max(bins, (b) => d3.sum(b.byType.values())) || 1], [height - margin.bottom, margin.top]).nice();

    svg.append("g").attr("class", "bars").selectAll("g").data(stacked).join("g")
      .attr("fill", (s) => typeColour(s.key)).attr("data-type", (s) => s.key)
      .selectAll("rect").data((s) => s.map((d) => ({ d, key: s.key }))).join("rect")
      .attr("class", "bar")
      .attr("x", ({ d }) => x(d.data.t))
      .attr("width", ({ d }) => Math.max(1, x(interval.offset(d.data.t, 1)) - x(d.data.t) - 1))
      .attr("y", ({ d }) => y(d[1]))
      .attr("height", ({ d }) => Math.max(0, y(d[0]) - y(d[1])))
      .append("title").text(({ d, key }) => `${unit} of ${isoDay(d.data.t)}: ${d[1] - d[0]} ${key}`);

    svg.append("g").attr("class", "axis x-axis").attr("transform", `translate(0,${height - margin.bottom})`)
      .call(d3.axisBottom(x).ticks(Math.max(2, Math.floor(width / 90))));
    svg.append("g").attr("class", "axis y-axis").attr("transform", `translate(${margin.left},0)`)
      .call(d3.axisLeft(y).ticks(4).tickFormat(d3.format("d")));

    // Brushing snaps to whole days; clearing the brush clears since/until.
    const brush = d3.brushX().extent([[margin.left, margin.top], [width - margin.right, height - margin.bottom]])
      .on("end", (e) => {
        if (!e.sourceEvent) return; // our own brush.move below
        if (!e.selection) {
          if (state.since || state.until) setState({ since: "", until: "" });
          return;
        }
        const [a, b] = e.selection.map((px) => x.invert(px));
        setState({ since: isoDay(d3.utcDay.floor(a)), until: isoDay(d3.utcDay.floor(new Date(+b - 1))) });
      });
    const brushG = svg.append("g").attr("class", "brush").call(brush);
    const since = parseDay(state.since);
    const until = parseDay(state.until);
    if (since || until) {
      const a = Math.max(margin.left, x(since || start));
      const b = Math.min(width - margin.right, x(until ? new Date(+until + DAY) : end));
      if (b > a) brushG.call(brush.move, [a, b]);
    }
    caption.textContent = `${events.length} dated events per ${unit}${undated ? ` · ${undated} undated not shown` : ""} · drag to select dates, click outside the selection to clear`;
  }

  return { render };
}
