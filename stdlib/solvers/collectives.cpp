#include "stdlib/solvers/collectives.hpp"

#include "stdlib/core/value.hpp"
#include "stdlib/registry/solver_registry.hpp"

#include <cmath>

namespace mls {

q::Time ring_allreduce(q::Bytes M, double n, q::Bandwidth bw, q::Time alpha) {
  if (n <= 1) return q::Time{};
  return 2 * (n - 1) / n * (M / bw) + 2 * (n - 1) * alpha;
}

q::Time all_to_all(q::Bytes M, double n, q::Bandwidth bw, q::Time alpha) {
  if (n <= 1) return q::Time{};
  return (n - 1) / n * (M / bw) + (n - 1) * alpha;
}

q::Time hierarchical_allreduce(q::Bytes M, double g, double n_nodes, q::Bandwidth bw_intra, q::Bandwidth bw_inter,
                               q::Time alpha_intra, q::Time alpha_inter) {
  return ring_allreduce(M, g, bw_intra, alpha_intra) + ring_allreduce(M / g, n_nodes, bw_inter, alpha_inter);
}

q::Time p2p_time(q::Bytes M, q::Bandwidth bw, q::Time alpha) { return alpha + M / bw; }

double bubble_fraction(double pp, double m, double v) { return (pp - 1) / (v * m + pp - 1); }

namespace reg {
namespace {
struct RingIn {
  q::Bytes M{};
  double n = 2;
  q::Bandwidth bw{};
  q::Time alpha{};
};
struct HierIn {
  q::Bytes M{};
  double g = 8, n_nodes = 1;
  q::Bandwidth bw_intra{}, bw_inter{};
  q::Time alpha_intra = 500e-9 * q::seconds;  // NVLink α (kept from 0.1.1)
  q::Time alpha_inter = 5e-6 * q::seconds;    // IB α
};
struct BubbleIn {
  double pp = 1, m = 1, v = 1;
};
struct TreeIn {
  q::Bytes M{};
  double n = 2;
  q::Bandwidth bw{};
  q::Time alpha{};
};
}  // namespace

void register_collectives() {
  SolverDef<RingIn, q::Time>("ring_allreduce", "ring_allreduce", "MODELS §12.1, seed Eq. (20)", "ring all-reduce time")
      .in("M", &RingIn::M, "message bytes", Req).alias("message")
      .in("n", &RingIn::n, "participants", at_least(1))
      .in("bw", &RingIn::bw, "link bandwidth β", positive_required()).alias("bandwidth")
      .in("alpha", &RingIn::alpha, "per-message latency α", at_least(0)).alias("latency")
      .run([](const RingIn& i) { return ring_allreduce(i.M, i.n, i.bw, i.alpha); });
  SolverDef<RingIn, q::Time>("all_to_all", "all_to_all", "MODELS §12.1, seed Eq. (23)", "all-to-all time")
      .in("M", &RingIn::M, "message bytes", Req).alias("message")
      .in("n", &RingIn::n, "participants", at_least(1))
      .in("bw", &RingIn::bw, "link bandwidth β", positive_required()).alias("bandwidth")
      .in("alpha", &RingIn::alpha, "per-message latency α", at_least(0)).alias("latency")
      .run([](const RingIn& i) { return all_to_all(i.M, i.n, i.bw, i.alpha); });
  SolverDef<HierIn, q::Time>("hierarchical_allreduce", "hierarchical_allreduce", "MODELS §12.1, seed Eq. (21)",
                             "intra-node ring then inter-node ring on M/g")
      .in("M", &HierIn::M, "message bytes", Req)
      .in("g", &HierIn::g, "peers per node", at_least(1))
      .in("n_nodes", &HierIn::n_nodes, "nodes", at_least(1))
      .in("bw_intra", &HierIn::bw_intra, "intra-node bandwidth", positive_required())
      .in("bw_inter", &HierIn::bw_inter, "inter-node bandwidth", positive_required())
      .in("alpha_intra", &HierIn::alpha_intra, "intra-node α", at_least(0))
      .in("alpha_inter", &HierIn::alpha_inter, "inter-node α", at_least(0))
      .run([](const HierIn& i) {
        return hierarchical_allreduce(i.M, i.g, i.n_nodes, i.bw_intra, i.bw_inter, i.alpha_intra, i.alpha_inter);
      });
  SolverDef<BubbleIn, double>("bubble_fraction", "bubble_fraction", "MODELS §12.1, seed Eq. (22)",
                              "pipeline bubble fraction (pp−1)/(v·m + pp − 1)")
      .in("pp", &BubbleIn::pp, "pipeline stages", at_least(1))
      .in("m", &BubbleIn::m, "micro-batches", at_least(1))
      .in("v", &BubbleIn::v, "interleaved virtual stages", at_least(1))
      .run([](const BubbleIn& i) { return bubble_fraction(i.pp, i.m, i.v); });
  // For comparison in docs: a binary tree all-reduce (2·log2 n steps of the whole message) and the two
  // halves of a ring all-reduce.
  SolverDef<TreeIn, q::Time>("tree_allreduce", "tree_allreduce", "docs/solvers.md (comparison)",
                             "binary-tree all-reduce: 2·⌈log2 n⌉·(α + M/β)")
      .in("M", &TreeIn::M, "message bytes", Req)
      .in("n", &TreeIn::n, "participants", at_least(1))
      .in("bw", &TreeIn::bw, "link bandwidth", positive_required())
      .in("alpha", &TreeIn::alpha, "per-message latency", at_least(0))
      .run([](const TreeIn& i) {
        return i.n <= 1 ? q::Time{} : q::Time(2 * std::ceil(std::log2(i.n)) * (i.alpha + i.M / i.bw));
      });
  SolverDef<TreeIn, q::Time>("reduce_scatter", "reduce_scatter", "docs/solvers.md (comparison)",
                             "ring reduce-scatter: (n−1)/n·M/β + (n−1)·α")
      .in("M", &TreeIn::M, "message bytes", Req)
      .in("n", &TreeIn::n, "participants", at_least(1))
      .in("bw", &TreeIn::bw, "link bandwidth", positive_required())
      .in("alpha", &TreeIn::alpha, "per-message latency", at_least(0))
      .run([](const TreeIn& i) { return all_to_all(i.M, i.n, i.bw, i.alpha); });
  SolverDef<TreeIn, q::Time>("all_gather", "all_gather", "docs/solvers.md (comparison)",
                             "ring all-gather: (n−1)/n·M/β + (n−1)·α")
      .in("M", &TreeIn::M, "message bytes", Req)
      .in("n", &TreeIn::n, "participants", at_least(1))
      .in("bw", &TreeIn::bw, "link bandwidth", positive_required())
      .in("alpha", &TreeIn::alpha, "per-message latency", at_least(0))
      .run([](const TreeIn& i) { return all_to_all(i.M, i.n, i.bw, i.alpha); });
}
}  // namespace reg

}  // namespace mls
