// inflow dashboard: fills the server's pages from its JSON API.
// No build step: plain ES2017 that runs as served. Charts use uPlot (MIT),
// loaded before this file. After a chart is drawn its container gets a
// `data-points` attribute with the number of points drawn (the browser tests
// read it).
"use strict";

(function () {
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"];
  const ABBR = MONTHS.map((m) => m.slice(0, 3));
  const COLORS = {
    line: "#0b5394", record: "#b45309", grid: "#d0d7de", text: "#1f2328",
    years: ["#0b5394", "#6e7781", "#8250df", "#1a7f37", "#bf3989"],
    band80: "rgba(11,83,148,0.30)", band95: "rgba(11,83,148,0.13)", target: "#cf222e",
  };

  const $ = (sel) => document.querySelector(sel);
  const el = (tag, attrs, ...kids) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "text") e.textContent = v;
      else if (k === "class") e.className = v;
      else e.setAttribute(k, v === true ? "" : v);
    }
    for (const kid of kids) if (kid !== null && kid !== undefined) e.append(kid);
    return e;
  };

  // --- formatting -----------------------------------------------------------
  const fmt = (v, digits) => v === null || v === undefined ? "–" :
    v.toLocaleString("en-US", { maximumFractionDigits: digits === undefined ? 1 : digits });
  // An amount in a card or a sentence: whole units from a thousand up and one
  // decimal below, so that a sum of figures published to the thousandth
  // ("4,661.491") does not sit beside one-decimal averages and changes.
  const amount = (v) => v === null || v === undefined ? "–" : fmt(v, Math.abs(v) >= 1000 ? 0 : 1);
  // Exactly one decimal, as `inflow project` prints a projection, so that a
  // total and its interval bounds line up ("4,559.0", not "4,559").
  const dec1 = (v) => v === null || v === undefined ? "–" :
    v.toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const plural = (n, word) => n + " " + word + (n === 1 ? "" : "s");
  const signed = (v, digits) => v === null || v === undefined ? "–" :
    (v > 0 ? "+" : v < 0 ? "−" : "") + fmt(Math.abs(v), digits);
  // Exactly `digits` decimals, so that a column of changes lines up ("+18.0").
  const fixed = (v, digits) => v === null || v === undefined ? "–" :
    (v > 0 ? "+" : v < 0 ? "−" : "") + Math.abs(v).toLocaleString("en-US",
      { minimumFractionDigits: digits, maximumFractionDigits: digits });
  // A probability as inflow's text output shows it: never a rounded 100% or 0%.
  const chance = (p) => p > 0.999 && p < 1 ? ">99.9%" : p < 0.001 && p > 0 ? "<0.1%" :
    fmt(p * 100, 1) + "%";
  const pct = (v) => v === null || v === undefined ? "–" : fixed(v, 1) + "%";
  const ym = (s) => { const [y, m] = s.split("-").map(Number); return { y, m }; };
  const longMonth = (s) => { const { y, m } = ym(s); return MONTHS[m - 1] + " " + y; };
  const shortMonth = (s) => { const { y, m } = ym(s); return ABBR[m - 1] + " " + y; };
  const monthTs = (s) => { const { y, m } = ym(s); return Date.UTC(y, m - 1, 1) / 1000; };

  // --- API ------------------------------------------------------------------
  async function api(path, options) {
    const res = await fetch(path, options);
    let body = null;
    try { body = await res.json(); } catch (_) { /* not JSON */ }
    if (!res.ok) {
      const msg = body && body.error ? body.error.message : res.status + " " + res.statusText;
      const err = new Error(msg);
      err.status = res.status;
      throw err;
    }
    return body;
  }
  const query = (params) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== "" && v !== null && v !== undefined) q.set(k, v);
    const s = q.toString();
    return s ? "?" + s : "";
  };
  function showError(msg) {
    const box = $("#error");
    box.replaceChildren(msg ? el("p", { text: msg }) : "");
  }
  function status(msg) { $("#status").textContent = msg || ""; }

  async function fillSeries(select, wanted) {
    const list = await api("/api/series");
    select.replaceChildren(...list.map((s) =>
      el("option", { value: s.key, selected: s.key === wanted, text: s.key + " — " + s.title })));
    if (!list.some((s) => s.key === wanted) && list.length) select.value = list[0].key;
    return list;
  }

  // --- charts ---------------------------------------------------------------
  const charts = [];
  function chartWidth(box) { return Math.max(260, Math.floor(box.getBoundingClientRect().width)); }
  function chartHeight(box) { return Math.round(Math.min(340, Math.max(240, chartWidth(box) * 0.45))); }
  function countPoints(data) {
    let n = 0;
    for (let i = 1; i < data.length; i++) for (const v of data[i]) if (v !== null && v !== undefined) n++;
    return n;
  }
  function plot(box, opts, data, label) {
    box.replaceChildren();
    box.setAttribute("role", "img");
    box.setAttribute("aria-label", label);
    const n = countPoints(data);
    opts.width = chartWidth(box);
    opts.height = chartHeight(box);
    opts.hooks = { draw: [() => { box.dataset.points = String(n); }] };
    for (let i = charts.length - 1; i >= 0; i--) {
      if (charts[i].box === box) { if (charts[i].u.destroy) charts[i].u.destroy(); charts.splice(i, 1); }
    }
    const u = new uPlot(opts, data, box);
    charts.push({ box, u });
    return u;
  }
  let resizeTimer = null;
  window.addEventListener("resize", () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => {
      for (const c of charts) if (c.box.isConnected) c.u.setSize({ width: chartWidth(c.box), height: chartHeight(c.box) });
    }, 150);
  });
  const axis = (extra) => Object.assign({
    stroke: COLORS.text, grid: { stroke: COLORS.grid, width: 1 }, ticks: { stroke: COLORS.grid },
    font: (window.innerWidth < 480 ? "11px" : "12px") + " system-ui, sans-serif",
  }, extra);

  // A table whose rows become labelled blocks on a phone (class "stack"):
  // every cell carries its column's name in data-label.
  function table(caption, headers, rows) {
    return el("table", { class: "stack" },
      el("caption", { text: caption }),
      el("thead", {}, el("tr", {}, ...headers.map((h, i) => el("th", { scope: "col", class: i ? "num" : null, text: h })))),
      el("tbody", {}, ...rows.map((r) => el("tr", {}, ...r.map((c, i) => el(i ? "td" : "th",
        i ? { class: "num", "data-label": headers[i] } : { scope: "row" }, c))))));
  }
  function dataTable(caption, headers, rows) {
    return el("details", { class: "data" }, el("summary", { text: "Show the numbers as a table" }),
      el("div", { class: "table-wrap" }, table(caption, headers, rows)));
  }
  // A legend of its own (uPlot's live legend shows placeholders until the
  // pointer is over the chart): each entry a swatch and a name.
  function legend(box, items) {
    const fig = box.closest("figure");
    const old = fig.querySelector("ul.chart-legend");
    if (old) old.remove();
    const NS = "http://www.w3.org/2000/svg";
    const line = (it) => {
      const svg = document.createElementNS(NS, "svg");
      svg.setAttribute("width", "28"); svg.setAttribute("height", "10"); svg.setAttribute("aria-hidden", "true");
      const l = document.createElementNS(NS, "line");
      for (const [k, v] of Object.entries({ x1: 0, x2: 28, y1: 5, y2: 5, stroke: it.color,
        "stroke-width": it.kind === "bold" ? 4 : 2 })) l.setAttribute(k, v);
      if (it.dash) l.setAttribute("stroke-dasharray", it.dash.join(" "));
      svg.append(l);
      return svg;
    };
    const ul = el("ul", { class: "chart-legend" }, ...items.map((it) => el("li", {},
      it.kind === "band" || it.kind === "dot" || it.kind === "ring"
        ? el("span", { class: "swatch " + it.kind, style: "--c:" + it.color, "aria-hidden": "true" }) : line(it),
      it.label)));
    box.after(ul);
  }
  function attachTable(box, table) {
    const fig = box.closest("figure");
    const old = fig.querySelector("details.data");
    if (old) old.remove();
    fig.append(table);
  }

  // Every month from the first to the last, so a month without a value is
  // a break in the line rather than a straight line across it.
  function allMonths(rows) {
    const byMonth = new Map(rows.map((r) => [r.month, r]));
    const out = [];
    let { y, m } = ym(rows[0].month);
    const last = rows[rows.length - 1].month;
    for (;;) {
      const key = y + "-" + String(m).padStart(2, "0");
      out.push(byMonth.get(key) || { month: key, value: null, all_time_high: false });
      if (key >= last) break;
      m += 1; if (m > 12) { m = 1; y += 1; }
    }
    return out;
  }

  function monthlyChart(box, obs, through) {
    const upto = obs.observations.filter((r) => !through || r.month <= through);
    const rows = allMonths(upto);
    const xs = rows.map((r) => monthTs(r.month));
    const vals = rows.map((r) => r.value);
    const recs = rows.map((r) => (r.all_time_high ? r.value : null));
    const known = rows.filter((r) => r.value !== null);
    const last = known[known.length - 1];
    const chosen = rows.map((r) => (r.month === last.month ? r.value : null));
    const label = "Line chart of " + obs.series + " monthly values, " + obs.unit + ", from " +
      shortMonth(rows[0].month) + " to " + shortMonth(last.month) + "; latest " + fmt(last.value) +
      "; " + recs.filter((v) => v !== null).length + " all-time highs marked.";
    plot(box, {
      series: [
        { label: "Month", value: (u, v) => v === null ? "–" : shortMonth(new Date(v * 1000).toISOString().slice(0, 7)) },
        { label: obs.unit, stroke: COLORS.line, width: 2, spanGaps: false, points: { show: false },
          value: (u, v) => fmt(v) },
        { label: "All-time high", stroke: COLORS.record, fill: COLORS.record, width: 0,
          paths: () => null, points: { show: true, size: 8, fill: COLORS.record, stroke: COLORS.record },
          value: (u, v) => fmt(v) },
        { label: shortMonth(last.month), stroke: COLORS.text, width: 0, paths: () => null,
          points: { show: true, size: 14, width: 2, fill: "rgba(0,0,0,0)", stroke: COLORS.text }, value: (u, v) => fmt(v) },
      ],
      legend: { show: false },
      scales: { x: { time: true }, y: { range: (u, lo, hi) => [lo - (hi - lo) * 0.04, hi + (hi - lo) * 0.08] } },
      axes: [axis({}), axis({ size: 56, values: (u, vs) => vs.map((v) => fmt(v, 0)) })],
    }, [xs, vals, recs, chosen], label);
    box.dataset.through = last.month;
    legend(box, [
      { label: obs.unit + ", by month", color: COLORS.line },
      { label: "All-time high", color: COLORS.record, kind: "dot" },
      { label: longMonth(last.month) + ": " + fmt(last.value), color: COLORS.text, kind: "ring" },
    ]);
    attachTable(box, dataTable("Monthly values, " + obs.unit, ["Month", "Value", "All-time high"],
      rows.slice().reverse().map((r) => [shortMonth(r.month), fmt(r.value), r.all_time_high ? "yes" : ""])));
  }

  // Cumulative totals by position in the fiscal year; a gap ends the line.
  // `through`: the month shown in the headline; its fiscal year is the
  // current one, compared with the three before it.
  function fiscalChart(box, obs, startMonth, through) {
    const byFy = new Map();
    for (const r of obs.observations) {
      if (through && r.month > through) continue;
      const { m } = ym(r.month);
      const pos = ((m - startMonth + 12) % 12);
      if (!byFy.has(r.fiscal_year)) byFy.set(r.fiscal_year, new Array(12).fill(undefined));
      byFy.get(r.fiscal_year)[pos] = r.value;
    }
    const years = [...byFy.keys()].sort().slice(-4);
    const cum = years.map((fy) => {
      let total = 0, broken = false;
      return byFy.get(fy).map((v) => {
        if (broken || v === undefined || v === null) { broken = true; return null; }
        total += v; return total;
      });
    });
    // A running total needs every month from the start of the year; an
    // empty grid would look like a drawing that failed.
    if (cum.every((c) => c.every((v) => v === null))) {
      box.replaceChildren(el("p", { class: "help", text: "No running total to draw: " +
        (years.length ? years.join(", ") + (years.length === 1 ? " lacks" : " each lack") + " a value for the first month of the fiscal year." : "no values.") }));
      box.classList.add("empty");
      box.dataset.through = through || "";
      return { years, cum };
    }
    box.classList.remove("empty");
    const xs = Array.from({ length: 12 }, (_, i) => i + 1);
    const names = xs.map((i) => ABBR[(startMonth - 1 + i - 1) % 12]);
    const series = [{ label: "Month of the fiscal year", value: (u, v) => v === null ? "–" : names[v - 1] }];
    years.forEach((fy, i) => {
      const idx = years.length - 1 - i;
      series.push({ label: fy, stroke: COLORS.years[idx % COLORS.years.length],
        width: idx === 0 ? 3 : 1.5, dash: idx === 0 ? undefined : [idx * 3, 3],
        points: { show: idx === 0, size: 5 }, value: (u, v) => fmt(v, 0) });
    });
    const cur = years[years.length - 1];
    const curCum = cum[cum.length - 1].filter((v) => v !== null);
    const label = "Cumulative fiscal-year totals for " + years.join(", ") + "; " + cur + " so far " +
      fmt(curCum[curCum.length - 1], 0) + " after " + curCum.length + " months.";
    plot(box, {
      scales: { x: { time: false, range: [0.7, 12.3] } },
      legend: { show: false },
      series,
      axes: [axis({ splits: () => xs, values: (u, vs) => vs.map((v) => (chartWidth(box) < 480 && v % 2 === 0) ? "" : names[v - 1] || "") }),
        axis({ size: 56, values: (u, vs) => vs.map((v) => fmt(v, 0)) })],
    }, [xs, ...cum], label);
    attachTable(box, dataTable("Cumulative totals, " + obs.unit, ["Month", ...years],
      xs.map((x, i) => [names[i], ...cum.map((c) => fmt(c[i], 0))])));
    box.dataset.through = through || "";
    legend(box, years.slice().reverse().map((fy, idx) => {
      const c = cum[years.length - 1 - idx].filter((v) => v !== null);
      return { label: fy + (c.length ? ": " + fmt(c[c.length - 1], 0) + " after " + c.length + (c.length === 1 ? " month" : " months") : ""),
        color: COLORS.years[idx % COLORS.years.length], dash: idx > 0 ? [idx * 3, 3] : null, kind: idx === 0 ? "bold" : null };
    }));
    return { years, cum };
  }

  function fanChart(box, p) {
    const ms = p.months;
    const xs = ms.map((m) => monthTs(m.month));
    const actual = ms.map((m) => m.actual);
    const point = ms.map((m) => m.point);
    const lo80 = ms.map((m) => m.lo_80), hi80 = ms.map((m) => m.hi_80);
    const lo95 = ms.map((m) => m.lo_95), hi95 = ms.map((m) => m.hi_95);
    // Start the fan at the last known month so it opens from the data.
    let lastKnown = -1;
    ms.forEach((m, i) => { if (m.actual !== null) lastKnown = i; });
    if (lastKnown >= 0 && lastKnown < ms.length - 1) {
      const v = actual[lastKnown];
      point[lastKnown] = v; lo80[lastKnown] = v; hi80[lastKnown] = v; lo95[lastKnown] = v; hi95[lastKnown] = v;
    }
    const label = "Fan chart of " + p.fiscal_year + ": " + p.months_known + " months known, the rest forecast by " +
      p.model + " with 80% and 95% intervals.";
    const band = (lbl, stroke) => ({ label: lbl, stroke, width: 1, points: { show: false }, value: (u, v) => fmt(v, 0) });
    plot(box, {
      scales: { x: { time: true } },
      series: [
        { label: "Month", value: (u, v) => v === null ? "–" : shortMonth(new Date(v * 1000).toISOString().slice(0, 7)) },
        { label: "Actual", stroke: COLORS.line, width: 2.5, points: { show: true, size: 5 }, value: (u, v) => fmt(v, 0) },
        { label: "Forecast", stroke: COLORS.line, width: 2, dash: [6, 4], points: { show: false }, value: (u, v) => fmt(v, 0) },
        band("95% low", COLORS.band95), band("95% high", COLORS.band95),
        band("80% low", COLORS.band80), band("80% high", COLORS.band80),
      ],
      bands: [{ series: [4, 3], fill: COLORS.band95 }, { series: [6, 5], fill: COLORS.band80 }],
      legend: { show: false },
      axes: [axis({}), axis({ size: 56, values: (u, vs) => vs.map((v) => fmt(v, 0)) })],
    }, [xs, actual, point, lo95, hi95, lo80, hi80], label);
    box.dataset.fy = p.fiscal_year;
    legend(box, [
      { label: "Actual", color: COLORS.line, kind: "bold" },
      { label: "Forecast (" + p.model + ")", color: COLORS.line, dash: [6, 4] },
      { label: "80% interval", color: COLORS.band80, kind: "band" },
      { label: "95% interval", color: COLORS.band95, kind: "band" },
    ]);
    attachTable(box, dataTable(p.fiscal_year + " by month, " + p.unit, ["Month", "Actual", "Forecast", "80% interval", "95% interval"],
      ms.map((m) => [shortMonth(m.month), fmt(m.actual, 0), fmt(m.point, 1),
        m.lo_80 === null ? "" : fmt(m.lo_80, 0) + " to " + fmt(m.hi_80, 0),
        m.lo_95 === null ? "" : fmt(m.lo_95, 0) + " to " + fmt(m.hi_95, 0)])));
  }

  // The projected total as an interval strip, drawn as SVG.
  function drawTotal(box, p) {
    const NS = "http://www.w3.org/2000/svg";
    const s = (tag, attrs, text) => {
      const e = document.createElementNS(NS, tag);
      for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
      if (text !== undefined) e.textContent = text;
      return e;
    };
    const [lo95, hi95] = p.intervals["95"] || [p.point, p.point];
    const [lo80, hi80] = p.intervals["80"] || [p.point, p.point];
    const vals = [lo95, hi95, p.point].concat(p.target !== null ? [p.target] : []);
    let min = Math.min(...vals), max = Math.max(...vals);
    const pad = (max - min) * 0.12 || 10;
    min -= pad; max += pad;
    const W = chartWidth(box), H = 96, L = 12, R = 12;
    const x = (v) => L + (v - min) / (max - min) * (W - L - R);
    const svg = s("svg", { width: W, height: H, viewBox: "0 0 " + W + " " + H, role: "img",
      "aria-label": "Projected " + p.fiscal_year + " total " + fmt(p.point, 0) + "; 80% interval " + fmt(lo80, 0) +
        " to " + fmt(hi80, 0) + "; 95% interval " + fmt(lo95, 0) + " to " + fmt(hi95, 0) +
        (p.target !== null ? "; target " + fmt(p.target, 2) : "") });
    svg.append(s("rect", { x: x(lo95), y: 30, width: Math.max(1, x(hi95) - x(lo95)), height: 26, fill: COLORS.band95 }));
    svg.append(s("rect", { x: x(lo80), y: 30, width: Math.max(1, x(hi80) - x(lo80)), height: 26, fill: COLORS.band80 }));
    svg.append(s("line", { x1: x(p.point), x2: x(p.point), y1: 26, y2: 60, stroke: COLORS.line, "stroke-width": 3 }));
    svg.append(s("text", { x: x(p.point), y: 18, "text-anchor": "middle", fill: COLORS.text, "font-size": 13, "font-weight": 600 }, fmt(p.point, 0)));
    const tick = (v) => svg.append(s("text", { x: Math.min(W - R, Math.max(L, x(v))), y: 76, "text-anchor": "middle", fill: COLORS.text, "font-size": 11 }, fmt(v, 0)));
    tick(lo95); tick(hi95);
    if (p.target !== null) {
      svg.append(s("line", { x1: x(p.target), x2: x(p.target), y1: 22, y2: 66, stroke: COLORS.target, "stroke-width": 2, "stroke-dasharray": "5 3" }));
      svg.append(s("text", { x: Math.min(W - R, Math.max(L, x(p.target))), y: 92, "text-anchor": "middle", fill: COLORS.target, "font-size": 12 }, "target " + fmt(p.target, 2)));
    }
    box.replaceChildren(svg);
    box.dataset.points = "1";
  }
  function totalChart(box, p) {
    drawTotal(box, p);
    // Redrawn on resize; registered once per drawing of the overview.
    for (let i = charts.length - 1; i >= 0; i--) if (charts[i].box === box) charts.splice(i, 1);
    charts.push({ box, u: { setSize: () => drawTotal(box, p) } });
  }

  // --- overview -------------------------------------------------------------
  function card(title, value, detail, extraClass) {
    return el("div", { class: "card" + (extraClass ? " " + extraClass : "") },
      el("h3", { text: title }), el("p", { class: "value", text: value }), detail ? el("p", { class: "detail" }, detail) : null);
  }
  function renderHeadline(h) {
    const sec = $("#headline");
    const f = h.fytd, r = h.rolling_12m, rec = h.record;
    const src = h.source_url ? el("a", { href: h.source_url, rel: "noopener", text: "source" }) : null;
    const cmp = (c, what) => c ? card(what + " (vs " + shortMonth(c.month) + ")", pct(c.change_pct),
      signed(c.change, Math.abs(c.change) >= 1000 ? 0 : 1) + " on " + amount(c.value)) : card(what, "–", "no earlier value");
    const since = shortMonth(rec.history_from);
    const prev = (v, m) => v === null ? "none" : amount(v) + " in " + longMonth(m);
    const lines = [];
    lines.push(rec.all_time ? "Record: all-time high (since " + since + "); previous high " + prev(rec.previous_high, rec.previous_high_month) + "."
      : "Not an all-time high: the high is " + prev(rec.previous_high, rec.previous_high_month) + ".");
    if (rec.calendar_month) lines.push("Highest " + MONTHS[ym(h.month).m - 1] + " on record; previous " + prev(rec.calendar_month_previous_high, rec.calendar_month_previous_high_month) + ".");
    if (rec.fiscal_year) lines.push("Highest month of " + h.fiscal_year + " so far; previous " + prev(rec.fiscal_year_previous_high, rec.fiscal_year_previous_high_month) + ".");
    const gaps = [];
    if (f.missing.length) gaps.push("No value for " + f.missing.join(", ") + " this fiscal year, so its total is not given.");
    if (f.previous_missing.length) gaps.push("No value for " + f.previous_missing.join(", ") + " the year before, so the comparison is not given.");
    sec.replaceChildren(
      el("h2", { id: "headline-h", text: longMonth(h.month) + " (" + h.fiscal_year + ")" }),
      el("p", { class: "meta" }, h.series + ", " + h.unit + "; " + h.status + " " + h.release_date +
        (h.vintage !== "latest" ? ", as known on " + h.vintage : "") + " ", src),
      el("div", { class: "cards" },
        card(longMonth(h.month), amount(h.value), h.unit, "main" + (rec.all_time ? " record" : "")),
        cmp(h.mom, "On the month"),
        cmp(h.yoy, "On the year"),
        card(h.fiscal_year + " " + f.label + " (" + plural(f.months, "month") + ")", amount(f.value),
          f.value === null ? "incomplete" : pct(f.change_pct) + " on " + amount(f.previous) + " a year earlier"),
        card("12 months " + shortMonth(r.from) + " to " + shortMonth(h.month), amount(r.sum),
          r.sum === null ? "incomplete" : (r.change_pct === null ? "" : pct(r.change_pct) + "; ") + "average " + amount(r.average))),
      el("ul", { class: "records" }, ...lines.concat(gaps).map((t) => el("li", { text: t }))));
    sec.dataset.month = h.month;
  }

  // The components of the month: a table (value, share, changes,
  // contribution) and a bar per component's contribution.
  function renderBreakdown(h) {
    const b = h.breakdown;
    const box = $("#chart-breakdown");
    delete box.dataset.points;
    if (!b) {
      $("#bd-summary").textContent = "No component of " + h.series + " has a value for " + longMonth(h.month) + ".";
      box.closest("figure").hidden = true;
      $("#bd-table").replaceChildren();
      box.replaceChildren();
      return;
    }
    box.closest("figure").hidden = false;
    const against = b.compared_with.includes("..") ? b.compared_with : longMonth(b.compared_with);
    const basis = b.basis === "year_on_year" ? "the change on " + against + " (a year earlier)"
      : "the change on " + against + ", the month before (the components have no values a year earlier)";
    const sumTxt = b.contributions_sum_pp === null ? "" : " Together they make " + fixed(b.contributions_sum_pp, 1) +
      " points of the total's " + pct(b.total_change_pct) + ".";
    const adds = b.adds_up ? " The components add up to the total within rounding." :
      b.unexplained === null ? " A component has no value, so they are not summed." :
      " The components do not add up to the total: " + amount(b.unexplained) + " is not explained by them.";
    $("#bd-summary").textContent = longMonth(h.month) + ": contributions are to " + basis + "." + sumTxt + adds;
    const headers = ["Component", "Value (" + h.unit + ")", "Share", "Change on " + (b.basis === "year_on_year" ? "a year" : "the month"),
      "Change on a year", "Contribution (points)"];
    const rows = b.components.map((c) => [c.name, amount(c.value), c.share_pct === null ? "–" : fmt(c.share_pct, 1) + "%",
      pct(c.change_pct), pct(c.yoy_pct), fixed(c.contribution_pp, 1)]);
    rows.push(["Total", amount(b.total), "100%", pct(b.total_change_pct), pct(b.total_yoy_pct),
      b.contributions_sum_pp === null ? "–" : fixed(b.contributions_sum_pp, 1)]);
    $("#bd-table").replaceChildren(table("Components of " + h.series + " in " + longMonth(h.month), headers, rows));
    $("#bd-table").dataset.rows = String(b.components.length);
    const draw = () => drawBars(box, b.components.filter((c) => c.contribution_pp !== null)
      .map((c) => ({ label: c.name, value: c.contribution_pp })), "points");
    draw();
    for (let i = charts.length - 1; i >= 0; i--) if (charts[i].box === box) charts.splice(i, 1);
    charts.push({ box, u: { setSize: draw } });
  }
  // Horizontal bars around zero, labelled on the left, values at the ends.
  function drawBars(box, items, unit) {
    const NS = "http://www.w3.org/2000/svg";
    const s = (tag, attrs, text) => {
      const e = document.createElementNS(NS, tag);
      for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
      if (text !== undefined) e.textContent = text;
      return e;
    };
    if (!items.length) { box.replaceChildren(el("p", { class: "help", text: "No contributions to draw: no earlier values to compare." })); return; }
    // Labels go above the bars on a phone, and wherever the longest would
    // not fit left of them (a component's name can be a long official one).
    const W = chartWidth(box), longest = Math.max(...items.map((i) => i.label.length));
    const narrow = W < 480 || longest * 7.5 > Math.min(240, W * 0.34);
    const labelW = narrow ? 0 : Math.min(240, W * 0.34), row = narrow ? 44 : 30, top = 8;
    const H = top + items.length * row + 26;
    const vals = items.map((i) => i.value);
    const lo = Math.min(0, ...vals), hi = Math.max(0, ...vals);
    const span = (hi - lo) || 1;
    // Room left of the bars for a negative bar's value.
    const L = labelW + 8 + (lo < 0 ? 48 : 0), R = 64;
    const x = (v) => L + (v - lo) / span * (W - L - R);
    const svg = s("svg", { width: W, height: H, viewBox: "0 0 " + W + " " + H, role: "img",
      "aria-label": "Contributions in " + unit + ": " + items.map((i) => i.label + " " + fixed(i.value, 1)).join("; ") });
    svg.append(s("line", { x1: x(0), x2: x(0), y1: top - 4, y2: H - 22, stroke: COLORS.text, "stroke-width": 1 }));
    items.forEach((it, k) => {
      const y = top + k * row + (narrow ? 16 : 4);
      const x0 = x(Math.min(0, it.value)), x1 = x(Math.max(0, it.value));
      svg.append(s("rect", { x: x0, y, width: Math.max(1, x1 - x0), height: 18, fill: it.value >= 0 ? COLORS.line : COLORS.target }));
      // A white halo keeps a label readable where it crosses the zero line.
      if (narrow) svg.append(s("text", { x: 4, y: y - 3, fill: COLORS.text, "font-size": 12, stroke: "#fff", "stroke-width": 3, "paint-order": "stroke" }, it.label));
      else svg.append(s("text", { x: labelW, y: y + 14, "text-anchor": "end", fill: COLORS.text, "font-size": 13 }, it.label));
      const tx = it.value >= 0 ? x1 + 4 : x0 - 4;
      svg.append(s("text", { x: tx, y: y + 14, "text-anchor": it.value >= 0 ? "start" : "end", fill: COLORS.text, "font-size": 12, "font-weight": 600 }, fixed(it.value, 1)));
    });
    // Centred under the zero line unless that would cut it at the left edge.
    const zeroAnchor = x(0) < 40 ? "start" : "middle";
    svg.append(s("text", { x: zeroAnchor === "start" ? Math.max(2, x(0) - 4) : x(0), y: H - 6, "text-anchor": zeroAnchor, fill: COLORS.text, "font-size": 11 }, "0 " + unit));
    box.replaceChildren(svg);
    box.dataset.points = String(items.length);
  }

  // Page chrome from the series' metadata: nothing assumes an economy.
  function chrome(meta) {
    if (!meta) return;
    $("#brand-series").textContent = meta.title + ", every release kept";
    const start = meta.fiscal_start_month || 1;
    const fyText = start === 1 ? "fiscal year = calendar year" :
      "fiscal year " + MONTHS[start - 1] + " to " + MONTHS[(start + 10) % 12];
    $("#data-note").textContent = "Data: " + meta.source + ", " + meta.title + " (EBOPS " + meta.ebops +
      (meta.ebops_name ? ", " + meta.ebops_name : "") + "), " + meta.unit + "; " + fyText +
      ". Every value links to the page that published it.";
  }

  // State in the URL: a link reproduces the view; ?embed=1 shows one chart.
  function viewUrl(extra) {
    return location.origin + location.pathname + query(extra);
  }

  async function overview() {
    const params = new URLSearchParams(location.search);
    const seriesSel = $("#series"), monthIn = $("#month"), targetIn = $("#target");
    const key = params.get("series") || "pk.ict.exports";
    const embed = params.get("embed") === "1";
    const embedChart = params.get("chart") || "monthly";
    if (embed) {
      document.body.classList.add("embed");
      for (const sec of document.querySelectorAll("[data-embed]")) sec.hidden = sec.dataset.embed !== embedChart;
    }
    monthIn.value = params.get("month") || "";
    // A target typed by the reader (or in the link) is kept; otherwise the
    // fiscal year's default target from the data is used and named.
    let typedTarget = params.get("target") || "";
    targetIn.value = typedTarget;
    targetIn.addEventListener("input", () => { typedTarget = targetIn.value; });
    const list = await fillSeries(seriesSel, key);
    const view = $("#view");
    function clearCharts() {
      for (const id of ["chart-monthly", "chart-fy", "chart-fan", "chart-total", "chart-breakdown"]) {
        const box = document.getElementById(id);
        box.replaceChildren();
        delete box.dataset.points;
        const fig = box.closest("figure");
        for (const extra of fig.querySelectorAll("details.data, ul.chart-legend")) extra.remove();
      }
    }
    async function load() {
      showError("");
      status("Loading…");
      const key = seriesSel.value;
      const meta = list.find((s) => s.key === key) || { fiscal_start_month: 7 };
      chrome(list.find((s) => s.key === key));
      const month = monthIn.value;
      const [h, obs] = await Promise.all([
        api("/api/headline" + query({ series: key, month })),
        api("/api/series/" + encodeURIComponent(key) + "/observations"),
      ]);
      const t = h.target;
      if (typedTarget === "") {
        targetIn.value = t ? String(t.value) : "";
        $("#target-source").replaceChildren(...(t ? ["Default for " + t.fiscal_year + ": " + fmt(t.value, 2) + ", " + t.label,
          t.source_url ? el("span", {}, " (", el("a", { href: t.source_url, rel: "noopener", text: "source" }), ")") : (t.note ? " (" + t.note + ")" : ""), "."]
          : ["No target known for this fiscal year."]));
      } else {
        $("#target-source").replaceChildren("Your target" + (t ? "; the default for " + t.fiscal_year + " is " + fmt(t.value, 2) + ", " + t.label : "") + ".");
      }
      const target = targetIn.value;
      const latest = obs.observations.length ? obs.observations[obs.observations.length - 1].month : h.month;
      let p = null, projError = null;
      try {
        // With a month chosen, project its fiscal year from the data as first
        // published through that month: what could be said on its release.
        p = await api("/api/projection" + query({ series: key, target, as_of: h.month === latest ? "" : h.month }));
      } catch (e) { projError = e; }
      // Everything fetched: only now replace what is on the page.
      clearCharts();
      view.hidden = false;
      renderHeadline(h);
      renderBreakdown(h);
      monthlyChart($("#chart-monthly"), obs, h.month);
      fiscalChart($("#chart-fy"), obs, meta.fiscal_start_month, h.month);
      if (p) {
        const pe = p.p_exceed === null ? "" : " Chance of exceeding " + fmt(p.target, 2) + ": " + chance(p.p_exceed) + ".";
        $("#proj-summary").textContent = p.fiscal_year + ": " + amount(p.actual_to_date) + " in the " + plural(p.months_known, "month") +
          " known; projected total " + dec1(p.point) + " " + p.unit + " (80% interval " +
          dec1(p.intervals["80"][0]) + " to " + dec1(p.intervals["80"][1]) + "; 95% interval " +
          dec1(p.intervals["95"][0]) + " to " + dec1(p.intervals["95"][1]) + ")." + pe + " Model: " + p.model + ".";
        fanChart($("#chart-fan"), p);
        totalChart($("#chart-total"), p);
      } else {
        $("#proj-summary").textContent = "No projection: " + projError.message;
      }
      const state = { series: key, month: h.month, target };
      $("#share-link").href = viewUrl(state);
      $("#share-link").textContent = viewUrl(state);
      for (const a of document.querySelectorAll("[data-embed-chart]")) {
        a.href = viewUrl(Object.assign({ embed: 1, chart: a.dataset.embedChart }, state));
      }
      $("#embed-code").value = '<iframe src="' + viewUrl(Object.assign({ embed: 1, chart: "monthly" }, state)) +
        '" width="640" height="420" title="' + h.series + ', ' + longMonth(h.month) + '" style="border:0"></iframe>';
      $("#share").hidden = embed;
      $("#embed-credit").replaceChildren(meta.source || "", " · ", el("a", { href: viewUrl(state), target: "_top", text: "inflow: full view" }));
      view.dataset.month = h.month;
      status("");
    }
    function fail(e) {
      status("");
      // Never stale figures under a new request: the old view goes.
      view.hidden = true;
      clearCharts();
      delete view.dataset.month;
      delete $("#headline").dataset.month;
      $("#target-source").replaceChildren();
      showError(e.message);
    }
    $("#controls").addEventListener("submit", (ev) => {
      ev.preventDefault();
      const q = query({ series: seriesSel.value, month: monthIn.value, target: typedTarget });
      history.replaceState(null, "", location.pathname + q);
      load().catch(fail);
    });
    seriesSel.addEventListener("change", () => { typedTarget = ""; targetIn.value = ""; });
    await load().catch(fail);
  }

  // --- explorer -------------------------------------------------------------
  async function explorer() {
    const params = new URLSearchParams(location.search);
    const seriesSel = $("#series"), vintageSel = $("#vintage"), fromIn = $("#from"), toIn = $("#to");
    const list = await fillSeries(seriesSel, params.get("series") || "pk.ict.exports");
    fromIn.value = params.get("from") || "";
    toIn.value = params.get("to") || "";
    async function fillVintages(wanted) {
      const v = await api("/api/series/" + encodeURIComponent(seriesSel.value) + "/vintages");
      vintageSel.replaceChildren(el("option", { value: "", text: "Latest" }),
        ...v.release_dates.map((d) => el("option", { value: d, selected: d === wanted, text: "As of " + d })));
    }
    await fillVintages(params.get("as_of") || "");
    seriesSel.addEventListener("change", () => fillVintages("").catch((e) => showError(e.message)));
    async function load() {
      showError("");
      status("Loading…");
      const key = encodeURIComponent(seriesSel.value);
      chrome(list.find((s) => s.key === seriesSel.value));
      const q = query({ from: fromIn.value, to: toIn.value, as_of: vintageSel.value });
      const obs = await api("/api/series/" + key + "/observations" + q);
      $("#dl-csv").href = "/api/series/" + key + "/observations.csv" + q;
      $("#dl-json").href = "/api/series/" + key + "/observations" + q;
      $("#obs-caption").textContent = obs.series + ", " + obs.unit + " (" +
        (obs.vintage === "latest" ? "latest values" : "as known on " + obs.vintage) + "): " + obs.observations.length + " months";
      const host = (u) => { try { return new URL(u).hostname; } catch (_) { return u; } };
      const rows = obs.observations.slice().reverse().map((r) => el("tr", { class: r.status === "revised" ? "revised" : null },
        el("th", { scope: "row", text: r.month }),
        el("td", { text: r.fiscal_year, "data-label": "Fiscal year" }),
        el("td", { class: "num", text: fmt(r.value, 3) + (r.all_time_high ? " ★" : "") , title: r.all_time_high ? "all-time high" : null, "data-label": "Value" }),
        el("td", { text: r.status, "data-label": "Status" }),
        el("td", { text: r.release_date, "data-label": "Released" }),
        el("td", { "data-label": "Source" }, r.source_url ? el("a", { href: r.source_url, rel: "noopener", text: host(r.source_url) }) : "")));
      $("#obs tbody").replaceChildren(...rows);
      $("#obs").dataset.rows = String(rows.length);
      status("");
    }
    $("#explore").addEventListener("submit", (ev) => {
      ev.preventDefault();
      history.replaceState(null, "", location.pathname + query({ series: seriesSel.value, from: fromIn.value, to: toIn.value, as_of: vintageSel.value }));
      load().catch((e) => { status(""); showError(e.message); });
    });
    await load();
  }

  // --- claim checker --------------------------------------------------------
  const VERDICT_TEXT = {
    supported: "Supported", contradicted: "Contradicted", unit_error: "Unit error",
    inconsistent: "Inconsistent", unverifiable: "Unverifiable", forecast: "Forecast",
  };
  // Claim spans are byte offsets into the UTF-8 text; slice by bytes.
  function highlight(text, claims) {
    const bytes = new TextEncoder().encode(text);
    const dec = new TextDecoder();
    const out = [];
    let at = 0;
    const sorted = claims.map((c, i) => ({ c, i })).sort((a, b) => a.c.span[0] - b.c.span[0]);
    for (const { c, i } of sorted) {
      const [s, e] = c.span;
      if (s < at || e > bytes.length || s >= e) continue;
      out.push(dec.decode(bytes.slice(at, s)));
      out.push(el("mark", { class: "v-" + c.verdict, id: "claim-" + (i + 1), tabindex: "0",
        "aria-describedby": "expl-" + (i + 1), title: VERDICT_TEXT[c.verdict] + ": " + c.explanation },
        dec.decode(bytes.slice(s, e)), el("sup", { text: String(i + 1) }),
        el("span", { class: "sr-only", text: " (" + VERDICT_TEXT[c.verdict] + ")" })));
      at = e;
    }
    out.push(dec.decode(bytes.slice(at)));
    return out;
  }
  // "USD million" -> ["$", "million"]; other currencies keep their code.
  function unitWords(unit) {
    const [cur, scale] = (unit || "").split(" ");
    return [cur === "USD" ? "$" : (cur || "") + " ", scale || ""];
  }
  async function checker() {
    const params = new URLSearchParams(location.search);
    const form = $("#check-form"), text = $("#check-text"), seriesSel = $("#series");
    // Filled after the handlers are in place, so a quick submit is never
    // a plain form post.
    let list = [];
    const current = () => list.find((s) => s.key === seriesSel.value) ||
      list.find((s) => s.key === "pk.ict.exports") || list[0];
    function about() {
      const m = current();
      if (!m) return;
      chrome(m);
      $("#check-about").textContent = seriesSel.value ? m.title : "any series in the database (" + list.length + "); choose one to narrow it";
    }
    seriesSel.addEventListener("change", about);
    // The example is written from the data of the series chosen (or the
    // default one): its latest month, right, then a figure at the wrong scale.
    $("#check-example").addEventListener("click", async () => {
      const m = current();
      if (!m) return;
      try {
        const h = await api("/api/headline" + query({ series: m.key }));
        const [sym, scale] = unitWords(h.unit);
        const wrong = scale === "million" ? "billion" : "million";
        const subject = m.title.includes(": ") ? m.title.split(": ")[0] + "'s " + m.title.split(": ").slice(1).join(": ") : m.title;
        text.value = subject + " were " + sym + fmt(h.value, 1) + " " + scale + " in " + longMonth(h.month) +
          (h.yoy ? ", " + (h.yoy.change_pct >= 0 ? "up " : "down ") + fmt(Math.abs(h.yoy.change_pct), 0) + "% on a year earlier" : "") +
          "." + (h.fytd.value === null ? "" : " In " + h.fiscal_year + " so far they reached " + sym + fmt(h.fytd.value, 1) + " " + wrong + ".");
      } catch (e) { showError(e.message); }
      text.focus();
    });
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      showError("");
      status("Checking…");
      const body = { text: text.value };
      if (seriesSel.value) body.series = seriesSel.value;
      const asOf = $("#check-as-of").value;
      if (asOf) body.as_of = asOf;
      try {
        const r = await api("/api/check", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
        const out = $("#check-result");
        const counts = {};
        for (const c of r.claims) counts[c.verdict] = (counts[c.verdict] || 0) + 1;
        out.replaceChildren(
          el("h2", { id: "result-h", text: r.claims.length + (r.claims.length === 1 ? " claim" : " claims") }),
          el("p", { class: "summary" }, Object.entries(counts).map(([v, n]) => n + " " + VERDICT_TEXT[v].toLowerCase()).join(", ") || "No figures found to check."),
          el("div", { class: "checked-text" }, ...highlight(text.value, r.claims)),
          el("ol", { class: "claims" }, ...r.claims.map((c, i) => el("li", { id: "expl-" + (i + 1), class: "v-" + c.verdict },
            el("span", { class: "badge v-" + c.verdict, text: VERDICT_TEXT[c.verdict] || c.verdict }), " ",
            el("q", { text: c.text }), " — ", c.explanation,
            c.evidence && c.evidence.source_url ? el("span", {}, " (", el("a", { href: c.evidence.source_url, rel: "noopener", text: "source" }), ")") : null))));
        out.dataset.claims = String(r.claims.length);
        out.focus();
        status("");
      } catch (e) {
        status("");
        showError(e.message);
      }
    });
    list = await api("/api/series");
    const wanted = params.get("series") || "";
    seriesSel.append(...list.map((s) => el("option", { value: s.key, selected: s.key === wanted, text: s.key + " — " + s.title })));
    about();
  }

  // --- brief ----------------------------------------------------------------
  async function brief() {
    const params = new URLSearchParams(location.search);
    const monthIn = $("#brief-month"), targetIn = $("#brief-target"), frame = $("#brief-frame");
    const seriesSel = $("#series");
    const list = await fillSeries(seriesSel, params.get("series") || "pk.ict.exports");
    monthIn.value = params.get("month") || "";
    let typedTarget = params.get("target") || "";
    targetIn.value = typedTarget;
    targetIn.addEventListener("input", () => { typedTarget = targetIn.value; });
    seriesSel.addEventListener("change", () => { typedTarget = ""; targetIn.value = ""; });
    // The brief is a page of its own; grow the frame to its height.
    frame.addEventListener("load", () => {
      const doc = frame.contentDocument;
      if (doc && doc.documentElement) frame.style.height = (doc.documentElement.scrollHeight + 24) + "px";
      frame.dataset.loaded = monthIn.value || "latest";
      status("");
    });
    async function show() {
      showError("");
      // The fiscal year's default target from the data, as on the overview.
      const note = $("#brief-target-source");
      if (typedTarget === "") {
        const h = await api("/api/headline" + query({ series: seriesSel.value, month: monthIn.value }));
        // Only an official target is put to the brief as "the target"; a
        // year with none is offered last year's total to type in.
        const t = h.target;
        const official = t && t.kind === "official";
        targetIn.value = official ? String(t.value) : "";
        note.textContent = !t ? ""
          : official ? "Default for " + t.fiscal_year + ": " + fmt(t.value, 2) + ", " + t.label + "."
          : "No official target for " + t.fiscal_year + "; " + t.label + ": " + fmt(t.value, 2) + " (type it to weigh the year against it).";
      } else {
        note.textContent = "";
      }
      const q = { series: seriesSel.value, month: monthIn.value, target: targetIn.value };
      chrome(list.find((s) => s.key === seriesSel.value));
      $("#brief-md").href = "/api/brief" + query(Object.assign({ format: "md" }, q));
      $("#brief-html").href = "/api/brief" + query(Object.assign({ format: "html" }, q));
      $("#brief-json").href = "/api/brief" + query(q);
      const src = "/api/brief" + query(Object.assign({ format: "html" }, q));
      // Check first, so an error shows here rather than as JSON in the frame.
      return api("/api/brief" + query(q)).then(() => {
        status("Loading…");
        delete frame.dataset.loaded;
        frame.src = src;
      });
    }
    $("#brief-form").addEventListener("submit", (ev) => {
      ev.preventDefault();
      history.replaceState(null, "", location.pathname + query({ series: seriesSel.value, month: monthIn.value, target: targetIn.value }));
      show().catch(fail);
    });
    // An error replaces the brief shown before, never sits above it.
    function fail(e) {
      status("");
      frame.removeAttribute("src");
      frame.hidden = true;
      delete frame.dataset.loaded;
      showError(e.message);
    }
    frame.addEventListener("load", () => { if (frame.getAttribute("src")) frame.hidden = false; });
    await show().catch(fail);
  }

  // --- start ----------------------------------------------------------------
  const pages = { overview, explorer, check: checker, brief };
  function start() {
    const page = pages[document.body.dataset.page];
    if (!page) return;
    page().catch((e) => { status(""); showError(e.message); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
