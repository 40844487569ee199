#!/usr/bin/env node
// The playground's WebAssembly build as a command: `node mls-node.mjs [--format text|csv|json] FILE`
// prints what `mls FILE` prints (stdout, stderr, exit code), so the tests can compare the wasm build
// with the native one (tests/web/check_wasm_sweeps.py). `--no-jit` and `--threads 1` are accepted and
// change nothing: the wasm build has only the reference evaluator and one thread.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequire } from "node:module";

const usage = "usage: mls-node.mjs [--format text|csv|json] [--no-jit] [--threads 1] [--module DIR] FILE";
const args = process.argv.slice(2);
let format = "text", file = null, moduleDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "build-web", "site");
for (let k = 0; k < args.length; ++k) {
  const a = args[k];
  if (a === "--format") format = args[++k];
  else if (a === "--module") moduleDir = args[++k];
  else if (a === "--threads") ++k;
  else if (a === "--no-jit") continue;
  else if (a.startsWith("-") || file !== null) {
    process.stderr.write(`mls-node: unknown argument '${a}'\n${usage}\n`);
    process.exit(64);
  } else file = a;
}
if (file === null || !["text", "csv", "json"].includes(format)) {
  process.stderr.write(usage + "\n");
  process.exit(64);
}
let src;
try {
  src = readFileSync(file, "utf8");
} catch (e) {
  process.stderr.write(`mls: cannot read '${file}'\n`);
  process.exit(64);
}
// Emscripten 3.1.6's ES-module output detects Node.js by a global `require` (an ES module has none).
globalThis.require = createRequire(import.meta.url);
globalThis.__dirname = moduleDir;
const { default: createMls } = await import(pathToFileURL(join(moduleDir, "mls.mjs")).href);
// The wasm bytes handed over directly: its ES-module loader would fetch() a file: URL, which Node cannot.
const mls = await createMls({ wasmBinary: readFileSync(join(moduleDir, "mls.wasm")) });
const r = JSON.parse(mls.cli(src, file, format));
process.stdout.write(r.stdout);
process.stderr.write(r.stderr);
process.exitCode = r.exit_code;
