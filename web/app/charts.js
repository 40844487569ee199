// The `plot` charts of a run drawn as SVG in the page, from the chart data the engine produces (the
// same points the command line hands to gnuplot): roofline, line, scatter (with the Pareto front),
// bar, heatmap and scorecard.
const NS = "http://www.w3.org/2000/svg";
const W = 560, H = 340, M = { l: 70, r: 20, t: 34, b: 48 };
const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"];

function el(name, attrs = {}, text) {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

const num = (v) => (v && v.t === "quantity" ? v.si : v && v.t === "bool" ? Number(v.v) : NaN);
const text = (v) => (v ? (v.t === "string" ? v.v : v.text) : "");
const field = (rec, name) => (rec && rec.t === "record" ? (rec.fields.find((f) => f.name === name) || {}).value : undefined);

// The unit an axis shows: the first point's shown unit; every value is scaled by the same factor.
function axisUnit(values) {
  const q = values.find((v) => v && v.t === "quantity" && v.si !== 0 && v.value !== 0);
  if (!q) return { unit: values[0] && values[0].t === "quantity" ? values[0].unit : "", scale: 1 };
  return { unit: q.unit, scale: q.si / q.value };
}

function scale(lo, hi, a, b, log) {
  if (log) {
    const l0 = Math.log10(lo), l1 = Math.log10(hi);
    return (x) => a + ((Math.log10(x) - l0) / (l1 - l0 || 1)) * (b - a);
  }
  if (hi === lo) { hi = lo + 1; lo = lo - 1; }
  return (x) => a + ((x - lo) / (hi - lo)) * (b - a);
}

function ticks(lo, hi, log) {
  if (log) {
    const out = [];
    for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); ++e) out.push(10 ** e);
    return out.filter((t) => t >= lo / 1.0001 && t <= hi * 1.0001);
  }
  const step = 10 ** Math.floor(Math.log10((hi - lo) / 4 || 1));
  const nice = [1, 2, 5, 10].map((m) => m * step).find((s) => (hi - lo) / s <= 6) || step * 10;
  const out = [];
  for (let t = Math.ceil(lo / nice) * nice; t <= hi + 1e-9 * Math.abs(hi); t += nice) out.push(+t.toPrecision(12));
  return out;
}

const fmt = (x) => (Math.abs(x) >= 1e4 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(1) : +x.toPrecision(4) + "");

function frame(svg, title, xs, ys, xlabel, ylabel, logx = false, logy = false) {
  const fin = (a) => a.filter((v) => Number.isFinite(v) && (!logx || v > 0));
  const fx = fin(xs), fy = ys.filter((v) => Number.isFinite(v) && (!logy || v > 0));
  let x0 = Math.min(...fx), x1 = Math.max(...fx), y0 = Math.min(...fy), y1 = Math.max(...fy);
  if (!logy) { y0 = Math.min(0, y0); y1 = y1 + (y1 - y0) * 0.05; }
  if (logx && x0 === x1) { x0 /= 2; x1 *= 2; }
  if (logy && y0 === y1) { y0 /= 2; y1 *= 2; }
  const sx = scale(x0, x1, M.l, W - M.r, logx), sy = scale(y0, y1, H - M.b, M.t, logy);
  svg.append(el("text", { x: W / 2, y: 20, "text-anchor": "middle", class: "chart-title" }, title));
  svg.append(el("rect", { x: M.l, y: M.t, width: W - M.l - M.r, height: H - M.t - M.b, class: "chart-frame" }));
  for (const t of ticks(x0, x1, logx)) {
    svg.append(el("line", { x1: sx(t), x2: sx(t), y1: H - M.b, y2: H - M.b + 4, class: "chart-axis" }));
    svg.append(el("text", { x: sx(t), y: H - M.b + 16, "text-anchor": "middle", class: "chart-tick" }, fmt(t)));
  }
  for (const t of ticks(y0, y1, logy)) {
    svg.append(el("line", { x1: M.l - 4, x2: M.l, y1: sy(t), y2: sy(t), class: "chart-axis" }));
    svg.append(el("text", { x: M.l - 6, y: sy(t) + 4, "text-anchor": "end", class: "chart-tick" }, fmt(t)));
  }
  svg.append(el("text", { x: W / 2, y: H - 8, "text-anchor": "middle", class: "chart-label" }, xlabel));
  svg.append(el("text", { x: 14, y: H / 2, "text-anchor": "middle", class: "chart-label", transform: `rotate(-90 14 ${H / 2})` }, ylabel));
  return { sx, sy };
}

function axisLabel(chart, key, unit) {
  const a = chart.arguments;
  const shown = a[key + "label"] ? a[key + "label"].replace(/^"|"$/g, "") : a[key] || key;
  return unit ? `${shown} (${unit})` : shown;
}

function titleOf(chart, fallback) {
  return chart.arguments.title ? chart.arguments.title.replace(/^"|"$/g, "") : fallback;
}

function xy(svg, chart, connect) {
  const pts = chart.points;
  const ux = axisUnit(pts.map((p) => p.x)), uy = axisUnit(pts.map((p) => p.y));
  const xs = pts.map((p) => num(p.x) / ux.scale), ys = pts.map((p) => num(p.y) / uy.scale);
  const { sx, sy } = frame(svg, titleOf(chart, `${chart.arguments.y} vs ${chart.arguments.x}`), xs, ys,
    axisLabel(chart, "x", ux.unit), axisLabel(chart, "y", uy.unit));
  const groups = new Map();
  pts.forEach((p, k) => {
    const g = p.series ? text(p.series) : p.category ? text(p.category) : "";
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g).push(k);
  });
  [...groups.entries()].forEach(([name, idx], gi) => {
    const color = PALETTE[gi % PALETTE.length];
    const ok = idx.filter((k) => Number.isFinite(xs[k]) && Number.isFinite(ys[k]));
    if (connect && ok.length > 1) {
      const sorted = [...ok].sort((a, b) => xs[a] - xs[b]);
      svg.append(el("polyline", { points: sorted.map((k) => `${sx(xs[k])},${sy(ys[k])}`).join(" "), class: "chart-line", stroke: color }));
    }
    for (const k of ok) {
      const c = el("circle", { cx: sx(xs[k]), cy: sy(ys[k]), r: 3.5, fill: color, class: "chart-point" });
      c.append(el("title", {}, `${pts[k].label ? text(pts[k].label) + ": " : ""}${fmt(xs[k])}, ${fmt(ys[k])}`));
      svg.append(c);
      if (!connect && pts[k].label) svg.append(el("text", { x: sx(xs[k]) + 5, y: sy(ys[k]) - 5, class: "chart-tick" }, text(pts[k].label)));
    }
    if (name) svg.append(el("text", { x: W - M.r - 4, y: M.t + 14 + gi * 14, "text-anchor": "end", fill: color, class: "chart-tick" }, name));
  });
  if (!connect) paretoFront(svg, xs, ys, sx, sy);
}

// The lower-left Pareto front of a scatter (both axes smaller-is-better, as `pareto` reads them).
function paretoFront(svg, xs, ys, sx, sy) {
  const idx = xs.map((_, k) => k).filter((k) => Number.isFinite(xs[k]) && Number.isFinite(ys[k])).sort((a, b) => xs[a] - xs[b] || ys[a] - ys[b]);
  const front = [];
  let best = Infinity;
  for (const k of idx) if (ys[k] < best) { front.push(k); best = ys[k]; }
  if (front.length > 1)
    svg.append(el("polyline", { points: front.map((k) => `${sx(xs[k])},${sy(ys[k])}`).join(" "), class: "chart-pareto" }));
}

function bar(svg, chart) {
  const pts = chart.points;
  const u = axisUnit(pts.map((p) => p.value));
  const vs = pts.map((p) => num(p.value) / u.scale), labels = pts.map((p, k) => (p.label ? text(p.label) : String(k + 1)));
  const xs = pts.map((_, k) => k);
  const { sy } = frame(svg, titleOf(chart, `${chart.arguments.value}${chart.arguments.label ? " by " + chart.arguments.label : ""}`),
    [-0.5, pts.length - 0.5], [0, ...vs], "", axisLabel(chart, "value", u.unit));
  const bw = (W - M.l - M.r) / Math.max(1, pts.length);
  xs.forEach((k) => {
    const x = M.l + k * bw + bw * 0.15, y = sy(Math.max(0, vs[k]));
    const r = el("rect", { x, y, width: bw * 0.7, height: Math.max(0, sy(0) - y), fill: PALETTE[0], class: "chart-bar" });
    r.append(el("title", {}, `${labels[k]}: ${fmt(vs[k])} ${u.unit}`));
    svg.append(r);
    svg.append(el("text", { x: x + bw * 0.35, y: H - M.b + 30, "text-anchor": "middle", class: "chart-tick" }, labels[k]));
  });
}

function heatmap(svg, chart) {
  const pts = chart.points;
  const ux = axisUnit(pts.map((p) => p.x)), uy = axisUnit(pts.map((p) => p.y));
  const xs = pts.map((p) => num(p.x) / ux.scale), ys = pts.map((p) => num(p.y) / uy.scale);
  const key = pts[0] && pts[0].category ? "category" : "value";
  const cats = [...new Set(pts.map((p) => text(p[key])))];
  const vals = pts.map((p) => num(p[key]));
  const vlo = Math.min(...vals.filter(Number.isFinite)), vhi = Math.max(...vals.filter(Number.isFinite));
  const logx = xs.every((x) => x > 0) && Math.max(...xs) / Math.min(...xs) > 50;
  const logy = ys.every((y) => y > 0) && Math.max(...ys) / Math.min(...ys) > 50;
  const { sx, sy } = frame(svg, titleOf(chart, `${chart.arguments[key]} over ${chart.arguments.x} and ${chart.arguments.y}`), xs, ys,
    axisLabel(chart, "x", ux.unit), axisLabel(chart, "y", uy.unit), logx, logy);
  const ux_ = [...new Set(xs)].length, uy_ = [...new Set(ys)].length;
  const cw = (W - M.l - M.r) / Math.max(1, ux_), ch = (H - M.t - M.b) / Math.max(1, uy_);
  pts.forEach((p, k) => {
    const color = key === "category" ? PALETTE[cats.indexOf(text(p.category)) % PALETTE.length]
      : `hsl(${240 - 240 * ((vals[k] - vlo) / (vhi - vlo || 1))},70%,50%)`;
    const r = el("rect", { x: sx(xs[k]) - cw / 2, y: sy(ys[k]) - ch / 2, width: cw, height: ch, fill: color, class: "chart-cell" });
    r.append(el("title", {}, `${fmt(xs[k])}, ${fmt(ys[k])}: ${text(p[key])}`));
    svg.append(r);
  });
  if (key === "category")
    cats.forEach((c, i) => svg.append(el("text", { x: W - M.r - 4, y: M.t + 14 + i * 14, "text-anchor": "end", fill: PALETTE[i % PALETTE.length], class: "chart-tick" }, c)));
}

// Per hardware: the bandwidth slope up to the compute ceiling (log-log), and each point at its
// arithmetic intensity and achieved FLOP/s.
function roofline(svg, chart) {
  const hws = new Map(), pts = [];
  for (const p of chart.points) {
    const h = p.hardware, name = text(field(h, "name"));
    if (!hws.has(name)) hws.set(name, { bw: num(field(h, "bandwidth")), peak: num(field(h, "peak_flops")) });
    if (p.point) {
      const r = p.point, i = num(field(r, "arithmetic_intensity")), lat = num(field(r, "latency")), ops = num(field(r, "model_flops"));
      const b = text(field(r, "bottleneck")).toLowerCase();
      if (Number.isFinite(i) && lat > 0) pts.push({ i, perf: ops / lat, label: `${p.label ? text(p.label) + " " : ""}(${b}-bound)` });
    }
  }
  const ridges = [...hws.values()].map((h) => h.peak / h.bw);
  const is = [...ridges.map((r) => r / 20), ...ridges.map((r) => r * 20), ...pts.map((p) => p.i)];
  const perfs = [...[...hws.values()].map((h) => h.peak * 1.5), ...pts.map((p) => p.perf), ...[...hws.values()].map((h) => h.bw * Math.min(...is))];
  const T = 1e12;
  const { sx, sy } = frame(svg, titleOf(chart, "Roofline"), is, perfs.map((p) => p / T), "arithmetic intensity (FLOP/B)",
    "performance (TFLOP/s)", true, true);
  const i0 = Math.min(...is), i1 = Math.max(...is);
  [...hws.entries()].forEach(([name, h], k) => {
    const color = PALETTE[k % PALETTE.length], ridge = h.peak / h.bw;
    svg.append(el("polyline", { class: "chart-line roofline", stroke: color,
      points: `${sx(i0)},${sy((h.bw * i0) / T)} ${sx(ridge)},${sy(h.peak / T)} ${sx(i1)},${sy(h.peak / T)}` }));
    svg.append(el("text", { x: sx(i1) - 4, y: sy(h.peak / T) - 4, "text-anchor": "end", fill: color, class: "chart-tick" }, name));
  });
  pts.forEach((p) => {
    const c = el("circle", { cx: sx(p.i), cy: sy(p.perf / T), r: 4, class: "chart-point", fill: "#000" });
    c.append(el("title", {}, `${p.label}: ${fmt(p.i)} FLOP/B, ${fmt(p.perf / T)} TFLOP/s`));
    svg.append(c);
    svg.append(el("text", { x: sx(p.i) + 5, y: sy(p.perf / T) + 12, class: "chart-tick" }, p.label));
  });
}

// Three panels (feasibility, performance, macro): PASS green, anything else red, each metric listed.
function scorecard(svg, chart) {
  const e = chart.points[chart.points.length - 1].evaluation;
  svg.append(el("text", { x: W / 2, y: 20, "text-anchor": "middle", class: "chart-title" }, titleOf(chart, "Scenario scorecard")));
  ["feasibility", "performance", "macro"].forEach((name, k) => {
    const panel = field(e, name), status = text(field(panel, "status"));
    const x = 20 + k * ((W - 40) / 3), w = (W - 40) / 3 - 10;
    svg.append(el("rect", { x, y: 36, width: w, height: H - 50, rx: 6, class: "chart-panel",
      fill: status === "PASS" ? "#2ca02c" : status ? "#d62728" : "#9a9a9a" }));
    svg.append(el("text", { x: x + w / 2, y: 58, "text-anchor": "middle", class: "chart-panel-title" }, `${name[0].toUpperCase()}${name.slice(1)}: ${status || "n/a"}`));
    let y = 80;
    for (const f of (panel && panel.fields) || []) {
      if (f.name === "status" || f.value.t === "none") continue;
      svg.append(el("text", { x: x + 8, y, class: "chart-panel-text" }, `${f.name} = ${f.value.text}`));
      y += 16;
    }
  });
}

export function drawChart(chart) {
  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: `chart chart-${chart.kind}`, role: "img" });
  try {
    if (chart.kind === "line") xy(svg, chart, true);
    else if (chart.kind === "scatter") xy(svg, chart, false);
    else if (chart.kind === "bar") bar(svg, chart);
    else if (chart.kind === "heatmap") heatmap(svg, chart);
    else if (chart.kind === "roofline") roofline(svg, chart);
    else if (chart.kind === "scorecard") scorecard(svg, chart);
    else svg.append(el("text", { x: 20, y: 40 }, `chart kind '${chart.kind}' is not drawn in the page`));
  } catch (err) {
    svg.append(el("text", { x: 20, y: 40 }, `chart not drawn: ${err.message}`));
  }
  return svg;
}
