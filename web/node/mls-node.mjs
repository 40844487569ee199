#!/usr/bin/env node
// The playground's WebAssembly build as a command: `node mls-node.mjs [--format text|csv|json] FILE`
// prints what `mls FILE` prints (stdout, stderr, exit code), so the tests can compare the wasm build
// with the native one (tests/web/check_wasm_sweeps.py). `--no-jit` and `--threads 1` are accepted and
// change nothing: the wasm build has only the reference evaluator and one thread.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadMls } from "./load.mjs";

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
const mls = await loadMls(moduleDir);
const r = JSON.parse(mls.cli(src, file, format));
process.stdout.write(r.stdout);
process.stderr.write(r.stderr);
process.exitCode = r.exit_code;
