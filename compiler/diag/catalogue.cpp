#include "compiler/diag/catalogue.hpp"

namespace mls {

namespace {
// Lessons: rule · why it matters · wrong → right.
const std::vector<CodeInfo> kCodes = {
    {"E0101", "unexpected character",
     "MLS source is UTF-8 text of names, numbers, units and operators; a stray symbol or a binary byte has no meaning.\n"
     "Wrong: `x = 3 $ 4`    Right: `x = 3 * 4`"},
    {"E0102", "bits and bytes confused",
     "B is a byte, bit is a bit, 1 B = 8 bit. Network links are quoted in bits per second (400 Gb/s) while memory is\n"
     "sized in bytes (80 GiB): reading one as the other is an 8x error in every bandwidth-bound estimate.\n"
     "Wrong: `10 Gb/s`    Right: `10 Gbit/s` (or `10 Gbps`) for a link, `10 GB/s` for bytes"},
    {"E0103", "non-SI or ambiguous unit symbol",
     "SI kilo is a lower-case k; binary prefixes carry an i (KiB = 1024 B). `KB` and `TBs` mean different things to\n"
     "different vendors, and a 7.4 % GB/GiB gap decides whether a 70B model fits in 80 GiB of HBM.\n"
     "Wrong: `4 KB`, `3 TBs`    Right: `4 kB` or `4 KiB`, `3 TB/s`"},
    {"E0104", "unterminated string",
     "A string starts and ends with a double quote on the same line.\nWrong: `print \"ridge`    Right: `print \"ridge\"`"},
    {"E0105", "FLOPs used as a rate",
     "FLOP counts work; FLOP/s counts work per second. A GPU's peak is a rate (989 TFLOP/s); a forward pass costs an\n"
     "amount (2·P FLOP per token). `TFLOPs` reads as a plural amount, which is how roofline numbers go wrong by a time.\n"
     "Wrong: `peak = 989 TFLOPs`    Right: `peak = 989 TFLOP/s` (or `989 TFLOPS`); `work = 141 GFLOP`"},
    {"E0106", "not a unit in a conversion",
     "The right of `->` is a unit expression: unit names, `*`, `/` and integer powers.\n"
     "Wrong: `3 GB -> gigabyte`    Right: `3 GB -> GiB`"},
    {"E0110", "unknown name",
     "Every name is a binding, a unit, a zoo entry, a solver or a kind; MLS suggests the closest ones.\n"
     "Wrong: `bandwith * 2`    Right: `bandwidth * 2`"},
    {"E0111", "name hides a unit, zoo entry or solver",
     "A name means one thing everywhere: if `s` could be a variable, `3 s` would stop meaning three seconds.\n"
     "Wrong: `s = serve(...)`, `GB = 3`    Right: `srv = serve(...)`"},
    {"E0112", "name bound twice",
     "A script binds each name once, so a reader never has to ask which value is meant (the REPL allows rebinding).\n"
     "Wrong: `x = 1 s` then `x = 2 s`    Right: `x2 = 2 s`"},
    {"E0113", "import outside the script's folder",
     "Scripts run sandboxed (instructors run students' scripts): `import` resolves only inside the script's folder.\n"
     "Wrong: `import \"../../etc/passwd\"`    Right: `import \"lib/hardware.mls\"`"},
    {"E0114", "import not found or cyclic",
     "An imported file must exist and must not import, directly or indirectly, the file importing it.\n"
     "Wrong: a.mls imports b.mls which imports a.mls    Right: move what both need into c.mls"},
    {"E0115", "unit definition collides",
     "Defining a unit also defines its prefixed forms; none may already exist (with `in`, `min` would be milli-inch).\n"
     "Wrong: `unit GB = 1e9 B`    Right: the prelude already has GB; define `unit HBMstack = 24 GB`"},
    {"E0201", "syntax error",
     "The statement is not complete or has something MLS cannot read at that point; the message says what was expected.\n"
     "Wrong: `x = 3 +`    Right: `x = 3 + 4`"},
    {"E0202", "unclosed bracket",
     "Every (, [ and { needs its partner.\nWrong: `x = (3 + 4`    Right: `x = (3 + 4)`"},
    {"E0203", "= where == was meant",
     "`=` binds a name; `==` compares.\nWrong: `assert x = 3`    Right: `assert x == 3`"},
    {"E0204", ": where = was meant",
     "Named arguments and record fields use `=`; `:` annotates a binding's dimension.\n"
     "Wrong: `roofline(m, h, batch: 8)`    Right: `roofline(m, h, batch = 8)`"},
    {"E0205", "too deep or too long",
     "Brackets and expressions nest at most 256 deep (a chain `a + b + c + ...` nests one level per operator),\n"
     "a statement has at most 10,000 tokens, and checking nests at most 512 levels counting the bodies of\n"
     "called functions, loops and imports, so checking is bounded and an autograder never meets a stack overflow.\n"
     "Named intermediate values also read better: a roofline is compute time and memory time, not one long line.\n"
     "Wrong: `x = 1 m + 1 m + ... (10,000 terms)`    Right: `n = 10000` then `x = n * 1 m`, or split into named parts"},
    {"E0206", "reserved word used as a name",
     "Keywords (print, for, in, if, row, ...) cannot name values; every clash in a script is reported in one run.\n"
     "`step` is a keyword only after a range (`1 .. 64 step 2`), so it may name a value.\n"
     "Wrong: `in = 3`    Right: `inputs = 3`"},
    {"E0301", "adding different dimensions",
     "Only like quantities add. A compute rate plus a bandwidth has no meaning; their quotient does: peak/bandwidth is\n"
     "the ridge point (FLOP/B) of the roofline, the intensity above which a kernel is compute-bound.\n"
     "Wrong: `peak + bw`, `7e9 param + 14e9 B`    Right: `peak / bw -> FLOP/B`, `7e9 param * 2 B/param`"},
    {"E0302", "comparing different dimensions",
     "A latency compares with a latency, a size with a size.\nWrong: `assert latency < 5 GB`    Right: `assert latency < 5 ms`"},
    {"E0303", "conversion across dimensions",
     "`->` changes the unit, never the dimension. An amount is not a rate (FLOP vs FLOP/s, J vs W): divide or multiply\n"
     "by a time. A quantity upside down (B/FLOP vs FLOP/B) must be inverted.\n"
     "Wrong: `1 FLOP -> FLOP/s`, `bw / peak -> FLOP/B`    Right: `1 FLOP / 1 s -> FLOP/s`, `peak / bw -> FLOP/B`"},
    {"E0304", "value does not match its annotation",
     "An annotation states the dimension a binding must have; the value disagrees.\n"
     "Wrong: `bw: Bandwidth = 3.35 TB`    Right: `bw: Bandwidth = 3.35 TB/s`"},
    {"E0305", "bad exponent",
     "An exponent is a plain number, and it must be a constant when the base has a unit (the result's dimension must\n"
     "be known before running).\nWrong: `2 ^ (1 s)`, `x m ^ n` with n unknown    Right: `(3 m) ^ 2`"},
    {"E0306", "function needs a plain number",
     "exp, ln, log2 and log10 take dimensionless arguments: the logarithm of 3 seconds depends on the unit.\n"
     "Wrong: `ln(latency)`    Right: `ln(latency / 1 s)`"},
    {"E0307", "if-branches of different dimensions",
     "Both branches give the value of one expression, so they share a type: one dimension, and for records the same\n"
     "fields with the same dimensions.\n"
     "Wrong: `if fast then 1 s else 1 GB`, `if fast then {t = 1 s} else {t = 1 GB}`    Right: `if fast then 1 s else 2 s`"},
    {"E0308", "list elements of different dimensions",
     "A list holds values of one type, its first element's (a sweep over bandwidths, over batch sizes). A list of\n"
     "records is a small table: every element has the same fields, each field one dimension, or a 4.8 TB in a column\n"
     "of bandwidths would print as 4.8 TB/s. Lists inside lists agree element by element.\n"
     "Wrong: `[1 s, 2 GB]`, `[{bw = 2 TB/s}, {bw = 4.8 TB}]`, `[{bw = 2 TB/s}, {peak = 1 PFLOP/s}]`\n"
     "Right: `[1 TB/s, 2 TB/s]`, `[{bw = 2 TB/s}, {bw = 4.8 TB/s}]`"},
    {"E0309", "plain number where a quantity is required",
     "A bare 50 beside a latency could be 50 s or 50 ms; MLS asks for the unit instead of guessing.\n"
     "Wrong: `assert latency < 50`    Right: `assert latency < 50 ms`"},
    {"E0310", "condition is not true/false",
     "assert, if, and, or, not take booleans.\nWrong: `assert 3 s`    Right: `assert latency < 3 s`"},
    {"E0311", "typed hole",
     "`?` marks a value still to write; with an annotation MLS names the dimension it needs and the bindings that have it.\n"
     "A hole is not an error in your model, just an unfinished one: it asks MLS which quantity completes the equation.\n"
     "Wrong (unfinished): `decode: Time = 140 GB / ?`    Right: `decode: Time = 140 GB / H100.bandwidth` — the memory-bound\n"
     "time of one decode step (weights read once per token), which the hole's Bandwidth candidates point to"},
    {"E0312", "function result does not match its annotation",
     "The body gives a different dimension than the `-> Type` promised (checked at each call, where the\n"
     "parameters' dimensions are known).\n"
     "Wrong: `fn f(x: Time) -> Bandwidth = x * 2` then `f(1 s)`\n"
     "Right: `fn f(b: Information, dt: Time) -> Bandwidth = b / dt` then `f(1 GB, 1 s)`"},
    {"E0313", "fraction given as a percentage",
     "Efficiencies and utilisations are fractions in (0, 1]; 50 means fifty times the peak.\n"
     "Wrong: `efficiency = 50`    Right: `efficiency = 50 %` (or 0.5)"},
    {"E0314", "number too large",
     "Numbers must fit a double (about ±1.8e308).\nWrong: `1e999 s`    Right: a value in range, in a unit that keeps it readable: `3.2e16 year`"},
    {"E0315", "rounding a quantity without a unit",
     "floor, ceil and round give whole numbers of a unit, so their result depends on the unit: 2.6 ms rounds to 3 ms,\n"
     "but 0.0026 s rounds to 0 s. Name the unit in the call with `->`: the value is rounded in that unit, keeps its\n"
     "dimension and prints in that unit. Plain numbers round as they are (`ceil(params / 8e9)`).\n"
     "Wrong: `round(2.6 ms)`, `ceil(kv_cache)`    Right: `round(2.6 ms -> ms)` (3 ms), `ceil(kv_cache -> GiB)`"},
    {"E0316", "table column of different types",
     "The rows of one table (every `row` in a loop, its inner loops included) share one header: each writes the same\n"
     "columns in the same order, and a column keeps the dimension of the first row that writes it. Otherwise a byte\n"
     "count lands under a header of seconds (CSV puts the unit in the header). Give each quantity its own column,\n"
     "or its own loop.\n"
     "Wrong: `row value = t` and `row value = size` in one loop    Right: `row time = t, size = size`"},
    {"E0317", "a default of another type than its field",
     "`r.f ?? d` is the field when the record has it, else the default d, so d stands in for the field and has its\n"
     "type: the same dimension for a quantity. A default of another dimension would give the expression two types,\n"
     "one per entry, and a sum over entries would add dollars to bytes where a field is missing.\n"
     "Wrong: `print Coral.unit_cost ?? 0 GB`    Right: `print Coral.unit_cost ?? 0 USD`"},
    {"E0401", "argument of the wrong dimension",
     "Every solver parameter has a dimension from its C++ declaration (`mls solvers` lists them).\n"
     "Wrong: `roofline(m, h, batch = 3 s)`    Right: `roofline(m, h, batch = 3)`"},
    {"E0402", "arguments look swapped",
     "Each positional argument fits the other's slot; name them to be sure.\n"
     "Wrong: `tail_latency(20 ms, 40 request/s)`    Right: `tail_latency(arrival_rate = 40 request/s, service_time = 20 ms)`"},
    {"E0403", "wrong number of arguments",
     "The call gives more (or fewer) arguments than the function takes.\nWrong: `sqrt(1, 2)`    Right: `sqrt(4 m^2)`"},
    {"E0404", "unknown named argument",
     "The function has no parameter of that name; the message lists them.\nWrong: `roofline(m, h, size = 8)`    Right: `roofline(m, h, batch = 8)`"},
    {"E0405", "missing required argument",
     "Some parameters have no default (a serving prompt length, a latency target).\n"
     "Wrong: `serve(Llama3_8B, H100)`    Right: `serve(Llama3_8B, H100, prompt = 512 tokens)`"},
    {"E0406", "unknown or unset field",
     "A record has the fields of its kind; an absent optional field is absent, not zero.\n"
     "Wrong: `H100.bandwith`    Right: `H100.bandwidth`"},
    {"E0407", "record field of the wrong dimension",
     "Zoo fields are dimension-checked like everything else: a bandwidth in TFLOP/s fails the build.\n"
     "Wrong: `bandwidth = 3 TFLOP/s`    Right: `bandwidth = 3 TB/s`"},
    {"E0408", "unknown record kind",
     "Kinds: hardware, transformer, moe, ssm, cnn, diffusion, generic, node, fabric, grid, datacenter, fleet, scenario.\n"
     "Wrong: `gadget X { ... }`    Right: `hardware X { ... }`"},
    {"E0409", "argument outside its allowed range",
     "Constant arguments are checked against MODELS §0.2 ranges before running. Chart options too: a scale, a legend\n"
     "place or a choice of point labels is one of its listed values, written out, and an axis range is not empty.\n"
     "Wrong: `roofline(m, h, batch = 0)`    Right: `roofline(m, h, batch = 1)`"},
    {"E0410", "not callable, or not a record",
     "Only functions, solvers and kinds take arguments; only records have fields.\nWrong: `x(2)` for a quantity x"},
    {"E0411", "missing required field",
     "A hardware entry needs at least name, peak_flops, capacity, bandwidth and tdp: the roofline needs the peak and\n"
     "the bandwidth, memory fit needs the capacity, energy needs the power. A silent zero would be a wrong answer.\n"
     "Wrong: `hardware Chip { name = \"chip\", peak_flops = 100 TFLOP/s }`\n"
     "Right: `hardware Chip { name = \"chip\", peak_flops = 100 TFLOP/s, capacity = 16 GB, bandwidth = 1 TB/s, tdp = 300 W }`"},
    {"E0412", "recursion",
     "MLS programs always terminate: a function may not call itself, directly or through another function. The\n"
     "textbook's models are closed forms (a ring all-reduce moves 2(N-1)/N of the data), not recursions.\n"
     "Wrong: `fn layers(n) = if n <= 0 then 0 else 1 + layers(n - 1)` then `layers(3)`\n"
     "Right: `fn layers(n) = n` then `layers(3)`, or a bounded `for`"},
    {"E0413", "zoo entry without provenance",
     "Every zoo number carries its source and verification date, so answers are reproducible: datasheets change\n"
     "(H100 SXM vs PCIe, sparse vs dense TFLOP/s) and a number without a source cannot be checked.\n"
     "Wrong: an entry with no `@source` line\n"
     "Right: `@source(\"datasheet\", url = \"https://...\", verified = \"2025-03-06\")` as the entry's first line"},
    {"E0414", "`has` or `??` without a field",
     "`has(r.f)` asks whether a record has a field and `r.f ?? d` defaults a field that may be absent: both act on a\n"
     "field read, the only value in MLS that can be absent. Any other value is always there.\n"
     "Wrong: `print has(H100)`    Right: `print has(H100.unit_cost)`"},
    {"E0501", "assertion failed",
     "A check in the script is false; both sides are printed with their units and the script exits 1 (how labs are graded).\n"
     "An assert states what the model predicts, e.g. that batch-1 decode is memory-bound on the roofline.\n"
     "Wrong: `assert r.bottleneck == compute` for batch-1 decode    Right: `assert r.bottleneck == memory`"},
    {"E0502", "expectation failed",
     "`expect a ~= b within tol` failed; the difference is shown against the tolerance. Analytical models match\n"
     "measurements to a few percent, never exactly, so compare within a tolerance, not with `==`.\n"
     "Wrong: `expect ridge ~= 100 FLOP/B within 1 %` (H100 fp16 is ~295)    Right: `expect ridge ~= 295 FLOP/B within 1 %`"},
    {"E0503", "division by zero",
     "A quantity was divided by zero at run time (a zero bandwidth, a zero batch, an idle device's utilisation):\n"
     "the answer is not infinity but a model outside its range; guard it with `if`.\n"
     "Wrong: `per_user = cost / users` with users = 0    Right: `per_user = if users > 0 then cost / users else 0 USD`"},
    {"E0504", "NaN or infinity produced",
     "An operation on finite values produced NaN or infinity (0/0, sqrt of a negative, overflow); MLS never prints it\n"
     "silently as a number, because a NaN passes through every later equation (a NaN latency makes a NaN cost).\n"
     "Nor does it print a value as inf or 0 because the unit chosen with `->` cannot hold it (1e300 year in ns).\n"
     "Infinity a model gives as its answer (the wait in an unstable queue) prints as `inf`.\n"
     "Wrong: `sqrt(0.5 - 0.7)`, `print age -> ns` with age = 1e300 year\n"
     "Right: check the sign first, or fix the inputs that made it negative; convert to a unit of the value's size"},
    {"E0505", "solver error",
     "A solver rejected its inputs with a typed error (MODELS §0.2): UnknownPrecision, PrecisionUnsupported,\n"
     "InvalidInput, InvalidParallelism, MissingSpec, UnsupportedWorkload. A solver refuses rather than guesses: a\n"
     "roofline at a precision the chip has no peak for would be fiction.\n"
     "Wrong: `roofline(Llama3_70B, H100, precision = int4)` (H100 has no int4 peak)    Right: `precision = fp8`"},
    {"E0507", "resource limit",
     "MLS runs students' scripts unattended, so every input is bounded instead of running for ever or exhausting\n"
     "memory: a sweep of at most 1e9 points (--max-points), a range of at most 1e7 items (nest two loops instead),\n"
     "one print or row of at most 1e6 values, 250,000 expressions expanded through inlined function calls, and\n"
     "4 MiB of source per file (about 200,000 lines; split larger files with `import`).\n"
     "Wrong: `print 1..1e9`    Right: `for i in 1..1e9 step *10 { row i = i }`, or a loop clause like `count`"},
    {"E0508", "mean, minimum or maximum of no values",
     "`mean`, `min` and `max` of a list need at least one value: there is no mean of nothing, and a 0 in its place\n"
     "would be a wrong answer that looks right. A range whose end is below its start is empty, and `mean(list, field)`\n"
     "leaves out the items without the field. (`sum` of no values is 0.)\n"
     "Wrong: `print mean(1 .. 0)`    Right: `print mean(1 .. 3)`"},
    // Warnings: legal but suspicious; the script still runs (exit 0 when there is nothing else).
    {"W0601", "decimal and binary prefixes mixed",
     "GB is 10^9 bytes and GiB is 2^30 bytes: 7.4 % apart (2.4 % at kilo, 10 % at tera). HBM is often quoted in GiB and\n"
     "weights, storage and links in decimal GB; a sum or comparison of both is usually a slip, and 7.4 % decides whether\n"
     "a 70B model's weights and KV cache fit on the device. An explicit `->` conversion marks a deliberate mix.\n"
     "Wrong: `80 GB + 16 GiB`    Right: `80 GiB + 16 GiB`, or `80 GB + (16 GiB -> GB)` when the mix is meant"},
    {"W0602", "value prints as 0 or infinity at the chosen unit",
     "`->` only chooses how a value is shown. A constant too large or too small for the chosen unit would print as inf\n"
     "or 0, which says nothing about the quantity (so printing it stops the run with E0504). Large and small numbers\n"
     "are fine (3.14e23 FLOP of GPT-3 training, 0.3 pJ/bit on a link); only overflow and underflow of the shown number\n"
     "are flagged.\n"
     "Wrong: `1e300 year -> ns`    Right: `1e300 year -> year`, or no `->` and MLS picks the prefix"},
    {"W0603", "unused binding",
     "A name bound in a script and never read is usually a typo or a leftover: the what-if you meant to compare\n"
     "(`fast = gpu with { bandwidth = 4 TB/s }`) never reached the result. Covers bindings, functions, parameters and\n"
     "loop variables; a name starting with `_` is deliberately unused, and the REPL does not warn.\n"
     "Wrong: `fast = gpu with { bandwidth = 4 TB/s }` and nothing reads `fast`\n"
     "Right: `print ridge(fast.peak, fast.bandwidth)`, or `for _ in 1..3 { ... }` for a loop that only repeats"},
    {"W0604", "count suffix glued to a number",
     "`7B params` reads as 7 · B · params: seven bytes times parameters, not seven billion parameters; `8K tokens`\n"
     "is 8 kelvin·token. A suffix glued to a number is a unit in MLS, never a multiplier. Write the count's number in\n"
     "full (or with a prefixed count unit such as `ktoken`).\n"
     "Wrong: `print 7B params`, `print 8K tokens`    Right: `print 7e9 param`, `print 8 ktoken`"},
    {"W0605", "a unit that is almost never meant",
     "Some units are legal but almost never what was meant: `Ms` is a megasecond (11.6 days), not a millisecond;\n"
     "`W/h` is a power per hour (a ramp rate), not the energy `Wh`. The value is kept as written; the warning\n"
     "shows the likely spelling.\n"
     "Wrong: `print 50 Ms`, `print 100 W/h`    Right: `print 50 ms`, `print 100 Wh`"},
    {"W0606", "a percent written as a plain number",
     "A fraction (an MFU, a utilisation, a relative tolerance) lies between 0 and 1: `r.mfu > 40` is never true\n"
     "and `within 5` accepts a 500 % error. A plain number from 1 to 100 there was meant as a percent: write `%`.\n"
     "Wrong: `expect 4.2 ms ~= 4.179 ms within 5`    Right: `expect 4.2 ms ~= 4.179 ms within 5 %`"},
    {"W0607", "a fractional dimension",
     "`sqrt` and `cbrt` halve and third a dimension's exponents, so `sqrt(2 s)` is a Time^1/2: legal, because the\n"
     "root of a squared quantity gives the quantity back (a standard deviation from a variance), but a binding that\n"
     "keeps a fractional exponent almost always comes from a formula applied to the wrong quantity.\n"
     "Wrong: `jitter = sqrt(40 ms)`    Right: `jitter = sqrt(40 ms^2)` (the root of a variance is a time)"},
    // `mls zoo import hf CONFIG.json` (issue 26): a Hugging Face config read as a zoo entry.
    {"E0701", "Hugging Face config unreadable",
     "The importer reads a config.json already on disk (it never downloads): a JSON object as the model repository\n"
     "publishes it. A file that is missing, truncated or not JSON has no layout to read.\n"
     "Wrong: `mls zoo import hf meta-llama/Llama-3.1-8B`    Right: `mls zoo import hf Llama-3.1-8B/config.json`"},
    {"E0702", "Hugging Face config field missing or malformed",
     "The parameter count is derived from the layout (hidden size, layers, heads, KV heads, FFN width, vocabulary,\n"
     "experts): a missing or non-integer field would silently change it, so the importer names the field instead.\n"
     "Wrong: a config without \"intermediate_size\"    Right: copy the field from the published config.json"},
    {"E0703", "unknown architecture",
     "Each architecture counts its parameters differently (biases, q/k norms, MoE and MLA layouts), so only the\n"
     "model_type values the importer knows are read; the message lists them.\n"
     "Wrong: \"model_type\": \"my_net\"    Right: write a `transformer` or `moe` entry by hand (docs/zoo-entries.md)"},
    {"E0704", "imported entry does not check",
     "The imported entry is compiled before it is printed; it fails when its name is already taken by a zoo entry.\n"
     "Wrong: `mls zoo import hf config.json --name H100`    Right: `--name My_Llama`"},
};
}  // namespace

const std::vector<CodeInfo>& catalogue() { return kCodes; }

const CodeInfo* find_code(std::string_view code) {
  for (auto& c : kCodes)
    if (c.code == code) return &c;
  return nullptr;
}

}  // namespace mls
