// Offline once loaded: the site's files are cached on first visit and served from the cache after;
// a new deployment (a new CACHE name, written by scripts/web-build) replaces them.
const CACHE = "mls-playground-__VERSION__";
const FILES = ["./", "index.html", "style.css", "app.js", "mls.mjs", "mls.wasm", "examples.json", "catalog.json", "manifest.json"];
self.addEventListener("install", (e) => e.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES))));
self.addEventListener("activate", (e) =>
  e.waitUntil(caches.keys().then((ks) => Promise.all(ks.filter((k) => k !== CACHE).map((k) => caches.delete(k))))));
self.addEventListener("fetch", (e) => {
  if (e.request.method !== "GET") return;
  e.respondWith(caches.match(e.request, { ignoreSearch: true }).then((hit) => hit || fetch(e.request)));
});
