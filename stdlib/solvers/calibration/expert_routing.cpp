#include "stdlib/solvers/calibration/expert_routing.hpp"

#include "stdlib/solvers/workload_lowering.hpp"

#include <cmath>

namespace mls::calibration {

ExpertRouting expert_routing(const Workload& w, double tokens) {
  ExpertRouting r;
  const q::Params P = params_of(w), P_act = active_params_of(w);
  const int E = w.experts, k = w.top_k;
  if (w.kind != WorkloadKind::moe || E <= k || k < 1 || !(P > P_act)) {
    r.dense = P;
    r.expert_rows = tokens;
    return r;
  }
  r.experts = double(E) * (P - P_act) / double(E - k);
  r.dense = P - r.experts;
  r.hit_fraction = 1.0 - std::pow(1.0 - double(k) / double(E), tokens);
  r.expert_rows = tokens * double(k) / (double(E) * r.hit_fraction);
  return r;
}

}  // namespace mls::calibration
