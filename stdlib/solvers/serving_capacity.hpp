// Serving capacity (issue 25, MLSYSIM head's ServingCapacityModel): how many replicas a request rate
// needs to meet a P99 latency target — walls 4, 5 and 7 together: continuous batching sets how many
// requests a replica holds at once and how long each takes; Erlang-C queues the arrivals over them.
// docs/solvers.md, "Serving capacity".
#pragma once

#include "stdlib/kinds/kinds.hpp"

#include <optional>
#include <string>

namespace mls {

struct ServingCapacityIn {
  Workload model;
  Hardware hardware;
  q::RequestRate arrival_rate{};                    // λ
  q::Time p99_target{};                             // the P99 latency each request must meet
  q::TokensPerRequest prompt{};                     // S: prompt tokens per request
  q::TokensPerRequest output_tokens = 256.0 * q::token / q::request;  // tokens generated per request
  q::Requests max_batch_size = 64.0 * q::request;   // n_max: concurrency a replica admits
  Precision precision = Precision::fp16;
  double efficiency = 0.5;
  int tp = 1;                                       // devices per replica
  double service_time_cv = 1.0;                     // cv of the request's service time (M/M/c: 1)
  int max_replicas = 100000;
};

struct ServingCapacityOut {
  bool feasible = false;
  std::optional<std::string> reason;                // when no replica count meets the target
  int replicas = 0;                                 // R
  int devices = 0;                                  // R·tp
  q::Requests concurrency_per_replica{};            // n (continuous batching, Wall 5)
  q::Time service_time{};                           // T_s = prefill(S) + output_tokens·ITL(n)
  q::RequestRate replica_throughput{};              // n / T_s
  double utilization = 0;                           // ρ = λ·T_s/(R·n)
  q::Time p50_latency{}, p99_latency{};             // Erlang-C over R·n servers (Wall 7)
};

ServingCapacityOut solve_serving_capacity(const ServingCapacityIn& in);

}  // namespace mls
