// The gallery of the page: every examples/*.mls script (the textbook's walls among them) as JSON,
// [{name, title, text}], the title being the script's first comment line.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];
const out = readdirSync(dir)
  .filter((f) => f.endsWith(".mls"))
  .sort()
  .map((f) => {
    const text = readFileSync(join(dir, f), "utf8");
    const first = text.split("\n").find((l) => l.startsWith("#")) || "";
    return { name: f.replace(/\.mls$/, ""), title: first.replace(/^#\s*/, "").slice(0, 90), text };
  });
process.stdout.write(JSON.stringify(out));
