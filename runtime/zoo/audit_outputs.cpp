#include "runtime/zoo/audit_outputs.hpp"

#include "compiler/units/unit_table.hpp"
#include "stdlib/registry/solver_registry.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace mls::zoo {

namespace {
// The probes: a short and a long decode batch at the seed's prompt length (MODELS §6 defaults
// otherwise: fp16, η 0.5, tp 1), and a roofline step at batch 1 and at a batch large enough to be
// compute-bound on every zoo device, where energy per FLOP is lowest.
constexpr double kPrompt = 2048;                 // token/request
const double kServeBatches[] = {1, 32};          // request
const double kRooflineBatches[] = {1, 256};      // sample
constexpr double kRel = 1e-9;                    // the solvers' own rounding, not slack

// A decode step runs the layers one after another, and each layer waits on several device-wide
// reductions (norm, attention, projections, MLP) before the next can start. A reduction across a
// GPU (grid sync, kernel boundary) or across a wafer (~1,000 fabric hops at ~1 GHz) takes on the
// order of a microsecond, so no device finishes a layer in less than 1 µs. The fastest published
// decoders are an order of magnitude slower (Cerebras CS-3: 1,800 token/s on Llama 3.1 8B, 17 µs per
// layer); the bound leaves that margin. It is what the CS-3's 9.2 µs step (0.29 µs per layer) broke.
constexpr double kLayerFloor = 1e-6;             // s per layer

// A 16-bit fused multiply-add costs about 1.5 pJ at 45 nm (Horowitz, ISSCC 2014, fp16 add 0.4 pJ +
// multiply 1.1 pJ), about 0.1 pJ per FLOP after the ~10x of scaling to 5 nm, before any data moves.
// A whole device at its rated power spending less than 0.05 pJ per useful FLOP is a mistyped
// peak or power. Sparse or integer TOPS read as dense FLOP/s still pass: the zoo's lowest, at full
// compute, is 0.14 pJ (Snapdragon 8 Gen 3, 45 TOPS at 5 W).
constexpr double kEnergyPerFlopFloor = 0.05e-12; // J/FLOP

double num(const Record& r, const char* f, double fallback = 0) {
  const Value* v = r.find(f);
  return v && v->is_num() ? v->num() : fallback;
}

bool flag(const Record& r, const char* f) {
  const Value* v = r.find(f);
  return v && v->is_bool() && v->boolean();
}

std::string str(const Record& r, const char* f) {
  const Value* v = r.find(f);
  return v && v->is_str() ? v->str() : "";
}

std::string sci(double x, const char* unit) { return units::format_number(x, 4) + " " + unit; }

// The device's fastest memory and highest peak of any precision: no step can beat either.
double fastest_bandwidth(const Record& hw) {
  return std::max({num(hw, "bandwidth"), num(hw, "sram_bandwidth"), num(hw, "flash_bandwidth")});
}
double highest_peak(const Record& hw) {
  double f = num(hw, "peak_flops");
  for (const char* p : {"fp32", "tf32", "fp16", "bf16", "fp8", "int8", "int4", "fp4"}) f = std::max(f, num(hw, p));
  return f;
}

// Runs solver `id` with the named arguments and the registry's defaults for the rest.
Value run(const char* id, const std::vector<std::pair<std::string, Value>>& named) {
  const reg::SolverDesc* s = reg::find_solver(id);
  std::vector<Value> args;
  for (auto& p : s->params) {
    Value v = p.def;
    for (auto& [n, x] : named)
      if (n == p.name) v = x;
    args.push_back(v);
  }
  return s->invoke(args);
}

// One finding per broken bound: the first probe that breaks it, with a count of the others, so a
// wrong entry reads as one line per bound, not one per model.
struct Broken {
  Finding first;
  size_t more = 0;
};

struct Probe {
  std::string hw, call;  // "Cerebras_CS3", "serve(Llama3_8B, batch = 32)"
  std::map<std::string, Broken>& broken;  // by bound
  std::vector<std::string>& order;
  void fail(const std::string& bound, const std::string& output, const std::string& problem) {
    auto [it, fresh] = broken.try_emplace(bound, Broken{{hw, call + "." + output, problem}, 0});
    if (fresh) order.push_back(bound);
    else ++it->second.more;
  }
};

void check_serve(Probe& p, const Record& hw, const Record& m, double B, const Record& r) {
  const double itl = num(r, "itl"), W = num(r, "model_weights_size"), KV = num(r, "kv_cache_size");
  const double util = num(r, "memory_utilization");
  const bool feasible = flag(r, "feasible");
  // A model must fit the memory it is served from: the verdict and the utilisation must agree.
  if (feasible && util > 1 + kRel)
    p.fail("fit", "memory_utilization", "feasible, yet " + sci(util, "of memory") + " is used (bound: <= 1)");
  if (!feasible && util <= 1)
    p.fail("verdict", "feasible", "false, yet only " + sci(util, "of memory") + " is used (bound: infeasible only above 1)");
  // The rate and the time describe the same step: B tokens per step.
  const double rate = num(r, "decode_throughput");
  if (itl > 0 && std::isfinite(itl) && std::abs(rate * itl - B) > 1e-6 * B)
    p.fail("rate", "decode_throughput", sci(rate, "token/s") + " is not batch / itl = " + sci(B / itl, "token/s"));
  if (!feasible) return;  // an infeasible model is timed anyway (MODELS D3); its times bound nothing
  // Every step reads every weight and the whole KV cache once; no memory is faster than the fastest.
  const double bw = fastest_bandwidth(hw);
  if (bw > 0 && itl < (W + KV) / bw * (1 - kRel))
    p.fail("serve-memory", "itl", sci(itl, "s") + " beats (weights + KV) / fastest memory = " + sci((W + KV) / bw, "s"));
  // Every step does 2 FLOP per active parameter per sequence; no precision's peak is higher.
  const double P = num(m, "active_parameters", num(m, "parameters")), F = highest_peak(hw);
  if (F > 0 && itl < 2 * P * B / F * (1 - kRel))
    p.fail("serve-compute", "itl", sci(itl, "s") + " beats 2 x active parameters x batch / highest peak = " + sci(2 * P * B / F, "s"));
  const double L = num(m, "layers");
  if (L > 0 && itl < L * kLayerFloor)
    p.fail("layer-floor", "itl", sci(itl, "s") + " per step is " + sci(itl / L * 1e6, "us") + " per layer, below the floor of 1 us per layer (" +
                      sci(L * kLayerFloor, "s") + " for " + units::format_number(L, 4) +
                      " layers): no device finishes a layer's chain of device-wide reductions faster");
}

void check_roofline(Probe& p, const Record& hw, const Record& r) {
  const double T = num(r, "latency"), E = num(r, "energy"), flops = num(r, "model_flops");
  const double foot = num(r, "memory_footprint");
  for (const char* u : {"mfu", "hfu"})
    if (num(r, u) > 1 + kRel) p.fail(u, u, units::format_number(num(r, u), 4) + " exceeds 1: more FLOPs than the peak allows");
  // Weights are read once per inference step, from the tier the solver says it used.
  if (str(r, "memory_tier") == "sram" && foot > num(hw, "sram_capacity") * (1 + kRel))
    p.fail("sram", "memory_tier", "sram, yet the weights (" + sci(foot, "B") + ") exceed sram_capacity " + sci(num(hw, "sram_capacity"), "B"));
  const double bw = fastest_bandwidth(hw);
  if (bw > 0 && T < foot / bw * (1 - kRel))
    p.fail("roofline-memory", "latency", sci(T, "s") + " beats weights / fastest memory = " + sci(foot / bw, "s"));
  if (flops > 0 && E / flops < kEnergyPerFlopFloor)
    p.fail("energy", "energy", sci(E / flops * 1e12, "pJ") + " per FLOP at tdp " + sci(num(hw, "tdp"), "W") +
                         " is below the 0.05 pJ/FLOP that a 16-bit multiply-add alone costs: peak_flops or tdp is off");
}
}  // namespace

std::vector<Finding> audit_outputs(const std::string& hw_name, const Value& hw, const std::vector<ProbeModel>& models) {
  std::vector<Finding> out;
  if (!hw.is_record()) return out;
  const Record& h = hw.record();
  std::map<std::string, Broken> broken;
  std::vector<std::string> order;
  for (auto& [mname, model] : models) {
    if (!model.is_record()) continue;
    for (double B : kServeBatches) {
      Probe p{hw_name, "serve(" + mname + ", batch = " + units::format_number(B, 4) + ")", broken, order};
      try {
        Value r = run("serving", {{"model", model}, {"hardware", hw}, {"seq_len", kPrompt}, {"batch_size", B}});
        if (r.is_record()) check_serve(p, h, model.record(), B, r.record());
      } catch (const SolverError&) {  // a refusal is the solver's answer, not an implausible one
      }
    }
    for (double B : kRooflineBatches) {
      Probe p{hw_name, "roofline(" + mname + ", batch = " + units::format_number(B, 4) + ")", broken, order};
      try {
        Value r = run("engine_solve", {{"model", model}, {"hardware", hw}, {"batch_size", B}});
        if (r.is_record()) check_roofline(p, h, r.record());
      } catch (const SolverError&) {
      }
    }
  }
  for (auto& bound : order) {
    Broken& b = broken[bound];
    if (b.more) b.first.problem += " (and " + std::to_string(b.more) + " more probe" + (b.more == 1 ? "" : "s") + ")";
    out.push_back(b.first);
  }
  return out;
}

}  // namespace mls::zoo
