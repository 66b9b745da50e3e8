// Shared colours, so the map, the timeline, the list and the legends agree.
// PLOVER types run from cooperation (greens/blues) through verbal conflict (purples/yellow) to
// material conflict (oranges/reds); 16 hand-picked colours stay distinguishable side by side.

export const PLOVER_TYPES = [
  "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
];

const TYPE_COLOURS = {
  AGREE: "#1b9e77", CONSULT: "#66c2a5", SUPPORT: "#4daf4a", CONCEDE: "#a6d854",
  COOPERATE: "#1f78b4", AID: "#80b1d3", RETREAT: "#8da0cb", REQUEST: "#bc80bd",
  ACCUSE: "#984ea3", REJECT: "#e78ac3", THREATEN: "#d4b000", PROTEST: "#fdb462",
  SANCTION: "#a65628", MOBILIZE: "#ff7f00", COERCE: "#e7298a", ASSAULT: "#e41a1c",
};

export function typeColour(type) {
  return TYPE_COLOURS[type] || "#888888";
}

const KIND_COLOURS = {
  state: "#1f78b4", government: "#6a3d9a", military: "#33a02c", police: "#b2df8a",
  rebel: "#e31a1c", militia: "#fb9a99", group: "#ff7f00", person: "#fdbf6f",
  igo: "#a6cee3", ngo: "#cab2d6", company: "#b15928", civilians: "#999999",
};

export function kindColour(kind) {
  return KIND_COLOURS[kind] || "#777777";
}

export const KINDS = Object.keys(KIND_COLOURS);

// Relation predicates get colours in order of first use (there are a dozen or so).
const PREDICATE_PALETTE = [
  "#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b",
  "#e377c2", "#17becf", "#bcbd22", "#7f7f7f", "#393b79", "#637939",
];
const predicateIndex = new Map();

export function predicateColour(predicate) {
  if (!predicateIndex.has(predicate)) predicateIndex.set(predicate, predicateIndex.size);
  return PREDICATE_PALETTE[predicateIndex.get(predicate) % PREDICATE_PALETTE.length];
}

/** The colour family of an evidence field ("counts.killed" → "counts"). */
export function fieldKind(field) {
  const head = String(field || "").split(".")[0];
  return ["event", "date", "location", "actors", "counts", "attribution", "minerals"].includes(head) ? head : "other";
}
