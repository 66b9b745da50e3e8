// Paste an article: POST /api/articles runs the whole pipeline on the text and stores it; the
// events it found are listed here and, once the cached data is dropped, appear in every view.

import * as api from "./api.js";
import { el, svgEl, clear, shorten } from "./dom.js";
import { typeColour } from "./colors.js";

export function createPaste(root, { setState, onStored }) {
  const form = document.getElementById("paste-form");
  const text = document.getElementById("paste-text");
  const title = document.getElementById("paste-title");
  const published = document.getElementById("paste-published");
  const submit = document.getElementById("paste-submit");
  const result = document.getElementById("paste-result");

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const payload = { text: text.value };
    if (!payload.text.trim()) {
      clear(result).append(el("p", { class: "error" }, "Paste the article's text first."));
      return;
    }
    if (title.value.trim()) payload.title = title.value.trim();
    if (published.value) payload.published = published.value;
    submit.disabled = true;
    result.dataset.state = "running";
    clear(result).append(el("p", { class: "muted" }, "Extracting events… (the pipeline can take a few seconds)"));
    try {
      const data = await api.post("articles", payload);
      const events = data.events || [];
      const article = data.article || {};
      clear(result).append(
        el("p", { class: "paste-status", dataset: { status: data.status || "" } },
          `${data.status || "stored"}: ${article.title || "(untitled)"} · ${article.id || ""} · ${events.length} event${events.length === 1 ? "" : "s"}`),
        el("ul", { class: "paste-events" }, events.map((ev) => el("li", { dataset: { eventId: ev.id }, tabindex: 0,
          on: { click: () => setState({ event: ev.id }), keydown: (k) => { if (k.key === "Enter") setState({ event: ev.id }); } } },
        svgEl("svg", { width: 10, height: 10, "aria-hidden": "true" }, svgEl("circle", { cx: 5, cy: 5, r: 4.5, fill: typeColour(ev.event_type) })),
        ` ${ev.event_type} · ${(ev.date && ev.date.start) || "undated"} · ${(ev.location && (ev.location.name || ev.location.text)) || "no place"} — ${shorten(ev.summary, 120)}`))));
      result.dataset.state = "done";
      await onStored(data);
    } catch (exc) {
      result.dataset.state = "error";
      const details = (exc.errors || []).filter((m) => m && m !== exc.message).map((m) => el("li", {}, typeof m === "string" ? m : JSON.stringify(m)));
      clear(result).append(el("p", { class: "error" }, `Not stored: ${exc.message}`), details.length ? el("ul", {}, details) : "");
    } finally {
      submit.disabled = false;
    }
  });
  return {};
}
