// The playground page: a CodeMirror 6 editor over the MLS WebAssembly module (mls.mjs). Diagnostics
// as you type (with the engine's quick fixes), hover with dimensions, completion of units and zoo
// names, Run with the output as the command line prints it, tables as HTML and charts as SVG, the
// gallery of examples, the zoo browser, share links (the script in the URL fragment) and download.
import { EditorState } from "@codemirror/state";
import { EditorView, keymap, lineNumbers, highlightActiveLine, hoverTooltip } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { syntaxHighlighting, defaultHighlightStyle } from "@codemirror/language";
import { linter, lintGutter, forceLinting } from "@codemirror/lint";
import { autocompletion } from "@codemirror/autocomplete";
import createMls from "./mls.mjs";
import { mlsLanguage, setNames } from "./mls-language.js";
import { drawChart } from "./charts.js";
import { fromFragment, toFragment } from "./share.js";

const $ = (id) => document.getElementById(id);
const status = (t) => ($("status").textContent = t);

let mls = null, catalog = null, examples = [];

// 1-based line/column (in characters) of the engine ↔ document offsets.
function offset(doc, line, column) {
  if (line < 1) return 0;
  if (line > doc.lines) return doc.length;
  const l = doc.line(line);
  return Math.min(l.to, l.from + Math.max(0, column - 1));
}

function showDiagnostics(list) {
  const box = $("diagnostics");
  box.replaceChildren();
  for (const d of list) {
    const div = document.createElement("div");
    div.className = `diag diag-${d.severity}`;
    const head = document.createElement("div");
    head.innerHTML = `<span class="diag-code"></span> <span class="diag-message"></span>`;
    head.querySelector(".diag-code").textContent = `${d.severity}[${d.code}]`;
    head.querySelector(".diag-message").textContent = d.message + (d.line ? ` (line ${d.line}:${d.column})` : "");
    div.append(head);
    if (d.help) {
      const help = document.createElement("div");
      help.className = "diag-help";
      help.textContent = "help: " + d.help;
      div.append(help);
    }
    box.append(div);
  }
}

function toCmDiagnostic(doc, d) {
  const from = d.line ? offset(doc, d.line, d.column) : 0;
  let to = d.end_line ? offset(doc, d.end_line, d.end_column) : from;
  if (to <= from) to = Math.min(doc.length, from + 1);
  const actions = (d.fixes || []).map((f) => ({
    name: f.title || "fix",
    apply(view) {
      const a = offset(view.state.doc, f.line, f.column), b = offset(view.state.doc, f.end_line, f.end_column);
      view.dispatch({ changes: { from: a, to: Math.max(a, b), insert: f.replacement } });
    },
  }));
  return {
    from, to,
    severity: d.severity === "error" ? "error" : d.severity === "warning" ? "warning" : "info",
    source: d.code,
    message: d.message + (d.help ? `\nhelp: ${d.help}` : ""),
    actions,
  };
}

const mlsLinter = linter((view) => {
  if (!mls) return [];
  const src = view.state.doc.toString();
  const r = JSON.parse(mls.check(src));
  showDiagnostics(r.diagnostics);
  saveDraft(src);
  return r.diagnostics.map((d) => toCmDiagnostic(view.state.doc, d));
}, { delay: 250 });

// Hover: the innermost checked expression under the pointer, with its type and dimension.
let analysisCache = { src: null, types: [] };
const mlsHover = hoverTooltip((view, pos) => {
  if (!mls) return null;
  const src = view.state.doc.toString();
  if (analysisCache.src !== src) analysisCache = { src, types: JSON.parse(mls.analyze(src)).types };
  let best = null;
  for (const t of analysisCache.types) {
    const a = offset(view.state.doc, t.line, t.column), b = offset(view.state.doc, t.end_line, t.end_column);
    if (a <= pos && pos <= b && (!best || b - a <= best.b - best.a)) best = { a, b, t };
  }
  if (!best) return null;
  return {
    pos: best.a, end: best.b, above: true,
    create() {
      const dom = document.createElement("div");
      dom.className = "hover";
      const t = best.t;
      dom.textContent = [t.type, t.dimension && t.dimension !== t.type ? `dimension: ${t.dimension}` : "",
        t.unit ? `unit: ${t.unit}` : "", t.value ? `value: ${t.value}` : "",
        t.fields.length ? "fields: " + t.fields.map((f) => `${f.name}: ${f.type}`).join(", ") : ""].filter(Boolean).join("\n");
      return { dom };
    },
  };
});

// Completion: units after a number, otherwise zoo names, solvers, keywords, functions and the units.
function mlsCompletions(context) {
  if (!catalog) return null;
  const word = context.matchBefore(/[A-Za-z_µ][A-Za-z0-9_µ]*/);
  if (!word && !context.explicit) return null;
  const from = word ? word.from : context.pos;
  const before = context.state.doc.sliceString(Math.max(0, from - 24), from);
  const afterNumber = /[0-9.]\s*$/.test(before);
  const units = catalog.units.map((u) => ({ label: u.symbol, type: "unit", detail: u.dimension, info: u.long_name, boost: afterNumber ? 2 : -1 }));
  const rest = afterNumber ? [] : [
    ...catalog.zoo.map((z) => ({ label: z.name, type: "class", detail: z.kind, info: z.title })),
    ...catalog.solvers.map((s) => ({ label: s.name, type: "function", info: s.doc })),
    ...catalog.keywords.map((k) => ({ label: k, type: "keyword" })),
    ...catalog.functions.map((f) => ({ label: f, type: "function" })),
  ];
  return { from, options: [...units, ...rest], validFor: /^[A-Za-z0-9_µ]*$/ };
}

function saveDraft(src) {
  try { localStorage.setItem("mls-draft", src); } catch (_) {}
}

const view = new EditorView({
  parent: $("editor"),
  state: EditorState.create({
    doc: fromFragment(location.hash) ?? localStorage.getItem("mls-draft") ?? "# Type MLS here; Ctrl-Enter runs it.\nbw = 3.35 TB/s\npeak = 989 TFLOP/s\nprint peak / bw -> FLOP/B\n",
    extensions: [
      lineNumbers(), history(), highlightActiveLine(), lintGutter(),
      mlsLanguage, syntaxHighlighting(defaultHighlightStyle),
      mlsLinter, mlsHover, autocompletion({ override: [mlsCompletions] }),
      keymap.of([{ key: "Mod-Enter", run: () => (runScript(), true) }, ...defaultKeymap, ...historyKeymap]),
      EditorView.lineWrapping,
    ],
  }),
});
window.mlsEditor = view;  // for the browser test and the console

function cell(tag, textContent) {
  const c = document.createElement(tag);
  c.textContent = textContent;
  return c;
}

function runScript() {
  if (!mls) return;
  const t0 = performance.now();
  const r = JSON.parse(mls.run(view.state.doc.toString()));
  const ms = performance.now() - t0;
  $("output-text").textContent = r.text;
  $("output-errors").textContent = r.diagnostics.map((d) => d.rendered).join("\n");
  const tables = $("output-tables");
  tables.replaceChildren();
  for (const t of r.tables) {
    const table = document.createElement("table");
    const head = document.createElement("tr");
    t.columns.forEach((c) => head.append(cell("th", c)));
    table.append(head);
    for (const row of t.rows) {
      const tr = document.createElement("tr");
      row.forEach((c) => tr.append(cell("td", c)));
      table.append(tr);
    }
    tables.append(table);
  }
  const charts = $("output-charts");
  charts.replaceChildren(...r.charts.map(drawChart));
  status(`exit ${r.exit_code} · ${ms.toFixed(0)} ms · ${r.tables.length} table(s), ${r.charts.length} chart(s)`);
  document.body.dataset.runs = String(Number(document.body.dataset.runs || 0) + 1);
}

function load(text) {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
  forceLinting(view);
}

function setupGallery() {
  const sel = $("gallery");
  for (const [k, e] of examples.entries()) {
    const o = document.createElement("option");
    o.value = String(k);
    o.textContent = `${e.name} — ${e.title}`;
    sel.append(o);
  }
  sel.addEventListener("change", () => {
    if (sel.value === "") return;
    load(examples[Number(sel.value)].text);
    sel.value = "";
  });
}

function setupZoo() {
  const list = $("zoo-list"), filter = $("zoo-filter"), detail = $("zoo-detail");
  const render = () => {
    const q = filter.value.toLowerCase();
    list.replaceChildren();
    for (const z of catalog.zoo.filter((z) => !q || `${z.name} ${z.kind} ${z.title}`.toLowerCase().includes(q)).slice(0, 300)) {
      const li = document.createElement("li");
      const b = cell("button", z.name);
      b.addEventListener("click", () => {
        detail.textContent = mls.zooEntry(z.name) + (z.url ? `\nsource: ${z.source} ${z.url}` : z.source ? `\nsource: ${z.source}` : "") +
          (z.verified ? `\nverified: ${z.verified}` : "") + (z.assumed ? "\n(assumed value)" : "") + `\ndeclared in ${z.file}:${z.line}`;
      });
      li.append(b, cell("span", ` ${z.kind}${z.title ? " · " + z.title : ""}`));
      list.append(li);
    }
  };
  filter.addEventListener("input", render);
  render();
}

function setupButtons() {
  $("run").addEventListener("click", runScript);
  $("share").addEventListener("click", async () => {
    location.hash = toFragment(view.state.doc.toString());
    try { await navigator.clipboard.writeText(location.href); status("link copied"); } catch (_) { status("link in the address bar"); }
  });
  $("download").addEventListener("click", () => {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([view.state.doc.toString()], { type: "text/plain" }));
    a.download = "playground.mls";
    a.click();
    URL.revokeObjectURL(a.href);
  });
  window.addEventListener("hashchange", () => {
    const t = fromFragment(location.hash);
    if (t !== null && t !== view.state.doc.toString()) load(t);
  });
}

// The module index.html started compiling (window.mlsWasm) is instantiated here; a page without that
// head script lets Emscripten's loader fetch mls.wasm itself (also streaming).
function engineOptions() {
  if (!window.mlsWasm) return {};
  return {
    instantiateWasm(imports, done) {
      window.mlsWasm.then((module) => WebAssembly.instantiate(module, imports)).then((instance) => done(instance))
        .catch((e) => status("the engine did not load: " + e.message));
      return {};  // Emscripten: the exports arrive through done()
    },
  };
}

async function main() {
  status("loading the MLS engine…");
  const t0 = performance.now();
  // The catalogue as scripts/web-build wrote it (catalog.json); computed here only when the site has
  // none (it takes seconds: every zoo entry is evaluated for its title).
  const json = (name, fallback) => fetch(name).then((r) => (r.ok ? r.json() : fallback)).catch(() => fallback);
  [mls, examples, catalog] = await Promise.all([createMls(engineOptions()), json("examples.json", []), json("catalog.json", null)]);
  window.mlsEngine = mls;  // for the browser test and the console
  window.mlsCatalogBuilt = catalog !== null;
  catalog ??= JSON.parse(mls.catalog());
  window.mlsCatalog = catalog;
  setNames(catalog);
  setupGallery();
  setupZoo();
  setupButtons();
  view.dispatch({});  // re-highlight with the catalogue's names
  forceLinting(view);
  status(`ready (${(performance.now() - t0).toFixed(0)} ms)`);
  document.body.dataset.readyAt = performance.now().toFixed(0);  // ms after navigation (bench/web_load.py)
  document.body.dataset.ready = "1";
  if ("serviceWorker" in navigator && location.protocol !== "file:") navigator.serviceWorker.register("sw.js").catch(() => {});
}
main().catch((e) => status("the engine did not load: " + e.message));
