// Loads the playground's WebAssembly module (mls.mjs + mls.wasm of a built site) in Node.js, for the
// command (mls-node.mjs) and the build's catalogue (web/tools/catalog.mjs).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createRequire } from "node:module";

export async function loadMls(moduleDir) {
  // Emscripten 3.1.6's ES-module output detects Node.js by a global `require` (an ES module has none).
  globalThis.require = createRequire(import.meta.url);
  globalThis.__dirname = moduleDir;
  const { default: createMls } = await import(pathToFileURL(join(moduleDir, "mls.mjs")).href);
  // The wasm bytes handed over directly: its ES-module loader would fetch() a file: URL, which Node cannot.
  return createMls({ wasmBinary: readFileSync(join(moduleDir, "mls.wasm")) });
}
