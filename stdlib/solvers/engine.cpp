#include "stdlib/solvers/engine.hpp"

#include "stdlib/registry/solver_registry.hpp"
#include "stdlib/solvers/calibration/fidelity.hpp"
#include "stdlib/solvers/calibration/gemm_efficiency.hpp"
#include "stdlib/solvers/calibration/launch_cost.hpp"
#include "stdlib/solvers/calibration/memory_bandwidth.hpp"
#include "stdlib/solvers/engine_point.hpp"
#include "stdlib/solvers/infeasibility.hpp"
#include "stdlib/solvers/precision.hpp"
#include "stdlib/solvers/workload_lowering.hpp"

#include <algorithm>
#include <string_view>

namespace mls {

namespace {
void check_batch(double B) {
  if (!(B >= 1)) throw SolverError("InvalidInput", "batch_size must be >= 1");
}

std::string shortfall_reason(bool training, q::Bytes footprint, q::Bytes capacity) {
  return std::string(training ? "the footprint (training memory, MODELS §3.4)" : "the footprint (the weights)") + " " +
         memory_shortfall(footprint, capacity) + "; try a device with ≥ " + bytes_text(footprint) +
         (training ? ", or distributed() to shard it" : ", a precision of fewer bytes, or tp > 1 with serve()");
}
}  // namespace

EnginePlan plan_engine(const EngineIn& in) {
  if (!(in.efficiency > 0 && in.efficiency <= 1)) throw SolverError("InvalidInput", "efficiency must lie in (0, 1]");
  const Hardware& h = in.hardware;
  EnginePlan p;
  EngineOut& o = p.base;
  p.F = peak_for(h, in.precision);
  p.g = lower(in.model, in.precision);
  if (in.is_training) p.recompute = parse_recompute(in.recompute);
  const q::Bytes W = p.g.weight_bytes;  // Eq. 2: bytes moved per step are the weights only (D2)
  // Memory tier (kept from 0.1.1): SRAM when the weights fit on chip, else flash, else HBM.
  p.BW = h.bandwidth;
  o.memory_tier = "hbm";
  if (h.sram_capacity && h.sram_bandwidth && W <= *h.sram_capacity) {
    p.BW = *h.sram_bandwidth;
    o.memory_tier = "sram";
  } else if (h.flash_bandwidth) {
    p.BW = *h.flash_bandwidth;
    o.memory_tier = "flash";
  }
  // Calibrated inference (docs/fidelity.md): the achievable HBM bandwidth (C1); for a transformer the
  // GEMM-shape efficiency of its B tokens in place of η (C3) and the per-layer launch cost (C2). A
  // training step keeps the textbook terms here (the calibrated training terms are distributed's).
  p.overhead = h.dispatch_tax;
  if (fidelity::calibrated(in.fidelity) && !in.is_training) {
    if (o.memory_tier == "hbm") p.BW = calibration::achievable_bandwidth(h);
    if (in.model.kind == WorkloadKind::transformer || in.model.kind == WorkloadKind::moe) {
      p.gemm_eta = true;
      p.overhead += calibration::launch_cost(h, in.model.layers);
    }
  }
  o.latency_overhead = p.overhead;
  o.ridge_point = p.F / p.BW;
  if (!in.is_training) {  // an inference step's footprint is its weights, whatever the batch
    o.memory_footprint = W;
    o.feasible = o.memory_footprint <= h.capacity;  // infeasible is a flag, still timed at HBM speed (D3)
    if (!o.feasible) o.reason = shortfall_reason(false, o.memory_footprint, h.capacity);
  }
  o.peak_bw_actual = p.BW;
  o.fidelity = fidelity::shown(in.fidelity);
  return p;
}

void engine_at_batch(const EnginePlan& p, const EngineIn& in, EngineOut& o) {
  const double B = in.batch_size.value();
  check_batch(B);
  const Hardware& h = in.hardware;
  const double S = in.seq_len.value();
  const q::Flops training_flops = in.is_training ? training_model_flops(in.model, B, S) : q::Flops{};
  const double eta = p.gemm_eta ? calibration::gemm_efficiency(h, calibration::gemm_size(B, in.model.hidden_dim, 1))
                                : in.efficiency;
  const q::Flops ops = engine_numbers(p, in, B, eta, training_flops, o);  // engine_point.cpp: what a compiled loop inlines
  // Assigned only when it changes: in a compiled sweep this runs once per point on the same record.
  const std::string_view bottleneck =
      (o.latency_compute >= o.latency_memory && ops.value() > 0) ? "Compute" : "Memory";
  if (o.bottleneck != bottleneck) o.bottleneck = bottleneck;
  if (in.is_training) {
    // Single device: k = 1, b_µ = B, in_flight = 1 (§3.4).
    auto m = training_memory(in.model, in.precision, S, B, p.recompute, 1, 1, 1, in.dp_size, in.zero_stage,
                             in.optimizer, in.lora, 1);
    o.memory_footprint = m.total;
    o.feasible = o.memory_footprint <= h.capacity;
    o.reason.reset();
    if (!o.feasible) o.reason = shortfall_reason(true, o.memory_footprint, h.capacity);
  }
}

EngineOut solve_engine(const EngineIn& in) {
  check_batch(in.batch_size.value());  // first, as before the split
  EnginePlan p = plan_engine(in);
  EngineOut o = p.base;
  engine_at_batch(p, in, o);
  return o;
}

namespace reg {
void register_engine() {
  SolverDef<EngineIn, EngineOut>("engine_solve", "roofline", "MODELS §4, seed 002 Eq. (1)-(4)",
                                 "single-node roofline: latency, bottleneck, MFU, energy and memory of one step")
      .in("model", &EngineIn::model, "the workload", Req).alias("workload")
      .in("hardware", &EngineIn::hardware, "the device", Req)
      .in("batch_size", &EngineIn::batch_size, "batch B (samples)", at_least(1)).alias("batch")
      .in("precision", &EngineIn::precision, "numeric precision")
      .in("efficiency", &EngineIn::efficiency, "achieved fraction of peak η", between(0, 1, true, false)).alias("eta")
      .in("is_training", &EngineIn::is_training, "training step instead of inference").alias("training")
      .in("seq_len", &EngineIn::seq_len, "sequence length S (training of token workloads)", at_least(1))
      .in("recompute", &EngineIn::recompute, "activation recompute", one_of({"none", "selective", "full"}))
      .in("zero_stage", &EngineIn::zero_stage, "ZeRO stage", between(0, 3))
      .in("dp_size", &EngineIn::dp_size, "data-parallel group size for ZeRO", at_least(1))
      .in("optimizer", &EngineIn::optimizer, "adam or sgd", one_of({"adam", "sgd"}))
      .in("lora", &EngineIn::lora, "LoRA fine-tuning (rank 16)")
      .in("fidelity", &EngineIn::fidelity, "textbook or calibrated (docs/fidelity.md)", one_of(fidelity::levels()))
      .out("latency", &EngineOut::latency, "T = max(t_c, t_m) + dispatch")
      .out("latency_compute", &EngineOut::latency_compute, "t_c = ops/(F_p·η)")
      .out("latency_memory", &EngineOut::latency_memory, "t_m = W/BW")
      .out("latency_overhead", &EngineOut::latency_overhead, "dispatch tax")
      .out("throughput", &EngineOut::throughput, "B/T")
      .out("bottleneck", &EngineOut::bottleneck,
           "Compute when t_c ≥ t_m (and ops > 0), i.e. arithmetic_intensity ≥ effective_ridge; else Memory")
      .out("arithmetic_intensity", &EngineOut::arithmetic_intensity, "ops/W")
      .out("ridge_point", &EngineOut::ridge_point, "hardware ridge F_p/BW (at full peak)")
      .out("effective_ridge", &EngineOut::effective_ridge,
           "F_p·η/BW: the ridge at the achieved peak, the threshold `bottleneck` is decided against")
      .out("mfu", &EngineOut::mfu, "model FLOPs utilisation")
      .out("hfu", &EngineOut::hfu, "hardware FLOPs utilisation")
      .out("energy", &EngineOut::energy, "TDP·(0.3 + 0.7·mfu)·T")
      .out("memory_footprint", &EngineOut::memory_footprint, "weights (inference) or training memory")
      .out("feasible", &EngineOut::feasible, "footprint fits in memory")
      .out("reason", &EngineOut::reason, "when the footprint does not fit: it against capacity, and what to change")
      .out("peak_flops_actual", &EngineOut::peak_flops_actual, "F_p·η")
      .out("peak_bw_actual", &EngineOut::peak_bw_actual, "bandwidth of the tier used")
      .out("memory_tier", &EngineOut::memory_tier, "sram, flash or hbm")
      .out("model_flops", &EngineOut::model_flops, "useful FLOPs of the step")
      .out("fidelity", &EngineOut::fidelity, "the fidelity level when not textbook")
      .split("batch_size", &plan_engine, &engine_at_batch)
      .inline_point("mls_point_roofline", &mls_point_roofline)
      .run(&solve_engine);
}
}  // namespace reg

}  // namespace mls
