// A plain static server for the built site (the browser test and the load benchmark): the content
// types a static host sends and, when asked, the precompressed files scripts/web-build writes beside
// each file (NAME.br, NAME.gz), chosen by the request's Accept-Encoding as nginx's brotli_static and
// gzip_static choose them. The site needs nothing else from a server.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";

export const TYPES = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript",
  ".css": "text/css", ".wasm": "application/wasm", ".json": "application/json" };
const SUFFIX = { br: ".br", gzip: ".gz" };

// encodings: the Content-Encodings to offer, in order of preference ("br", "gzip"); types: overrides
// of TYPES (the test of a host that does not know application/wasm).
export async function serveSite(site, { encodings = [], types = {} } = {}) {
  const known = { ...TYPES, ...types };
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    const file = join(site, path.endsWith("/") ? path + "index.html" : path);
    const accepted = (req.headers["accept-encoding"] || "").split(",").map((e) => e.trim().split(";")[0]);
    const headers = { "content-type": known[extname(file)] || "application/octet-stream", "cache-control": "no-cache" };
    for (const enc of encodings.filter((e) => accepted.includes(e))) {
      try {
        const body = await readFile(file + SUFFIX[enc]);
        res.writeHead(200, { ...headers, "content-encoding": enc, vary: "accept-encoding" });
        res.end(body);
        return;
      } catch { /* no precompressed file: try the next encoding, then the file itself */ }
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  // close(): the site is gone at once (open connections too), as for a visitor who went offline.
  const close = () => new Promise((r) => { server.close(() => r()); server.closeAllConnections(); });
  return { url: `http://127.0.0.1:${server.address().port}/`, close };
}
