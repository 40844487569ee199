// The optimizer's view of one TP × PP configuration (MODELS §16): DistributedModel with ep = 1 and
// the default micro-batching, summarised. Implemented in distributed.cpp.
#pragma once

#include "stdlib/kinds/kinds.hpp"

#include <string>

namespace mls {

struct ParallelCandidate {
  int tp = 1, pp = 1;
  double dp = 1, mfu = 0;
  q::Time step_time{};
  q::Bytes memory{};
  double scaling_efficiency = 0;
};

struct DistributedEval {
  bool ok;               // false when the decomposition is invalid (InvalidParallelism/InvalidInput)
  ParallelCandidate c;
};

DistributedEval evaluate_parallel(const Workload& w, const Fleet& f, double B, double S, Precision p, double eta, int tp,
                                  int pp, int zero_stage, const std::string& recompute, double overlap);

// Level 2 of a fleet scenario (MODELS §17): DistributedModel's step latency, throughput, bottleneck.
struct DistributedStep {
  q::Time latency;
  q::SampleRate throughput;
  std::string bottleneck;
};
DistributedStep distributed_step(const Workload& w, const Fleet& f, double B, double S, Precision p, double eta, int tp,
                                 int pp, int zero_stage);

}  // namespace mls
