// Drives the built playground in headless Chromium (puppeteer-core + the system browser), one check per
// feature of the page (docs/playground.md): the engine streamed and compiled; a units mistake typed into
// the editor shows its code, message and help, underlined, and its quick fix applies; hover shows the
// dimension; completion offers units and zoo names; a run prints what the command line prints; every
// chart kind is an SVG; tables are HTML tables; the zoo browser shows provenance; download saves the
// script; a share link opens the same script; the page works offline once loaded; a host without
// application/wasm still works. Keeps a screenshot. scripts/web-test runs it.
// usage: node browser_test.mjs SITE_DIR SCREENSHOT.png [CHROMIUM]
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import puppeteer from "puppeteer-core";
import { serveSite } from "../tools/static_server.mjs";

const [site, shot, browserPath = "/usr/bin/chromium"] = process.argv.slice(2);
const server = await serveSite(site, { encodings: ["br", "gzip"] });
const url = server.url;

const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures.push(what);
};
// Runs one step; an exception (a timeout: the feature never showed) is that step's failure, and the
// other steps still run.
const step = async (what, body) => {
  try {
    await body();
  } catch (e) {
    check(false, `${what}: ${e.message.split("\n")[0]}`);
  }
};

const browser = await puppeteer.launch({ executablePath: browserPath, headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
const downloads = await mkdtemp(join(tmpdir(), "mls-web-test-"));
const errors = [];
const open = async (address) => {
  const page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 1000 });
  page.on("pageerror", (e) => errors.push(e.message));
  const t0 = Date.now();
  await page.goto(address, { waitUntil: "load" });
  await page.waitForSelector("body[data-ready='1']", { timeout: 60000 });
  console.log(`     engine ready in ${Date.now() - t0} ms (${address})`);
  return page;
};
const editorText = (page) => page.evaluate(() => window.mlsEditor.state.doc.toString());
const setText = (page, text) => page.evaluate((t) => {
  const v = window.mlsEditor;
  v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: t }, selection: { anchor: t.length } });
  v.focus();
}, text);
// The pixel position of a character of the editor's text, for the mouse.
const at = (page, needle, delta = 1) => page.evaluate((n, d) => {
  const v = window.mlsEditor, pos = v.state.doc.toString().indexOf(n) + d, c = v.coordsAtPos(pos);
  return { x: c.left + 1, y: (c.top + c.bottom) / 2 };
}, needle, delta);
const pick = async (page, name) => {
  const value = await page.$eval("#gallery", (s, n) => [...s.options].find((o) => o.textContent.startsWith(n + " "))?.value ?? "", name);
  if (value === "") throw new Error(`no example '${name}' in the gallery`);
  await page.select("#gallery", value);
  const runs = await page.$eval("body", (b) => Number(b.dataset.runs || 0));
  await page.click("#run");
  await page.waitForFunction((n) => Number(document.body.dataset.runs || 0) > n, { timeout: 60000 }, runs);
};

try {
  const page = await open(url);
  check(await page.evaluate(() => window.mlsWasmStreamed === true), "mls.wasm is compiled while it streams (compileStreaming)");
  check(await page.evaluate(() => window.mlsCatalogBuilt && JSON.stringify(window.mlsCatalog) === JSON.stringify(JSON.parse(window.mlsEngine.catalog()))),
    "the page's catalogue is the build's catalog.json, exactly what the engine computes");

  await step("diagnostic as you type", async () => {
    await page.click(".cm-content");
    await page.keyboard.down("Control");
    await page.keyboard.press("a");
    await page.keyboard.up("Control");
    await page.keyboard.press("Backspace");
    await page.keyboard.type("print 3.35 TB/s + 989 TFLOP/s\n");
    await page.waitForFunction(() => document.querySelector("#diagnostics .diag-code"), { timeout: 20000 });
    const diag = await page.$eval("#diagnostics", (e) => e.textContent);
    check(/error\[E0301\]/.test(diag) && diag.includes("cannot add a compute rate to a bandwidth") && diag.includes("help: to relate them, divide"),
      `the units mistake shows E0301, its message and its help (shown: ${diag.slice(0, 160)})`);
    check((await page.$$(".cm-lintRange-error")).length > 0, "the mistake is underlined in the editor");
  });

  await step("quick fix", async () => {
    const p = await at(page, "3.35", 2);
    await page.mouse.move(p.x, p.y);
    await page.waitForSelector(".cm-tooltip-lint .cm-diagnosticAction", { timeout: 10000 });
    const title = await page.$eval(".cm-tooltip-lint .cm-diagnosticAction", (b) => b.textContent);
    await page.click(".cm-tooltip-lint .cm-diagnosticAction");
    await page.waitForFunction(() => !document.querySelector("#diagnostics .diag-code"), { timeout: 20000 }).catch(() => {});
    const text = await editorText(page), left = await page.$eval("#diagnostics", (e) => e.textContent);
    check(text === "print (989 TFLOP/s) / (3.35 TB/s)\n" && left === "", `the quick fix '${title}' rewrites the line and the error goes (${JSON.stringify(text)}; left: ${left})`);
  });

  await step("hover", async () => {
    await page.mouse.move(5, 5);
    const p = await at(page, "(3.35", 0);
    await page.mouse.move(p.x, p.y);
    await page.waitForSelector(".cm-tooltip-hover .hover", { timeout: 10000 });
    const hover = await page.$eval(".cm-tooltip-hover .hover", (e) => e.textContent);
    check(hover.includes("Bandwidth (Information / Time)") && hover.includes("value: 3.35 TB/s"),
      `hovering 3.35 TB/s shows its dimension (${JSON.stringify(hover)})`);
    await page.mouse.move(5, 5);
  });

  await step("completion", async () => {
    await setText(page, "");
    await page.keyboard.type("t = 3 TFL");
    await page.waitForSelector(".cm-tooltip-autocomplete li", { timeout: 10000 });
    const units = await page.$$eval(".cm-tooltip-autocomplete li", (xs) => xs.map((x) => x.textContent));
    check(units.some((u) => u.startsWith("TFLOPS")), `after a number, completion offers units (${units.slice(0, 5).join(" | ")})`);
    await page.keyboard.press("Escape");
    await setText(page, "");
    await page.keyboard.type("hw = H10");
    await page.waitForSelector(".cm-tooltip-autocomplete li", { timeout: 10000 });
    const names = await page.$$eval(".cm-tooltip-autocomplete li", (xs) => xs.map((x) => x.textContent));
    const k = names.findIndex((n) => n.startsWith("H100hardware"));
    check(k >= 0, `completion offers zoo names (${names.slice(0, 5).join(" | ")})`);
    if (k >= 0) {
      await page.click(`.cm-tooltip-autocomplete li:nth-child(${k + 1})`);
      check((await editorText(page)) === "hw = H100", "picking a completion writes the name");
    }
  });

  await step("run", async () => {
    await pick(page, "quickstart");
    const out = await page.$eval("#output-text", (e) => e.textContent);
    check(out.includes("295.2 FLOP/B"), "quickstart prints the ridge point 295.2 FLOP/B");
    const cli = await page.evaluate(() => JSON.parse(window.mlsEngine.cli(window.mlsEditor.state.doc.toString(), "quickstart.mls", "text")).stdout);
    check(out === cli, "the output is what the command line prints");
  });

  for (const [example, kinds] of [["fig_roofline_batch", ["roofline", "line"]], ["fig_pareto", ["scatter"]],
    ["fig_carbon_by_grid", ["bar"]], ["fig_regime_map", ["heatmap"]], ["fig_scorecard", ["scorecard"]]]) {
    await step(`charts of ${example}`, async () => {
      await pick(page, example);
      for (const kind of kinds) {
        const marks = await page.$$eval(`#output-charts svg.chart-${kind}`, (xs) => xs.map((x) =>
          x.textContent.includes("not drawn") ? -1 : x.querySelectorAll("circle, polyline, rect, path").length));
        check(marks.length > 0 && marks[0] > 2, `${example}: the ${kind} chart is an SVG with marks (${JSON.stringify(marks)})`);
      }
    });
  }

  await step("table", async () => {
    await pick(page, "cheapest_decode");
    const rows = await page.$$eval("#output-tables table tr", (xs) => xs.length);
    check(rows > 1, `the cheapest-decode example's rows are an HTML table (${rows} rows)`);
  });

  await step("zoo browser", async () => {
    await page.click("#zoo summary");
    await page.type("#zoo-filter", "H100");
    const buttons = await page.$$("#zoo-list button");
    for (const b of buttons) if ((await b.evaluate((e) => e.textContent)) === "H100") await b.click();
    const detail = await page.$eval("#zoo-detail", (e) => e.textContent);
    check(/source: .*datasheet/.test(detail) && /verified: \d{4}-\d\d-\d\d/.test(detail) && /declared in zoo\/.*\.mls:\d+/.test(detail),
      `the zoo browser shows H100 with its provenance (${JSON.stringify(detail.slice(-160))})`);
  });

  await step("download", async () => {
    await pick(page, "fig_pareto");
    const session = await page.createCDPSession();
    await session.send("Browser.setDownloadBehavior", { behavior: "allow", downloadPath: downloads });
    await page.click("#download");
    let saved = null;
    for (let k = 0; k < 100 && saved === null; ++k) {
      saved = await readFile(join(downloads, "playground.mls"), "utf8").catch(() => null);
      if (saved === null) await new Promise((r) => setTimeout(r, 100));
    }
    check(saved === (await editorText(page)), "Download .mls saves the editor's script");
  });
  await page.screenshot({ path: shot, fullPage: true });

  await step("share link", async () => {
    await setText(page, (await editorText(page)) + "# µs, ≤ and — survive the link\n");
    const before = await editorText(page);
    await page.click("#share");
    const shared = await page.evaluate(() => location.href);
    const page2 = await open(shared);
    check(shared.includes("#code=") && (await editorText(page2)) === before, "a share link opens exactly the shared script");
    await page2.close();
  });

  await step("offline", async () => {
    await page.evaluate(() => navigator.serviceWorker.ready);
    await server.close();
    const page3 = await open(url);
    check(await page3.evaluate(() => navigator.serviceWorker.controller !== null), "with the server gone, the service worker serves the page");
    await pick(page3, "quickstart");
    check((await page3.$eval("#output-text", (e) => e.textContent)).includes("295.2 FLOP/B"), "offline, the page still runs scripts");
    await page3.close();
  });

  await step("host without application/wasm", async () => {
    const plain = await serveSite(site, { types: { ".wasm": "application/octet-stream" } });
    const page4 = await open(plain.url);
    check(await page4.evaluate(() => window.mlsWasmStreamed === false), "served as octet-stream, mls.wasm is compiled after the download");
    await page4.close();
    await plain.close();
  });
  check(errors.length === 0, `no page errors (${errors.join("; ")})`);
} finally {
  await browser.close();
  await server.close();
  await rm(downloads, { recursive: true, force: true });
}
if (failures.length) {
  console.log(`${failures.length} check(s) failed`);
  process.exit(1);
}
console.log(`ok browser test; screenshot ${shot}`);
