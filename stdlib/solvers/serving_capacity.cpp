#include "stdlib/solvers/serving_capacity.hpp"

#include "stdlib/registry/solver_registry.hpp"
#include "stdlib/solvers/batching.hpp"
#include "stdlib/solvers/tail_latency.hpp"

#include "stdlib/solvers/infeasibility.hpp"
#include "stdlib/solvers/serving.hpp"

#include <cmath>
#include <string>

namespace mls {

ServingCapacityOut solve_serving_capacity(const ServingCapacityIn& in) {
  ServingCapacityOut o;
  // No replica count meets the target until one is found: its latencies are +inf (MODELS §0.2).
  o.p50_latency = o.p99_latency = q::Time(INFINITY * q::seconds);
  // Wall 5 (seed Eq. (8)): the requests one replica holds at once, n, each with the KV cache of its whole
  // prompt and output, and the decode step time ITL(n) at that concurrency.
  ContinuousBatchingIn cb;
  cb.model = in.model;
  cb.hardware = in.hardware;
  cb.seq_len = in.prompt + in.output_tokens;  // the KV cache a request ends with
  cb.max_batch_size = in.max_batch_size;
  cb.precision = in.precision;
  cb.efficiency = in.efficiency;
  cb.tp = in.tp;
  const ContinuousBatchingOut b = solve_continuous_batching(cb);
  if (!b.feasible) {
    o.reason = "one replica cannot hold a single request: " + b.reason.value_or("its KV cache does not fit");
    return o;
  }
  const double n = b.max_active_requests.value();
  o.concurrency_per_replica = b.max_active_requests;
  // A request's time in a replica: its own prefill (Wall 4, Eq. (6): arrivals are admitted one at a
  // time), then one token per decode step of the full replica (Eq. (7) at batch n).
  ServingIn one;
  one.model = in.model;
  one.hardware = in.hardware;
  one.seq_len = in.prompt;
  one.precision = in.precision;
  one.efficiency = in.efficiency;
  one.tp = in.tp;
  const q::Time prefill = solve_serving(one).ttft;
  o.service_time = prefill + q::Time(in.output_tokens.value() * b.itl.value() * q::seconds);
  o.replica_throughput = q::RequestRate(n / o.service_time.value() * q::request / q::seconds);
  if (!(o.service_time < in.p99_target)) {
    o.reason = "a request alone takes " + time_text(o.service_time) + " (prefill " + time_text(prefill) + " and " +
               std::to_string(static_cast<long long>(in.output_tokens.value())) + " tokens at " +
               time_text(q::Time(b.itl.value() * q::seconds)) + " each), more than the P99 target " +
               time_text(in.p99_target) + ": no replica count helps; shorten the output, raise tp or use faster hardware";
    return o;
  }
  // Wall 7 (seed Eq. (10)): R replicas are R·n servers of service time T_s. P99 falls as R grows, so the
  // least R is found by doubling from the stable minimum, then bisection.
  auto tail = [&](int R) {
    return solve_tail_latency(TailIn{in.arrival_rate, o.service_time, static_cast<int>(R * n), in.service_time_cv});
  };
  auto meets = [&](int R) {
    TailOut t = tail(R);
    return t.is_stable && t.p99_latency <= in.p99_target;
  };
  const double load = in.arrival_rate.value() * o.service_time.value() / n;  // replicas of pure work
  int lo = std::max(1, static_cast<int>(std::floor(load)));
  if (lo > in.max_replicas) {
    o.reason = "the load alone needs more than max_replicas = " + std::to_string(in.max_replicas) +
               " replicas (λ·T_s/n = " + std::to_string(static_cast<long long>(std::ceil(load))) + "); raise max_replicas";
    return o;
  }
  int hi = lo;
  while (!meets(hi)) {
    if (hi >= in.max_replicas) {
      o.reason = std::to_string(in.max_replicas) + " replicas (max_replicas) do not meet the P99 target; raise max_replicas";
      return o;
    }
    lo = hi;
    hi = std::min(in.max_replicas, hi * 2);
  }
  while (lo < hi) {  // invariant: hi meets the target
    int mid = lo + (hi - lo) / 2;
    if (meets(mid)) hi = mid;
    else lo = mid + 1;
  }
  const TailOut t = tail(hi);
  o.feasible = true;
  o.replicas = hi;
  o.devices = hi * in.tp;
  o.utilization = t.queue_utilization;
  o.p50_latency = t.p50_latency;
  o.p99_latency = t.p99_latency;
  return o;
}

namespace reg {
void register_serving_capacity() {
  SolverDef<ServingCapacityIn, ServingCapacityOut>("serving_capacity", "serving_capacity",
                                                   "issue 25; walls 4, 5, 7: seed Eq. (6)-(8), (10)",
                                                   "replicas needed for a request rate and a P99 latency target")
      .in("model", &ServingCapacityIn::model, "the language model served", Req)
      .in("hardware", &ServingCapacityIn::hardware, "the device of each replica", Req)
      .in("arrival_rate", &ServingCapacityIn::arrival_rate, "requests arriving λ", positive_required())
      .in("p99_target", &ServingCapacityIn::p99_target, "P99 latency target per request", positive_required())
      .in("prompt", &ServingCapacityIn::prompt, "prompt tokens per request S", positive_required())
      .in("output_tokens", &ServingCapacityIn::output_tokens, "tokens generated per request", at_least(0))
      .in("max_batch_size", &ServingCapacityIn::max_batch_size, "concurrency a replica admits n_max", at_least(1))
      .in("precision", &ServingCapacityIn::precision, "numeric precision")
      .in("efficiency", &ServingCapacityIn::efficiency, "achieved fraction of peak η", between(0, 1, true))
      .in("tp", &ServingCapacityIn::tp, "devices per replica (tensor parallel)", at_least(1))
      .in("service_time_cv", &ServingCapacityIn::service_time_cv, "coefficient of variation of service", at_least(0))
      .in("max_replicas", &ServingCapacityIn::max_replicas, "the most replicas to consider", at_least(1))
      .out("feasible", &ServingCapacityOut::feasible, "some replica count meets the target")
      .out("reason", &ServingCapacityOut::reason, "why none does")
      .out("replicas", &ServingCapacityOut::replicas, "the least R meeting the target")
      .out("devices", &ServingCapacityOut::devices, "R·tp")
      .out("concurrency_per_replica", &ServingCapacityOut::concurrency_per_replica, "n (continuous batching)")
      .out("service_time", &ServingCapacityOut::service_time, "prefill(S) + output_tokens·ITL(n)")
      .out("replica_throughput", &ServingCapacityOut::replica_throughput, "n/T_s")
      .out("utilization", &ServingCapacityOut::utilization, "λ·T_s/(R·n); 0 when infeasible")
      .out("p50_latency", &ServingCapacityOut::p50_latency, "P50 over R·n servers").infinite_when("no replica count meets the target")
      .out("p99_latency", &ServingCapacityOut::p99_latency, "P99 over R·n servers").infinite_when("no replica count meets the target")
      .run(&solve_serving_capacity);
}
}  // namespace reg

}  // namespace mls
