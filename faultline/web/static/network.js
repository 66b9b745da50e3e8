// Actor network: the knowledge graph from /api/graph (who backs, leads, attacks, sanctions,
// deals with whom) laid out with d3-force. Nodes are coloured by kind, edges by predicate with
// an arrowhead towards the object. Clicking a node sets the `actor` filter to its entity id;
// with an actor set, only that entity's neighbourhood is asked for.
// The graph endpoint has no date or country filter, so those are applied here: an edge stays
// when its first/last-seen dates overlap since/until and, with a country filter, when one end
// belongs to one of the countries.

import * as api from "./api.js";
import { el, svgEl, clear, shorten } from "./dom.js";
import { kindColour, predicateColour } from "./colors.js";

const d3 = globalThis.d3;
const MAX_EDGES = 300; // beyond this the picture is unreadable; keep the best-attested edges

function keepEdge(edge, state, nodesById) {
  if (state.since && edge.last_seen && edge.last_seen < state.since) return false;
  if (state.until && edge.first_seen && edge.first_seen > state.until) return false;
  if (state.country.length) {
    const countries = [nodesById.get(edge.source), nodesById.get(edge.target)].map((n) => n && n.country);
    if (!countries.some((c) => state.country.includes(c))) return false;
  }
  return true;
}

function asList(value) {
  // The contract says lists; the CLI's node-link export uses "; "-joined / JSON strings.
  if (Array.isArray(value)) return value;
  if (typeof value !== "string" || !value) return [];
  try { const parsed = JSON.parse(value); if (Array.isArray(parsed)) return parsed; } catch { /* plain text */ }
  return value.split("; ").filter(Boolean);
}

function edgeTitle(e, label) {
  const lines = [`${label(e.source)} —${e.predicate}→ ${label(e.target)}`,
    `${e.articles || 0} article(s), seen ${e.first_seen || "?"} … ${e.last_seen || "?"}`];
  const stakes = asList(e.stakes);
  if (stakes.length) lines.push(`stakes: ${stakes.join("; ")}`);
  for (const ev of asList(e.evidence).slice(0, 2)) if (ev && ev.text) lines.push(`“${shorten(ev.text, 160)}”`);
  return lines.join("\n");
}

export function createNetwork(root, { setState, getState }) {
  const legend = document.getElementById("network-legend");
  const card = document.getElementById("network-entity");
  let simulation = null;

  async function render(state) {
    const graph = await api.get("graph", state.actor ? { entity: state.actor } : {});
    if (state !== getState()) return; // the filters changed while this was loading
    if (simulation) simulation.stop();
    const nodesById = new Map((graph.nodes || []).map((n) => [n.id, n]));
    let edges = (graph.edges || []).filter((e) => nodesById.has(e.source) && nodesById.has(e.target) && keepEdge(e, state, nodesById));
    edges.sort((a, b) => (b.articles || 0) - (a.articles || 0));
    const truncated = edges.length > MAX_EDGES;
    edges = edges.slice(0, MAX_EDGES).map((e) => ({ ...e }));
    const used = new Set(edges.flatMap((e) => [e.source, e.target]));
    if (state.actor && nodesById.has(state.actor)) used.add(state.actor);
    const nodes = [...used].map((id) => ({ ...nodesById.get(id) }));
    const degree = d3.rollup(edges.flatMap((e) => [e.source, e.target]), (v) => v.length, (id) => id);
    const radius = (n) => 5 + 2 * Math.sqrt(degree.get(n.id) || 0);
    const label = (ref) => { const n = typeof ref === "object" ? ref : nodesById.get(ref); return (n && (n.label || n.id)) || String(ref); };

    clear(root);
    const width = Math.max(300, root.clientWidth);
    const height = Math.max(240, root.clientHeight || 340);
    const svg = d3.select(root).append("svg").attr("viewBox", `0 0 ${width} ${height}`).attr("width", width).attr("height", height)
      .attr("role", "img").attr("aria-label", "Network of actors and their relations");
    renderCard(state);
    if (!nodes.length) {
      svg.append("text").attr("class", "empty").attr("x", width / 2).attr("y", height / 2).attr("text-anchor", "middle").text("No relations for these filters");
      renderLegend([], []);
      return;
    }

    // One arrowhead marker per predicate colour; ids are our own indices, never data.
    const predicates = [...new Set(edges.map((e) => e.predicate))].sort();
    const markerId = new Map(predicates.map((p, i) => [p, `arrow-${i}`]));
    svg.append("defs").selectAll("marker").data(predicates).join("marker")
      .attr("id", (p) => markerId.get(p)).attr("viewBox", "0 -4 8 8").attr("refX", 8).attr("refY", 0)
      .attr("markerWidth", 7).attr("markerHeight", 7).attr("orient", "auto")
      .append("path").attr("d", "M0,-4L8,0L0,4").attr("fill", (p) => predicateColour(p));

    // Several predicates between the same two nodes are drawn as separate arcs.
    const pairs = d3.group(edges, (e) => [e.source, e.target].sort().join("\u0000"));
    for (const list of pairs.values()) list.forEach((e, i) => { e.bend = list.length === 1 ? 0 : (i - (list.length - 1) / 2) * 0.35; });

    const g = svg.append("g").attr("class", "zoom-layer");
    const zoom = d3.zoom().scaleExtent([0.2, 6]).on("zoom", (e) => g.attr("transform", e.transform));
    svg.call(zoom).on("dblclick.zoom", null);

    const link = g.append("g").attr("class", "links").selectAll("g").data(edges).join("g").attr("class", "edge")
      .attr("data-predicate", (e) => e.predicate).attr("data-source", (e) => e.source).attr("data-target", (e) => e.target);
    const linkPath = link.append("path").attr("stroke", (e) => predicateColour(e.predicate))
      .attr("stroke-width", (e) => 1 + Math.min(3, Math.log2(1 + (e.articles || 1))))
      .attr("marker-end", (e) => `url(#${markerId.get(e.predicate)})`);
    link.append("title").text((e) => edgeTitle(e, label));
    const linkLabel = link.append("text").attr("class", "edge-label").attr("text-anchor", "middle").text((e) => e.predicate.replace(/_/g, " "));

    const node = g.append("g").attr("class", "nodes").selectAll("g").data(nodes, (n) => n.id).join("g")
      .attr("class", (n) => `node${n.id === state.actor ? " selected" : ""}`)
      .attr("data-entity-id", (n) => n.id).attr("data-kind", (n) => n.kind || "")
      .attr("tabindex", 0)
      .on("click", (e, n) => setState({ actor: n.id === state.actor ? "" : n.id }))
      .on("keydown", (e, n) => { if (e.key === "Enter") setState({ actor: n.id }); });
    node.append("circle").attr("r", radius).attr("fill", (n) => kindColour(n.kind));
    node.append("text").attr("class", "node-label").attr("x", (n) => radius(n) + 3).attr("y", 4).text((n) => shorten(n.label || n.id, 28));
    node.append("title").text((n) => `${n.label || n.id}\n${n.kind || "entity"}${n.country ? ` · ${n.country}` : ""}\nid ${n.id}\nclick to filter events by this actor`);

    simulation = d3.forceSimulation(nodes)
      // A small neighbourhood gets longer links so its labels and parallel arcs stay apart.
      .force("link", d3.forceLink(edges).id((n) => n.id).distance(nodes.length < 20 ? 110 : 60).strength(0.6))
      .force("charge", d3.forceManyBody().strength(nodes.length < 20 ? -400 : -180).distanceMax(300))
      .force("x", d3.forceX(width / 2).strength(0.08))
      .force("y", d3.forceY(height / 2).strength(0.12))
      .force("collide", d3.forceCollide((n) => radius(n) + 6))
      .stop();
    // Settle the layout before the first paint: a stable picture (and stable positions for tests).
    for (let i = 0; i < 300; i += 1) simulation.tick();

    function draw() {
      node.attr("transform", (n) => `translate(${n.x},${n.y})`);
      linkPath.attr("d", (e) => {
        const { source: s, target: t } = e;
        const dx = t.x - s.x;
        const dy = t.y - s.y;
        const sign = s.id < t.id ? 1 : -1; // same bend side whichever way the edge points
        const cx = (s.x + t.x) / 2 - dy * e.bend * sign;
        const cy = (s.y + t.y) / 2 + dx * e.bend * sign;
        // End the curve on the target's rim so the arrowhead is visible.
        const ex = t.x - cx;
        const ey = t.y - cy;
        const len = Math.hypot(ex, ey) || 1;
        const back = radius(t) + 2;
        e.mid = [0.25 * s.x + 0.5 * cx + 0.25 * t.x, 0.25 * s.y + 0.5 * cy + 0.25 * t.y];
        return `M${s.x},${s.y}Q${cx},${cy} ${t.x - (ex / len) * back},${t.y - (ey / len) * back}`;
      });
      linkLabel.attr("x", (e) => e.mid[0]).attr("y", (e) => e.mid[1] - 2);
    }
    draw();
    // Fit the settled layout (labels included, roughly) into the frame instead of clamping nodes.
    const x0 = d3.min(nodes, (n) => n.x - radius(n)) - 10;
    const x1 = d3.max(nodes, (n) => n.x + radius(n) + 6 * Math.min(28, (n.label || n.id).length)) + 10;
    const y0 = d3.min(nodes, (n) => n.y - radius(n)) - 14;
    const y1 = d3.max(nodes, (n) => n.y + radius(n)) + 14;
    const k = Math.min(1.5, width / (x1 - x0), height / (y1 - y0));
    svg.call(zoom.transform, d3.zoomIdentity.translate((width - k * (x0 + x1)) / 2, (height - k * (y0 + y1)) / 2).scale(k));
    simulation.on("tick", draw);
    node.call(d3.drag()
      .on("start", (e, n) => { if (!e.active) simulation.alphaTarget(0.2).restart(); n.fx = n.x; n.fy = n.y; })
      .on("drag", (e, n) => { n.fx = e.x; n.fy = e.y; })
      .on("end", (e, n) => { if (!e.active) simulation.alphaTarget(0); n.fx = null; n.fy = null; }));

    root.classList.toggle("many", edges.length > 20);
    renderLegend([...new Set(nodes.map((n) => n.kind || "entity"))].sort(), predicates, truncated);
  }

  function renderLegend(kinds, predicates, truncated) {
    clear(legend);
    for (const k of kinds) {
      legend.append(el("span", { class: "legend-item" }, svgEl("svg", { width: 12, height: 12, "aria-hidden": "true" },
        svgEl("circle", { cx: 6, cy: 6, r: 5, fill: kindColour(k) })), ` ${k}`));
    }
    for (const p of predicates) {
      legend.append(el("span", { class: "legend-item" }, svgEl("svg", { width: 18, height: 10, "aria-hidden": "true" },
        svgEl("line", { x1: 0, y1: 5, x2: 18, y2: 5, stroke: predicateColour(p), "stroke-width": 2 })), ` ${p.replace(/_/g, " ")}`));
    }
    if (truncated) legend.append(el("span", { class: "muted" }, ` (the ${MAX_EDGES} best-attested relations)`));
  }

  async function renderCard(state) {
    clear(card);
    if (!state.actor) {
      card.append(el("span", { class: "muted" }, "Click a node to filter every view by that actor."));
      return;
    }
    try {
      const { entity } = await api.get(`entities/${encodeURIComponent(state.actor)}`);
      const aliases = (entity.aliases || []).slice(0, 6).map((a) => (typeof a === "string" ? a : a.text)).filter(Boolean);
      card.append(el("strong", {}, entity.name || entity.id), ` · ${entity.kind || "entity"}${entity.country ? ` · ${entity.country}` : ""}`,
        aliases.length ? el("span", { class: "muted" }, ` · also: ${aliases.join(", ")}`) : "",
        " ", el("button", { type: "button", class: "link-button", on: { click: () => setState({ actor: "" }) } }, "clear actor"));
    } catch {
      card.append(el("span", {}, `Actor filter: ${state.actor} `),
        el("button", { type: "button", class: "link-button", on: { click: () => setState({ actor: "" }) } }, "clear"));
    }
  }

  return { render };
}
