// Issue 25 (MLSYSIM head's embodied workloads): can a robot's onboard module run a vision-language-action
// policy fast enough for its control loop? One query is the roofline (Walls 1–2, seed Eq. (1)–(3)) of the
// observation pass plus one decode step per action token; a chunk of H_a actions feeds H_e control steps.
#include "stdlib/core/value.hpp"
#include "stdlib/registry/solver_registry.hpp"
#include "stdlib/solvers/engine.hpp"
#include "stdlib/solvers/infeasibility.hpp"
#include "stdlib/solvers/workload_lowering.hpp"

#include <string>

namespace mls {

namespace {
struct ControlLoopIn {
  Workload policy;
  Platform platform;
  Precision precision = Precision::fp16;
  double efficiency = 0.5;
  std::optional<q::Frequency> control_frequency;  // replaces the platform's f_c
  std::optional<int> execute_steps;               // H_e: actions run before the next query (default H_a)
};
struct ControlLoopOut {
  q::Time query_latency{};          // T_q = T_obs + n_act·T_tok
  q::Time observation_latency{};    // T_obs: roofline of the observation pass
  q::Time action_token_latency{};   // T_tok: roofline of one decoded action token (0 when n_act = 0)
  q::Time control_period{};         // τ = 1/f_c
  q::Time deadline{};               // D = H_e·τ: the next chunk must be ready when this one runs out
  q::Time slack{};                  // D − T_q
  double deadline_utilization = 0;  // T_q/D
  bool meets_deadline = false;      // fits in memory and T_q ≤ D
  q::Frequency max_control_frequency{};  // H_e/T_q
  q::Time action_staleness{};       // T_q + (H_e − 1)·τ: age of the observation behind a chunk's last action
  q::Flops flops_per_step{};        // FLOP(query)/H_e
  q::Bytes bytes_per_step{};        // (1 + n_act)·W/H_e: weights read per query, spread over the chunk
  std::optional<q::Bytes> sensor_bytes_per_step;  // sensor_data_rate·τ
  q::Energy energy_per_step{};      // (E_obs + n_act·E_tok)/H_e
  q::Bytes memory_footprint{};      // W
  bool feasible = true;             // W ≤ the module's capacity
  std::string bottleneck;           // of the observation pass
  int execute_steps = 1;            // H_e used
  std::optional<std::string> reason;
};

EngineOut pass(const ControlLoopIn& in, q::Flops flops) {
  EngineIn e;
  e.model = in.policy;
  e.model.inference_flops = flops;  // the engine's lowering then sees exactly this pass
  e.model.action_tokens = 0;
  e.hardware = in.platform.compute;
  e.precision = in.precision;
  e.efficiency = in.efficiency;
  return solve_engine(e);
}

ControlLoopOut solve_control_loop(const ControlLoopIn& in) {
  const Workload& w = in.policy;
  if (w.kind != WorkloadKind::vla)
    throw SolverError("UnsupportedWorkload", "control_loop needs a vision-language-action policy (kind vla), not " +
                                                 (w.name.empty() ? std::string("another kind") : w.name));
  if (w.action_horizon < 1 || w.observation_horizon < 1 || w.action_tokens < 0)
    throw SolverError("InvalidInput", w.name + ": action_horizon and observation_horizon must be >= 1, action_tokens >= 0");
  const q::Frequency fc = in.control_frequency.value_or(in.platform.control_frequency);
  if (!(fc.value() > 0))
    throw SolverError("InvalidInput", "the control frequency must be > 0 (platform " + in.platform.name + ")");
  const int He = in.execute_steps.value_or(w.action_horizon);
  if (He < 1 || He > w.action_horizon)
    throw SolverError("InvalidInput", "execute_steps " + std::to_string(He) + " must lie in [1, action_horizon = " +
                                          std::to_string(w.action_horizon) + "]: a query returns only " +
                                          std::to_string(w.action_horizon) + " actions");
  if (!(in.efficiency > 0 && in.efficiency <= 1)) throw SolverError("InvalidInput", "efficiency must lie in (0, 1]");

  ControlLoopOut o;
  const EngineOut obs = pass(in, observation_pass_flops(w));
  o.observation_latency = obs.latency;
  o.bottleneck = obs.bottleneck;
  q::Energy e_query = obs.energy;
  if (w.action_tokens > 0) {
    const EngineOut tok = pass(in, 2.0 * q::flop / q::param * params_of(w));  // one decode step: 2·P FLOP, W read
    o.action_token_latency = tok.latency;
    e_query += double(w.action_tokens) * tok.energy;
  }
  o.query_latency = obs.latency + double(w.action_tokens) * o.action_token_latency;
  o.control_period = 1.0 / fc;
  o.execute_steps = He;
  o.deadline = double(He) * o.control_period;
  o.slack = o.deadline - o.query_latency;
  o.deadline_utilization = (o.query_latency / o.deadline).value();
  o.max_control_frequency = double(He) / o.query_latency;
  o.action_staleness = o.query_latency + double(He - 1) * o.control_period;
  const Graph g = lower(w, in.precision);
  o.flops_per_step = g.ops / double(He);
  o.bytes_per_step = (1.0 + w.action_tokens) * g.weight_bytes / double(He);
  if (in.platform.sensor_data_rate) o.sensor_bytes_per_step = *in.platform.sensor_data_rate * o.control_period;
  o.energy_per_step = e_query / double(He);
  o.memory_footprint = obs.memory_footprint;
  o.feasible = obs.feasible;
  o.meets_deadline = o.feasible && o.query_latency <= o.deadline;
  if (!o.feasible) {
    o.reason = "the policy does not fit on " + in.platform.compute.name + ": " + obs.reason.value_or("");
  } else if (!o.meets_deadline) {
    o.reason = "a query takes " + time_text(o.query_latency) + " but its " + std::to_string(He) +
               (He == 1 ? " action lasts " : " actions last ") + time_text(o.deadline) + " at " + rate_text(fc.value(), "step") +
               ": the module sustains at most " + rate_text(o.max_control_frequency.value(), "step") +
               "; lower the control frequency, execute more of each chunk, or use a faster module or a lower precision";
  }
  return o;
}
}  // namespace

namespace reg {
void register_control_loop() {
  SolverDef<ControlLoopIn, ControlLoopOut>("control_loop", "control_loop",
                                           "issue 25 (MLSYSIM head, embodied); roofline seed Eq. (1)-(3) per pass",
                                           "does a platform's onboard module run a VLA policy within its control-loop deadline")
      .in("policy", &ControlLoopIn::policy, "the vision-language-action policy (kind vla)", Req).alias("model")
      .in("platform", &ControlLoopIn::platform, "the robot or vehicle (its compute module and control frequency)", Req)
      .in("precision", &ControlLoopIn::precision, "numeric precision")
      .in("efficiency", &ControlLoopIn::efficiency, "η", between(0, 1, true, false))
      .in("control_frequency", &ControlLoopIn::control_frequency, "control rate f_c (default: the platform's)", at_least(0, true))
      .in("execute_steps", &ControlLoopIn::execute_steps, "actions executed per query H_e (default: action_horizon)", at_least(1))
      .out("query_latency", &ControlLoopOut::query_latency, "T_q = T_obs + n_act·T_tok")
      .out("observation_latency", &ControlLoopOut::observation_latency, "roofline of the observation pass")
      .out("action_token_latency", &ControlLoopOut::action_token_latency, "roofline of one decoded action token")
      .out("control_period", &ControlLoopOut::control_period, "τ = 1/f_c")
      .out("deadline", &ControlLoopOut::deadline, "D = H_e·τ")
      .out("slack", &ControlLoopOut::slack, "D − T_q")
      .out("deadline_utilization", &ControlLoopOut::deadline_utilization, "T_q/D")
      .out("meets_deadline", &ControlLoopOut::meets_deadline, "fits and T_q ≤ D")
      .out("max_control_frequency", &ControlLoopOut::max_control_frequency, "H_e/T_q")
      .out("action_staleness", &ControlLoopOut::action_staleness, "T_q + (H_e − 1)·τ")
      .out("flops_per_step", &ControlLoopOut::flops_per_step, "FLOP per query ÷ H_e")
      .out("bytes_per_step", &ControlLoopOut::bytes_per_step, "(1 + n_act)·W ÷ H_e")
      .out("sensor_bytes_per_step", &ControlLoopOut::sensor_bytes_per_step, "sensor_data_rate·τ")
      .out("energy_per_step", &ControlLoopOut::energy_per_step, "energy per query ÷ H_e")
      .out("memory_footprint", &ControlLoopOut::memory_footprint, "W")
      .out("feasible", &ControlLoopOut::feasible, "W ≤ capacity")
      .out("bottleneck", &ControlLoopOut::bottleneck, "of the observation pass")
      .out("execute_steps", &ControlLoopOut::execute_steps, "H_e")
      .out("reason", &ControlLoopOut::reason, "why the deadline is missed, and what to change")
      .run(&solve_control_loop);
}
}  // namespace reg

}  // namespace mls
