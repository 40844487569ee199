// The page's catalogue (units, zoo entries with provenance, keywords, functions, solvers: what
// completion and the zoo browser show), written at build time as catalog.json: the built-in prelude and
// zoo are fixed per build, and computing it in the page took seconds of the start-up (every zoo entry is
// evaluated for its title). The module itself computes it, so it is exactly what mls.catalog() returns.
// usage: node catalog.mjs SITE_DIR > SITE_DIR/catalog.json
import { loadMls } from "../node/load.mjs";

const mls = await loadMls(process.argv[2]);
process.stdout.write(mls.catalog());
