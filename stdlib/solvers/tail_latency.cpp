#include "stdlib/solvers/tail_latency.hpp"

#include "stdlib/core/value.hpp"
#include "stdlib/registry/solver_registry.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace mls {

double erlang_c(q::RequestRate lambda, q::RequestRate mu, int c) {
  const double a = (lambda / mu).value();  // offered load in Erlangs
  if (a <= 0) return 0;
  const double rho = a / c;
  if (rho >= 1) return 1;
  // Log space with lgamma so large c neither overflows nor underflows (kept from 0.1.1).
  const double log_top = c * std::log(a) - std::lgamma(c + 1.0) - std::log1p(-rho);
  double m = log_top;
  for (int k = 0; k < c; ++k) m = std::max(m, k * std::log(a) - std::lgamma(k + 1.0));
  double sum = std::exp(log_top - m);
  for (int k = 0; k < c; ++k) sum += std::exp(k * std::log(a) - std::lgamma(k + 1.0) - m);
  return std::exp(log_top - m) / sum;
}

TailOut solve_tail_latency(const TailIn& in) {
  if (!(in.service_time.value() > 0)) throw SolverError("InvalidInput", "service_time must be > 0");
  if (in.num_replicas < 1) throw SolverError("InvalidInput", "num_replicas must be >= 1");
  if (in.arrival_rate.value() < 0) throw SolverError("InvalidInput", "arrival_rate must be >= 0");
  if (in.service_time_cv < 0) throw SolverError("InvalidInput", "service_time_cv must be >= 0");
  TailOut o;
  const double inf = std::numeric_limits<double>::infinity();
  const q::RequestRate mu = 1.0 * q::request / in.service_time;
  const double c = in.num_replicas;
  o.queue_utilization = (in.arrival_rate / mu).value() / c;
  o.kingman_factor = (in.service_time_cv * in.service_time_cv + 1) / 2;
  if (o.queue_utilization >= 1) {
    o.is_stable = false;
    o.p_wait = 1;
    o.mean_wait = o.p50_latency = o.p99_latency = inf * q::seconds;
    o.slo_headroom_ratio = inf;
    return o;
  }
  o.p_wait = erlang_c(in.arrival_rate, mu, in.num_replicas);
  const q::RequestRate spare = c * mu - in.arrival_rate;  // cμ − λ
  auto wait = [&](double quantile) {
    // Seed Eq. (10): w_q = K_f·max(0, ln(P_wait/(1−q)))/(cμ − λ); 0 when nobody waits.
    if (o.p_wait <= 0) return q::Time{};
    return q::Time(o.kingman_factor * std::max(0.0, std::log(o.p_wait / (1 - quantile))) * q::request / spare);
  };
  o.p50_latency = in.service_time + wait(0.5);
  const q::Time w99 = wait(0.99);
  o.p99_latency = in.service_time + w99;
  o.mean_wait = q::Time(o.kingman_factor * o.p_wait * q::request / spare);
  o.slo_headroom_ratio = (w99 / (5.0 * in.service_time)).value();
  return o;
}

namespace reg {
namespace {
struct ErlangIn {
  q::RequestRate lam{};
  q::RequestRate mu{};
  int c = 1;
};
}  // namespace

void register_tail_latency() {
  SolverDef<TailIn, TailOut>("tail_latency", "tail_latency", "MODELS §9 (Wall 7), seed Eq. (10)",
                             "P50/P99 latency of c replicas under Poisson arrivals (Erlang-C, Kingman)")
      .in("arrival_rate", &TailIn::arrival_rate, "arrivals λ", Req)
      .in("service_time", &TailIn::service_time, "service time T_s", Req)
      .in("num_replicas", &TailIn::num_replicas, "replicas c", at_least(1)).alias("replicas")
      .in("service_time_cv", &TailIn::service_time_cv, "coefficient of variation of service", at_least(0)).alias("cv")
      .out("queue_utilization", &TailOut::queue_utilization, "ρ")
      .out("is_stable", &TailOut::is_stable, "ρ < 1")
      .out("p_wait", &TailOut::p_wait, "Erlang-C wait probability")
      .out("mean_wait", &TailOut::mean_wait, "K_f·P_wait/(cμ − λ)").infinite_when("the queue is unstable")
      .out("p50_latency", &TailOut::p50_latency, "T_s + w_0.5").infinite_when("the queue is unstable")
      .out("p99_latency", &TailOut::p99_latency, "T_s + w_0.99").infinite_when("the queue is unstable")
      .out("slo_headroom_ratio", &TailOut::slo_headroom_ratio, "w_0.99/(5·T_s)").infinite_when("the queue is unstable")
      .out("kingman_factor", &TailOut::kingman_factor, "(cv²+1)/2")
      .run(&solve_tail_latency);
  SolverDef<ErlangIn, double>("erlang_c", "erlang_c", "Erlang C (seed Eq. 10)", "probability an arrival waits in M/M/c")
      .in("lam", &ErlangIn::lam, "arrival rate λ", Req)
      .in("mu", &ErlangIn::mu, "service rate μ per server", Req)
      .in("c", &ErlangIn::c, "servers", at_least(1))
      .run([](const ErlangIn& i) { return erlang_c(i.lam, i.mu, i.c); });
}
}  // namespace reg

}  // namespace mls
