// MODELS §10: Wall 8 DataModel (seed Eq. (11)), Wall 9 TransformationModel (Eq. (12)), Wall 10
// TopologyModel (Eq. (13)).
#include "stdlib/core/value.hpp"
#include "stdlib/registry/solver_registry.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace mls {

namespace {
struct DataIn {
  q::Bandwidth demand_bw{};
  std::optional<Hardware> hardware;
  std::optional<q::Bandwidth> supply_bw;
};
struct DataOut {
  double utilization = 0;     // ρ = demand/supply
  bool is_stalled = false;    // ρ > 1
  q::Bandwidth demand_bw{}, supply_bw{};
  q::Bandwidth margin{};      // supply − demand
};
DataOut solve_data(const DataIn& in) {
  DataOut o;
  // D22: supply is the storage bandwidth (0 if the device has none).
  o.supply_bw = in.supply_bw ? *in.supply_bw : (in.hardware && in.hardware->storage_bw ? *in.hardware->storage_bw : q::Bandwidth{});
  o.demand_bw = in.demand_bw;
  double d = in.demand_bw.value(), s = o.supply_bw.value();
  o.utilization = s > 0 ? d / s : (d > 0 ? std::numeric_limits<double>::infinity() : 0);
  o.is_stalled = o.utilization > 1;
  o.margin = o.supply_bw - o.demand_bw;
  return o;
}

struct TransformIn {
  q::Samples batch_size{};
  q::SampleRate cpu_rate{};
  q::Time accelerator_step_time{};
};
struct TransformOut {
  q::Time transform_time{};         // T = B/R
  bool is_bottleneck = false;       // T > T_a
  double accelerator_utilization = 0;  // T_a / max(T, T_a)
  double slowdown_factor = 1;       // max(T, T_a) / T_a
  q::SampleRate demand_rate{};      // B / T_a
  double headroom = 0;              // R·T_a/B
};
TransformOut solve_transform(const TransformIn& in) {
  if (!(in.batch_size.value() > 0 && in.cpu_rate.value() > 0 && in.accelerator_step_time.value() > 0))
    throw SolverError("InvalidInput", "batch_size, cpu_rate and accelerator_step_time must all be > 0");
  TransformOut o;
  o.transform_time = in.batch_size / in.cpu_rate;  // seed Eq. (12), rate form (D29)
  const q::Time Tm = std::max(o.transform_time, in.accelerator_step_time);
  o.is_bottleneck = o.transform_time > in.accelerator_step_time;
  o.accelerator_utilization = (in.accelerator_step_time / Tm).value();
  o.slowdown_factor = (Tm / in.accelerator_step_time).value();
  o.demand_rate = in.batch_size / in.accelerator_step_time;
  o.headroom = (in.cpu_rate * in.accelerator_step_time / in.batch_size).value();
  return o;
}

struct TopoIn {
  Fabric fabric;
  std::string topology = "fat_tree";
  int num_nodes = 64;
};
struct TopoOut {
  double bisection_bw_fraction = 1;  // β
  q::Bandwidth effective_bw{};       // BW·β/osub
  q::Bandwidth bisection_bw{};       // BW·β·N/(2·osub)
  double hops_avg = 0;
};
TopoOut solve_topology(const TopoIn& in) {
  if (in.num_nodes < 2) throw SolverError("InvalidInput", "num_nodes must be >= 2");
  const double N = in.num_nodes;
  TopoOut o;
  // MODELS §10 table: β and average hop count per topology (torus β = 0.67 from the seed, D18).
  if (in.topology == "fat_tree") { o.bisection_bw_fraction = 1.0; o.hops_avg = 4; }
  else if (in.topology == "dragonfly") { o.bisection_bw_fraction = 0.85; o.hops_avg = 3; }
  else if (in.topology == "torus_3d") { o.bisection_bw_fraction = 0.67; o.hops_avg = 0.75 * std::cbrt(N); }
  else if (in.topology == "ring") { o.bisection_bw_fraction = 2 / N; o.hops_avg = N / 4; }
  else throw SolverError("InvalidInput", "topology must be fat_tree, dragonfly, torus_3d or ring, not '" + in.topology + "'");
  const double osub = in.fabric.oversubscription;
  o.effective_bw = in.fabric.bandwidth * o.bisection_bw_fraction / osub;  // seed Eq. (13)
  o.bisection_bw = in.fabric.bandwidth * o.bisection_bw_fraction * N / (2 * osub);
  return o;
}
}  // namespace

namespace reg {
void register_data_pipeline() {
  SolverDef<DataIn, DataOut>("data_model", "data_model", "MODELS §10 (Wall 8), seed Eq. (11)",
                             "is the storage pipeline fast enough to feed the accelerator?")
      .in("demand_bw", &DataIn::demand_bw, "bytes the accelerator consumes per second", Req)
      .in("hardware", &DataIn::hardware, "device whose storage_bw supplies the data")
      .in("supply_bw", &DataIn::supply_bw, "explicit supply bandwidth")
      .out("utilization", &DataOut::utilization, "demand/supply").infinite_when("there is demand but no supply")
      .out("is_stalled", &DataOut::is_stalled, "utilization > 1")
      .out("demand_bw", &DataOut::demand_bw, "demand")
      .out("supply_bw", &DataOut::supply_bw, "supply")
      .out("margin", &DataOut::margin, "supply − demand")
      .run(&solve_data);
  SolverDef<TransformIn, TransformOut>("transformation", "transformation", "MODELS §10 (Wall 9), seed Eq. (12)",
                                       "CPU preprocessing against the accelerator's step")
      .in("batch_size", &TransformIn::batch_size, "batch B", Req).alias("batch")
      .in("cpu_rate", &TransformIn::cpu_rate, "preprocessing rate R", Req)
      .in("accelerator_step_time", &TransformIn::accelerator_step_time, "accelerator step T_a", Req)
      .out("transform_time", &TransformOut::transform_time, "B/R")
      .out("is_bottleneck", &TransformOut::is_bottleneck, "T > T_a")
      .out("accelerator_utilization", &TransformOut::accelerator_utilization, "T_a/max(T, T_a)")
      .out("slowdown_factor", &TransformOut::slowdown_factor, "max(T, T_a)/T_a")
      .out("demand_rate", &TransformOut::demand_rate, "B/T_a")
      .out("headroom", &TransformOut::headroom, "R·T_a/B")
      .run(&solve_transform);
  SolverDef<TopoIn, TopoOut>("topology", "topology", "MODELS §10 (Wall 10), seed Eq. (13)",
                             "effective and bisection bandwidth of a network topology")
      .in("fabric", &TopoIn::fabric, "the network", Req)
      .in("topology", &TopoIn::topology, "fat_tree, dragonfly, torus_3d or ring", one_of({"fat_tree", "dragonfly", "torus_3d", "ring"}))
      .in("num_nodes", &TopoIn::num_nodes, "nodes N", at_least(2))
      .out("bisection_bw_fraction", &TopoOut::bisection_bw_fraction, "β")
      .out("effective_bw", &TopoOut::effective_bw, "BW·β/osub")
      .out("bisection_bw", &TopoOut::bisection_bw, "BW·β·N/(2·osub)")
      .out("hops_avg", &TopoOut::hops_avg, "average hops")
      .run(&solve_topology);
}
}  // namespace reg

}  // namespace mls
