// Map of Africa. Countries come from world-atlas (Natural Earth, TopoJSON) served from
// node_modules at /vendor/, so nothing is fetched from outside. Only events located at point or
// city precision become circles: an event known only to the country, admin1 or region level is
// never drawn as a pin (that would invent a precision the article does not give) — it shades its
// country instead and is listed in the "not pinned" box beside the map.

import { getStatic } from "./api.js";
import { el, svgEl, clear, shorten, fmtNumber } from "./dom.js";
import { typeColour } from "./colors.js";

const d3 = globalThis.d3;
const topojson = globalThis.topojson;
const WORLD_URL = "/vendor/world-atlas/countries-50m.json";
const PINNED = new Set(["point", "city"]);
// Africa with Madagascar, Cabo Verde and the Seychelles; the rest of the world is drawn too
// but clipped by the frame.
const AFRICA = { type: "Feature", geometry: { type: "MultiPoint", coordinates: [[-18, -35.5], [56, 37.8]] } };

let worldPromise = null;
function loadWorld() {
  if (!worldPromise) {
    worldPromise = getStatic(WORLD_URL).then((topo) => topojson.feature(topo, topo.objects.countries).features);
    worldPromise.catch(() => { worldPromise = null; });
  }
  return worldPromise;
}

export function isPinned(event) {
  const loc = event.location;
  return Boolean(loc && PINNED.has(loc.precision) && Number.isFinite(loc.lat) && Number.isFinite(loc.lon));
}

function placeLabel(loc) {
  if (!loc) return "no place";
  const name = loc.name || loc.text || "";
  return [name, loc.country && loc.country !== name ? loc.country : ""].filter(Boolean).join(", ");
}

function pointTitle(ev) {
  const k = ev.counts && ev.counts.killed;
  return [
    `${ev.event_type} · ${(ev.date && ev.date.start) || "undated"} · ${placeLabel(ev.location)}`,
    ev.location ? `located at ${ev.location.precision} precision` : "",
    k !== null && k !== undefined ? `killed: ${fmtNumber(k)}` : "",
    shorten(ev.summary, 200),
  ].filter(Boolean).join("\n");
}

function haversineKm(lat1, lon1, lat2, lon2) {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2
    + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 12742 * Math.asin(Math.sqrt(a));
}

export function createMap(root, { getMeta, setState, getState }) {
  const legend = document.getElementById("map-legend");
  const notPinned = document.getElementById("not-pinned");
  const note = document.getElementById("map-note");
  let transform = d3.zoomIdentity; // kept across re-renders so a zoom survives a filter change

  async function render(data, state) {
    const features = await loadWorld();
    const meta = getMeta();
    const byNumeric = new Map();
    for (const [iso3, c] of Object.entries(meta.countries || {})) {
      // world-atlas ids are zero-padded ISO 3166 numeric strings ("024" is Angola).
      if (c && /^\d{1,3}$/.test(String(c.numeric ?? ""))) byNumeric.set(String(c.numeric).padStart(3, "0"), iso3);
    }
    const countryName = (iso3) => (meta.countries && meta.countries[iso3] && meta.countries[iso3].name) || iso3;

    const width = Math.max(320, root.clientWidth);
    const height = Math.max(320, root.clientHeight || Math.round(width * 0.95));
    const projection = d3.geoMercator().fitExtent([[6, 6], [width - 6, height - 6]], AFRICA);
    const path = d3.geoPath(projection);

    const events = data.events || [];
    const pins = [];
    const groups = { country: [], outside: [], none: [] };
    const shade = new Map(); // iso3 → events not pinned there
    for (const ev of events) {
      if (isPinned(ev)) {
        const xy = projection([ev.location.lon, ev.location.lat]);
        if (xy && xy[0] >= 0 && xy[0] <= width && xy[1] >= 0 && xy[1] <= height) pins.push({ ev, x: xy[0], y: xy[1] });
        else groups.outside.push(ev);
      } else if (ev.location) {
        groups.country.push(ev);
        if (ev.location.country) shade.set(ev.location.country, (shade.get(ev.location.country) || 0) + 1);
      } else groups.none.push(ev);
    }

    const selected = new Set(state.country);
    const near = /^(-?[\d.]+),(-?[\d.]+)$/.exec(state.near || "");
    const nearKm = Number(state.km) || 25;
    const dimmed = (ev) => {
      if (selected.size && !selected.has(ev.location && ev.location.country)) return true;
      if (near) return haversineKm(+near[1], +near[2], ev.location.lat, ev.location.lon) > nearKm;
      return false;
    };

    const maxShade = d3.max([...shade.values()]) || 1;
    // A sandy ramp, distinct from the type colours of the pins drawn on top of it.
    const shadeColour = d3.scaleSequentialSqrt([0, maxShade], d3.interpolateRgb("#e9dcc3", "#9c7a4c"));
    const maxKilled = d3.max(pins, (p) => p.ev.counts && p.ev.counts.killed) || 1;
    const radius = d3.scaleSqrt([0, maxKilled], [0, 18]);
    const r = (ev) => Math.max(3.5, radius((ev.counts && ev.counts.killed) || 0));

    let svg = d3.select(root).select("svg");
    if (svg.empty()) {
      svg = d3.select(root).append("svg").attr("role", "img").attr("aria-label", "Map of Africa with the filtered events");
      svg.append("rect").attr("class", "sea");
      const g = svg.append("g").attr("class", "zoom-layer");
      g.append("g").attr("class", "countries");
      g.append("g").attr("class", "points");
      const zoom = d3.zoom().scaleExtent([1, 16]).on("zoom", (e) => {
        transform = e.transform;
        g.attr("transform", transform);
        // Keep circles and borders the same size on screen while zooming.
        g.selectAll("circle.event-point").attr("r", (p) => r(p.ev) / transform.k).attr("stroke-width", 1 / transform.k);
        g.selectAll("path.country").attr("stroke-width", 0.5 / transform.k);
      });
      svg.call(zoom).on("dblclick.zoom", null);
    }
    svg.attr("viewBox", `0 0 ${width} ${height}`).attr("width", width).attr("height", height);
    svg.select("rect.sea").attr("width", width).attr("height", height);
    const layer = svg.select("g.zoom-layer").attr("transform", transform);

    layer.select("g.countries").selectAll("path.country")
      .data(features, (f) => f.id || f.properties.name)
      .join("path")
      .attr("class", (f) => {
        const iso3 = byNumeric.get(f.id);
        return ["country", shade.has(iso3) ? "shaded" : "", selected.has(iso3) ? "selected" : "", iso3 ? "known" : ""].filter(Boolean).join(" ");
      })
      .attr("d", path)
      .attr("data-numeric", (f) => f.id || null)
      .attr("data-iso3", (f) => byNumeric.get(f.id) || null)
      .attr("data-count", (f) => shade.get(byNumeric.get(f.id)) || null)
      .attr("fill", (f) => (shade.has(byNumeric.get(f.id)) ? shadeColour(shade.get(byNumeric.get(f.id))) : null))
      .attr("stroke-width", 0.5 / transform.k)
      .on("click", (e, f) => {
        const iso3 = byNumeric.get(f.id);
        if (!iso3) return;
        const current = getState().country;
        setState({ country: current.length === 1 && current[0] === iso3 ? [] : [iso3] });
      })
      .selectAll("title").data((f) => [f]).join("title")
      .text((f) => {
        const iso3 = byNumeric.get(f.id);
        const n = shade.get(iso3) || 0;
        const name = iso3 ? countryName(iso3) : f.properties.name;
        return `${name}${n ? `\n${n} event${n > 1 ? "s" : ""} located only to country or region level` : ""}${iso3 ? "\nclick to filter by this country" : ""}`;
      });

    // Biggest circles first so small ones stay clickable on top.
    pins.sort((a, b) => r(b.ev) - r(a.ev));
    layer.select("g.points").selectAll("circle.event-point")
      .data(pins, (p) => p.ev.id)
      .join("circle")
      .attr("class", (p) => `event-point${dimmed(p.ev) ? " dimmed" : ""}`)
      .attr("data-event-id", (p) => p.ev.id)
      .attr("data-type", (p) => p.ev.event_type)
      .attr("cx", (p) => p.x)
      .attr("cy", (p) => p.y)
      .attr("r", (p) => r(p.ev) / transform.k)
      .attr("stroke-width", 1 / transform.k)
      .attr("fill", (p) => typeColour(p.ev.event_type))
      .on("click", (e, p) => {
        e.stopPropagation();
        // Filter to the events at this place (a small radius catches the same city's other pins).
        setState({ near: `${p.ev.location.lat.toFixed(4)},${p.ev.location.lon.toFixed(4)}`, km: "10" });
      })
      .selectAll("title").data((p) => [p]).join("title").text((p) => pointTitle(p.ev));

    renderLegend(events, pins, maxKilled);
    renderNotPinned(groups, countryName);
    note.textContent = data.total > events.length
      ? `Showing ${events.length} of ${data.total} events (the API's largest page).`
      : `${pins.length} pinned · ${groups.country.length} country/region-level · ${groups.outside.length} outside the map · ${groups.none.length} without a place. Scroll to zoom, drag to pan.`;
  }

  function renderLegend(events, pins, maxKilled) {
    clear(legend);
    const counts = d3.rollup(events, (v) => v.length, (e) => e.event_type);
    const types = [...counts.keys()].sort((a, b) => counts.get(b) - counts.get(a));
    for (const t of types) {
      legend.append(el("span", { class: "legend-item", dataset: { type: t } },
        svgEl("svg", { width: 12, height: 12, "aria-hidden": "true" }, svgEl("circle", { cx: 6, cy: 6, r: 5, fill: typeColour(t) })),
        ` ${t} (${counts.get(t)})`));
    }
    if (pins.length) {
      legend.append(el("span", { class: "legend-item legend-size" },
        `circle area ∝ killed (largest ${fmtNumber(maxKilled)}); `,
        el("span", { class: "legend-shade" }), " country shaded by events not pinned"));
    }
  }

  function renderNotPinned(groups, countryName) {
    clear(notPinned);
    const sections = [
      ["country", "Country / region level only", "Shaded on the map, never pinned: the article gives no finer place."],
      ["outside", "Outside the map", "Located events outside Africa's frame."],
      ["none", "No place", "The article names no place for these events."],
    ];
    notPinned.append(el("h3", {}, "Not pinned"));
    for (const [key, label, help] of sections) {
      const list = groups[key];
      if (!list.length) continue;
      const ul = el("ul", { class: "not-pinned-list", dataset: { group: key } });
      for (const ev of list.slice(0, 300)) {
        const loc = ev.location;
        const name = loc && (loc.name || loc.text || "");
        const country = loc && loc.country ? countryName(loc.country) : "";
        const where = loc ? `${name}${country && !name.includes(country) ? ` (${country})` : ""} · ${loc.precision}` : "—";
        ul.append(el("li", { dataset: { eventId: ev.id }, tabindex: 0, title: shorten(ev.summary, 300), on: {
          click: () => setState({ event: ev.id }),
          keydown: (e) => { if (e.key === "Enter") setState({ event: ev.id }); },
        } },
        el("span", { class: "type-dot", dataset: { type: ev.event_type } }, svgEl("svg", { width: 10, height: 10, "aria-hidden": "true" }, svgEl("circle", { cx: 5, cy: 5, r: 4, fill: typeColour(ev.event_type) }))),
        el("span", { class: "np-date" }, (ev.date && ev.date.start) || "undated"), " ",
        el("span", { class: "np-type" }, ev.event_type), " ",
        el("span", { class: "np-where" }, where)));
      }
      notPinned.append(el("details", { open: key === "country" ? true : undefined },
        el("summary", { title: help }, `${label} (${list.length})`), ul));
    }
    if (!notPinned.querySelector("details")) notPinned.append(el("p", { class: "muted" }, "Every event shown is pinned."));
  }

  return { render };
}
