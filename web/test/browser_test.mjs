// Drives the built playground in headless Chromium (puppeteer-core + the system browser): types a
// units mistake and waits for its diagnostic code, runs an example and reads a number from the output,
// draws a chart and finds its SVG, follows a share link, keeps a screenshot. scripts/web-test runs it.
// usage: node browser_test.mjs SITE_DIR SCREENSHOT.png [CHROMIUM]
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import puppeteer from "puppeteer-core";

const [site, shot, browserPath = "/usr/bin/chromium"] = process.argv.slice(2);
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css",
  ".wasm": "application/wasm", ".json": "application/json" };

// A plain static server: the site needs nothing else.
const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
  const file = join(site, path.endsWith("/") ? path + "index.html" : path);
  try {
    const body = await readFile(file);
    res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" });
    res.end(body);
  } catch {
    res.writeHead(404);
    res.end();
  }
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const url = `http://127.0.0.1:${server.address().port}/`;

const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures.push(what);
};

const browser = await puppeteer.launch({ executablePath: browserPath, headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 1000 });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const t0 = Date.now();
  await page.goto(url, { waitUntil: "load" });
  await page.waitForSelector("body[data-ready='1']", { timeout: 60000 });
  console.log(`     engine ready in ${Date.now() - t0} ms`);

  // 1. A units mistake typed into the editor: its diagnostic code appears as you type.
  await page.click(".cm-content");
  await page.keyboard.down("Control");
  await page.keyboard.press("a");
  await page.keyboard.up("Control");
  await page.keyboard.press("Backspace");
  await page.keyboard.type("x = 3.35 TB/s + 989 TFLOP/s\n");
  await page.waitForFunction(() => document.querySelector("#diagnostics .diag-code"), { timeout: 20000 });
  const diag = await page.$eval("#diagnostics", (e) => e.textContent);
  check(/error\[E0301\]/.test(diag), `the units mistake shows E0301 (shown: ${diag.slice(0, 120)})`);
  const marked = await page.$$eval(".cm-lintRange-error", (xs) => xs.length);
  check(marked > 0, "the mistake is underlined in the editor");

  // 2. An example from the gallery, run: a number of its output.
  const pick = async (name) => {
    const value = await page.$eval("#gallery", (s, n) => [...s.options].find((o) => o.textContent.startsWith(n + " "))?.value ?? "", name);
    await page.select("#gallery", value);
    const runs = await page.$eval("body", (b) => Number(b.dataset.runs || 0));
    await page.click("#run");
    await page.waitForFunction((n) => Number(document.body.dataset.runs || 0) > n, { timeout: 60000 }, runs);
  };
  await pick("quickstart");
  const out = await page.$eval("#output-text", (e) => e.textContent);
  check(out.includes("295.2 FLOP/B"), "quickstart prints the ridge point 295.2 FLOP/B");

  // 3. A chart: drawn as SVG in the page.
  await pick("fig_roofline_batch");
  const svgs = await page.$$eval("#output-charts svg.chart", (xs) => xs.map((x) => x.querySelectorAll("circle, polyline, rect").length));
  check(svgs.length > 0 && svgs[0] > 2, `the roofline chart is an SVG with marks (${JSON.stringify(svgs)})`);
  await pick("cheapest_decode");
  const tables = await page.$$eval("#output-tables table tr", (xs) => xs.length);
  check(tables > 1, `the cheapest-decode example's rows are an HTML table (${tables} rows)`);
  await pick("fig_pareto");
  check((await page.$$("#output-charts svg.chart-scatter")).length > 0, "the Pareto scatter is drawn");
  await page.screenshot({ path: shot, fullPage: true });

  // 4. A share link opens with its script.
  await page.click("#share");
  const shared = await page.evaluate(() => location.href);
  const page2 = await browser.newPage();
  await page2.goto(shared, { waitUntil: "load" });
  await page2.waitForSelector("body[data-ready='1']", { timeout: 60000 });
  const text = await page2.evaluate(() => window.mlsEditor.state.doc.toString());
  check(text.includes("plot scatter"), "the share link opens the shared script");
  check(errors.length === 0, `no page errors (${errors.join("; ")})`);
} finally {
  await browser.close();
  server.close();
}
if (failures.length) {
  console.log(`${failures.length} check(s) failed`);
  process.exit(1);
}
console.log(`ok browser test; screenshot ${shot}`);
