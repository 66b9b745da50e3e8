import { test } from "node:test";
import assert from "node:assert/strict";
import {
  chosenPeriod, percent, shareLabel, shareCaption, driversOf, fmtValue, driverPlace, sparseTicks,
} from "../static/exposure.js";

const COD = { country: "COD", share: 0.742, year: 2024, source: "USGS Mineral Commodity Summaries 2025" };
const IDN = { country: "IDN", share: 0.0712, year: 2024, source: "USGS Mineral Commodity Summaries 2025" };
const RUS = { country: "RUS", share: 0.03, year: 2024, source: "USGS Mineral Commodity Summaries 2025" };
const AUS = { country: "AUS", share: 0.02, year: 2023, source: "USGS Mineral Commodity Summaries 2024" };

test("the period comes from the URL, month when missing or unknown", () => {
  assert.equal(chosenPeriod({ period: "quarter" }), "quarter");
  assert.equal(chosenPeriod({ period: "" }), "month");
  assert.equal(chosenPeriod({ period: "decade" }), "month");
  assert.equal(chosenPeriod({}), "month");
});

test("shares read as percentages that never round a producer to zero", () => {
  assert.equal(percent(0.742), "74%");
  assert.equal(percent(0.0712), "7.1%");
  assert.equal(percent(0.004), "0.4%");
  assert.equal(percent(0), "0%");
  assert.equal(percent("x"), "?");
});

test("share rows name their country and share, and cite their source and data year once", () => {
  assert.equal(shareLabel([COD]), "COD 74% of world mine production (USGS Mineral Commodity Summaries 2025, data 2024)");
  assert.equal(shareLabel([COD, IDN]), "COD 74%, IDN 7.1% of world mine production (USGS Mineral Commodity Summaries 2025, data 2024)");
});

test("the caption names the largest producers first, cites each source, counts the rest", () => {
  assert.equal(shareCaption([RUS, IDN, COD]),
    "Weighted by COD 74%, IDN 7.1%, RUS 3.0% of world mine production (USGS Mineral Commodity Summaries 2025, data 2024).");
  assert.equal(shareCaption([AUS, COD], 2),
    "Weighted by COD 74% of world mine production (USGS Mineral Commodity Summaries 2025, data 2024); "
    + "AUS 2.0% of world mine production (USGS Mineral Commodity Summaries 2024, data 2023).");
  assert.ok(shareCaption([RUS, AUS, IDN, COD]).endsWith("RUS 3.0% of world mine production (USGS Mineral Commodity Summaries 2025, data 2024); and 1 more producer."));
  assert.equal(shareCaption([]), "No production shares on record for this mineral.");
});

test("drivers of a period are that period's, largest contribution first", () => {
  const series = {
    drivers: [
      { event_id: "ev_a", period: "2024-05", contribution: 0.5, date: "2024-05-19" },
      { event_id: "ev_b", period: "2025-01", contribution: 1.2, date: "2025-01-27" },
      { event_id: "ev_c", period: "2024-05", contribution: 2.0, date: "2024-05-20" },
      { event_id: "ev_d", period: "2024-05", contribution: 0.5, date: "2024-05-02" },
    ],
  };
  assert.deepEqual(driversOf(series, "2024-05").map((d) => d.event_id), ["ev_c", "ev_d", "ev_a"]);
  assert.deepEqual(driversOf(series, "").map((d) => d.event_id), ["ev_c", "ev_b", "ev_d", "ev_a"]);
  assert.deepEqual(driversOf(series, "2023-01"), []);
  assert.deepEqual(driversOf(null, ""), []);
  assert.equal(series.drivers[0].event_id, "ev_a"); // the answer itself is left in order
});

test("values stay short without rounding a small contribution to zero", () => {
  assert.equal(fmtValue(0), "0");
  assert.equal(fmtValue(3.14159), "3.14");
  assert.equal(fmtValue(0.000123), "0.00012");
  assert.equal(fmtValue(undefined), "?");
});

test("a driver's place names each level once", () => {
  assert.equal(driverPlace({ place: "Kolwezi", admin1: "Lualaba", country: "COD" }), "Kolwezi, Lualaba, COD");
  assert.equal(driverPlace({ place: "Kinshasa", admin1: "Kinshasa", country: "COD" }), "Kinshasa, COD");
  assert.equal(driverPlace({ place: null, admin1: null, country: "COD" }), "COD");
  assert.equal(driverPlace({}), "—");
});

test("axis labels thin out as periods crowd", () => {
  const months = Array.from({ length: 24 }, (_, i) => `p${i}`);
  assert.deepEqual(sparseTicks(months, 2000), months);
  assert.deepEqual(sparseTicks(months, 480), months.filter((_, i) => i % 3 === 0));
  assert.deepEqual(sparseTicks(["2024"], 10), ["2024"]);
});
