#include "stdlib/solvers/roofline_equation.hpp"

#include "stdlib/registry/solver_registry.hpp"

#include <algorithm>

namespace mls {

RooflineEqOut solve_roofline_equation(const RooflineEqIn& in) {
  RooflineEqOut o;
  // seed 002 Eq. (1)-(2): time on each roof; a zero amount of work takes no time on that roof.
  o.compute_time = in.ops.value() > 0 ? q::Time(in.ops / in.peak) : q::Time{};
  o.memory_time = in.bytes.value() > 0 ? q::Time(in.bytes / in.bandwidth) : q::Time{};
  // Eq. (3): the slower roof binds.
  o.latency = std::max(o.compute_time, o.memory_time) + in.overhead;
  o.bottleneck = (o.compute_time >= o.memory_time && in.ops.value() > 0) ? "Compute" : "Memory";
  // Eq. (4): arithmetic intensity against the ridge point.
  o.arithmetic_intensity = in.bytes.value() > 0 ? q::Intensity(in.ops / in.bytes) : q::Intensity{};
  o.ridge_point = in.peak / in.bandwidth;
  return o;
}

namespace reg {
void register_roofline_equation() {
  SolverDef<RooflineEqIn, RooflineEqOut>("roofline_equation", "roofline_bound", "seed 002 §3.1, Eq. (1)-(4)",
                                         "time bound of one step on the roofline, from raw work and traffic")
      .in("ops", &RooflineEqIn::ops, "FLOPs of the step", nonnegative_required())
      .in("bytes", &RooflineEqIn::bytes, "bytes moved from memory", nonnegative_required())
      .in("peak", &RooflineEqIn::peak, "peak compute", positive_required())
      .in("bandwidth", &RooflineEqIn::bandwidth, "memory bandwidth", positive_required())
      .in("overhead", &RooflineEqIn::overhead, "fixed dispatch overhead", at_least(0))
      .out("latency", &RooflineEqOut::latency, "max(compute_time, memory_time) + overhead")
      .out("compute_time", &RooflineEqOut::compute_time, "ops / peak")
      .out("memory_time", &RooflineEqOut::memory_time, "bytes / bandwidth")
      .out("bottleneck", &RooflineEqOut::bottleneck,
           "Compute when compute_time ≥ memory_time, i.e. arithmetic_intensity ≥ ridge_point; else Memory")
      .out("arithmetic_intensity", &RooflineEqOut::arithmetic_intensity, "ops / bytes")
      .out("ridge_point", &RooflineEqOut::ridge_point,
           "peak / bandwidth; `peak` is the attainable peak, so this is also the threshold `bottleneck` uses")
      .run(&solve_roofline_equation);
}
}  // namespace reg

}  // namespace mls
