// The playground's cold-cache load, measured in headless Chromium under DevTools network throttling
// (Network.emulateNetworkConditions): the bytes transferred, when the last byte of mls.wasm arrived and
// when the engine was ready (the page's `data-ready-at`, milliseconds after navigation started). Each
// run is a fresh browser context with the HTTP cache disabled: no cache, no service worker.
// bench/web_load.py runs it and writes the table. Prints one JSON line per run.
// usage: node load_time.mjs SITE --down-mbit N (0: unthrottled) --rtt-ms N [--encoding br|gzip|identity] [--runs N] [--chromium PATH]
import puppeteer from "puppeteer-core";
import { serveSite } from "./static_server.mjs";

const args = process.argv.slice(2);
const site = args[0];
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const downMbit = Number(opt("--down-mbit", "10")), rttMs = Number(opt("--rtt-ms", "40"));
const encoding = opt("--encoding", "br"), runs = Number(opt("--runs", "3"));
const chromium = opt("--chromium", "/usr/bin/chromium");
if (!site || !(downMbit >= 0) || !(rttMs >= 0) || !["br", "gzip", "identity"].includes(encoding) || !(runs >= 1)) {
  process.stderr.write("usage: node load_time.mjs SITE --down-mbit N --rtt-ms N [--encoding br|gzip|identity] [--runs N] [--chromium PATH]\n");
  process.exit(64);
}

const server = await serveSite(site, { encodings: encoding === "identity" ? [] : [encoding] });
const browser = await puppeteer.launch({ executablePath: chromium, headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
try {
  for (let run = 1; run <= runs; ++run) {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    const cdp = await page.createCDPSession();
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    // --down-mbit 0: no throttling (the load's CPU part alone: compiling and starting the engine).
    const bytesPerSecond = downMbit > 0 ? (downMbit * 1e6) / 8 : -1;
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: rttMs,
      downloadThroughput: bytesPerSecond, uploadThroughput: bytesPerSecond });
    const urls = new Map(), files = {};
    let start = null, wasmDone = null;
    cdp.on("Network.requestWillBeSent", (e) => {
      urls.set(e.requestId, new URL(e.request.url).pathname.replace(/^\//, "") || "index.html");
      if (start === null) start = e.timestamp;
    });
    cdp.on("Network.loadingFinished", (e) => {
      const name = urls.get(e.requestId);
      files[name] = (files[name] || 0) + e.encodedDataLength;
      if (name === "mls.wasm") wasmDone = e.timestamp;
    });
    await page.goto(server.url, { waitUntil: "load", timeout: 120000 });
    await page.waitForSelector("body[data-ready='1']", { timeout: 120000 });
    // A page from before data-ready-at: the time the wait above saw it ready (a poll later at most).
    const readyAt = await page.evaluate(() => Number(document.body.dataset.readyAt || performance.now()));
    const streamed = await page.evaluate(() => window.mlsWasmStreamed === true);
    const transferred = Object.values(files).reduce((a, b) => a + b, 0);
    console.log(JSON.stringify({ encoding, down_mbit: downMbit, rtt_ms: rttMs, run, transferred_bytes: transferred,
      files, wasm_done_ms: wasmDone === null ? null : Math.round((wasmDone - start) * 1000), ready_ms: Math.round(readyAt), streamed }));
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
