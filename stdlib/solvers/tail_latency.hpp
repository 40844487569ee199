// MODELS §9: Wall 7 TailLatencyModel (seed Eq. (10)): M/M/c Erlang-C in log space, Kingman factor.
#pragma once

#include "stdlib/core/quantity.hpp"

namespace mls {

// Probability that an arrival waits in an M/M/c queue (0 when λ = 0; 1 when unstable).
double erlang_c(q::RequestRate lambda, q::RequestRate mu, int c);

struct TailIn {
  q::RequestRate arrival_rate{};   // λ ≥ 0
  q::Time service_time{};          // T_s > 0
  int num_replicas = 1;            // c ≥ 1
  double service_time_cv = 1.0;    // cv ≥ 0
};

struct TailOut {
  double queue_utilization = 0;    // ρ = λ·T_s/c (true ρ even when unstable, D17)
  bool is_stable = true;
  double p_wait = 0;
  q::Time mean_wait{};             // K_f·P_wait/(cμ − λ)
  q::Time p50_latency{}, p99_latency{};
  double slo_headroom_ratio = 0;   // w_0.99 / (5·T_s)
  double kingman_factor = 1;       // (cv² + 1)/2
};

TailOut solve_tail_latency(const TailIn& in);

}  // namespace mls
