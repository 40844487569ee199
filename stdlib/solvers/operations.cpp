#include "stdlib/solvers/operations.hpp"

#include "stdlib/core/value.hpp"
#include "stdlib/registry/solver_registry.hpp"
#include "stdlib/solvers/precision.hpp"
#include "stdlib/solvers/workload_lowering.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace mls {

namespace {
const q::CarbonIntensity kUsAvgCi = 429e-3 * q::kilogram / (3.6e6 * q::joule);       // zoo US_Avg: 429 g/kWh
const q::WaterIntensity kUsAvgWue = 1.8e-3 * q::cubic_meter / (3.6e6 * q::joule);   // zoo US_Avg: 1.8 L/kWh
}  // namespace

ResolvedSite resolve_site(const std::optional<Site>& site, const Fleet& fleet) {
  auto from_grid = [](const Grid& g, std::optional<double> pue) {
    return ResolvedSite{g.carbon_intensity, g.wue, pue.value_or(g.pue), g.name};
  };
  if (site && site->datacenter) return from_grid(site->datacenter->grid, site->datacenter->pue);
  if (site && site->grid) return from_grid(*site->grid, std::nullopt);
  if (fleet.datacenter) return from_grid(fleet.datacenter->grid, fleet.datacenter->pue);
  if (fleet.grid) return from_grid(*fleet.grid, std::nullopt);
  return ResolvedSite{kUsAvgCi, kUsAvgWue, 1.12, "US Average"};  // kept from 0.1.1
}

namespace {
// Power per device. Textbook: the Barroso–Hölzle model; with mfu = 1 this is 002's E_IT = TDP·N·T
// (seed Eq. (29)-(31)). Calibrated (issue 22): the device's measured average power under training
// load (zoo training_power, system share included) for the busy share u of the time and its idle
// power for the rest: P = u·P_train + (1 − u)·P_idle.
q::Power device_power(const SustainabilityIn& in) {
  const Hardware& h = in.fleet.node.accelerator;
  const bool calibrated = in.fidelity == "calibrated";
  const std::string basis = in.power_basis == "default" ? (calibrated ? "measured" : "model") : in.power_basis;
  if (basis == "model") return h.tdp * (0.3 + 0.7 * in.mfu);
  if (basis == "tdp") return h.tdp;
  if (!h.training_power)
    throw SolverError("MissingSpec", h.name + " has no measured training_power in the zoo; pass power_basis = \"tdp\" "
                                              "or give the device a training_power (docs/fidelity.md, Energy)");
  if (in.utilization >= 1) return *h.training_power;
  if (!h.idle_power)
    throw SolverError("MissingSpec", h.name + " has no idle_power in the zoo: utilization < 1 needs it; give the "
                                              "device an idle_power or pass utilization = 1");
  return in.utilization * *h.training_power + (1 - in.utilization) * *h.idle_power;
}
}  // namespace

SustainabilityOut solve_sustainability(const SustainabilityIn& in) {
  if (!(in.mfu >= 0 && in.mfu <= 1)) throw SolverError("InvalidInput", "mfu must lie in [0, 1]");
  if (in.duration.value() < 0) throw SolverError("InvalidInput", "duration must be >= 0");
  if (!(in.utilization >= 0 && in.utilization <= 1)) throw SolverError("InvalidInput", "utilization must lie in [0, 1]");
  const ResolvedSite s = resolve_site(in.site, in.fleet);
  const Hardware& h = in.fleet.node.accelerator;
  const double N = in.fleet.devices();
  SustainabilityOut o;
  o.power_per_device = device_power(in);
  o.it_energy = o.power_per_device * N * in.duration;
  o.total_energy = o.it_energy * s.pue;
  o.operational_carbon = o.total_energy * s.ci;
  o.embodied_carbon = N * in.embodied_carbon_per_device;
  // Calibrated: the job's share of the devices' embodied carbon, amortised linearly over their service
  // life (Gupta et al. 2021, "Chasing Carbon", §3; the GHG Protocol's straight-line allocation):
  // C_emb,job = N · C_emb · min(1, T / life). C_emb: the parameter if given, else the zoo's.
  if (in.fidelity == "calibrated") {
    const q::Mass per = in.embodied_carbon_per_device.value() > 0 ? in.embodied_carbon_per_device
                                                                  : h.embodied_carbon.value_or(q::Mass{});
    const std::optional<q::Time> life = in.service_life ? in.service_life : h.service_life;
    if (per.value() > 0 && !life)
      throw SolverError("MissingSpec", h.name + " has no service_life: pass service_life = ... year to amortise its "
                                                "embodied carbon");
    if (per.value() > 0) o.embodied_carbon = N * per * std::min(1.0, (in.duration / *life).value());
  }
  o.carbon_footprint = o.operational_carbon + o.embodied_carbon;
  o.water_usage = o.total_energy * s.wue;
  o.pue = s.pue;
  o.region_name = s.name;
  return o;
}

EconomicsOut solve_economics(const EconomicsIn& in) {
  if (!(in.amortization.value() > 0)) throw SolverError("InvalidInput", "amortization must be > 0");
  const Hardware& h = in.fleet.node.accelerator;
  SustainabilityIn si{in.fleet, in.duration, in.site, in.mfu, q::Mass{}};
  const SustainabilityOut s = solve_sustainability(si);
  EconomicsOut o;
  const double N = in.fleet.devices();
  o.it_energy = s.it_energy;
  o.total_energy = s.total_energy;
  o.operational_carbon = s.operational_carbon;
  o.embodied_carbon = s.embodied_carbon;
  o.carbon_footprint = s.carbon_footprint;
  o.water_usage = s.water_usage;
  o.pue = s.pue;
  o.region_name = s.region_name;
  if (in.rental_price) {
    // A rented fleet (issue 26): the hourly price covers the device, the facility and its power, so the
    // cost is price × devices × time and there is no capex, energy bill or maintenance of one's own.
    o.pricing = "rental";
    o.rental_cost = *in.rental_price * N * in.duration;
    o.tco = o.rental_cost;
    return o;
  }
  // D23: no $30,000 fallback — a device without a price is a missing spec.
  const std::optional<q::Money> price = in.unit_cost ? in.unit_cost : h.unit_cost;
  if (!price)
    throw SolverError("MissingSpec", h.name + " has no unit_cost; pass unit_cost = ... USD, or rental_price = " + h.name +
                                         ".rental_price to price the fleet as rented");
  // Seed Eq. (28): TCO = amortised capex + energy opex (facility energy, PUE included) + maintenance.
  o.capex_total = *price * N * in.infrastructure_multiplier;
  o.capex = o.capex_total * (in.duration / in.amortization).value();
  o.opex_energy = s.total_energy * in.kwh_price;
  o.opex_maintenance = o.capex_total * (in.maintenance_ratio * in.duration).value();
  o.total_opex = o.opex_energy + o.opex_maintenance;
  o.tco = o.capex + o.total_opex;
  return o;
}

namespace {
const double kInf = std::numeric_limits<double>::infinity();

struct ReliabilityIn {
  Fleet fleet;
  q::Time job_duration{};
  q::Time checkpoint_time = 60.0 * q::seconds;
  q::Time recovery_time = 300.0 * q::seconds;
  q::Time gpu_mtbf = 50000.0 * 3600 * q::seconds;   // kept from 0.1.1, now inputs (+inf disables)
  q::Time nic_mtbf = 150000.0 * 3600 * q::seconds;
  q::Time psu_mtbf = 100000.0 * 3600 * q::seconds;
  // Issue 22: at the calibrated level the node's interruption rates per failure class (zoo); `classes`
  // picks which count ("all", or a comma-separated list of gpu, hbm, network, nic, host, psu, software).
  std::string fidelity = "textbook";
  std::string classes = "all";
};
struct ReliabilityOut {
  q::Time node_mtbf{}, fleet_mtbf{};
  double failure_probability = 0, expected_failures = 0;
  q::Time optimal_checkpoint_interval{};
  double goodput_ratio = 1;
  // Calibrated: expected interruptions of the job by class (0 at textbook).
  double failures_gpu = 0, failures_hbm = 0, failures_network = 0, failures_nic = 0, failures_host = 0,
         failures_psu = 0, failures_software = 0;
};
q::Time node_mtbf(double gpus, q::Time gpu, double nics, q::Time nic, double psus, q::Time psu) {
  // Components in series: failure rates add.
  q::Frequency rate = gpus / gpu + nics / nic + psus / psu;
  return rate.value() > 0 ? q::Time(1.0 / rate) : q::Time(kInf * q::seconds);
}
// Node failure rate by class. Textbook: the component MTBFs (gpu, nic, psu) only, so `classes` picks
// among them. Calibrated: interruption classes in series, each a rate per node from a published
// large-scale study (zoo; Llama Team 2024 Table 5 for DGX H100), so the job's interruptions and their
// split by cause follow: E[n_c] = λ_c · nodes · T. A node with only an all-cause `interruption_rate`
// (a job-level MTTF study, no breakdown) uses that total. Classes the zoo lacks for the node fall back to
// the textbook component MTBFs (accelerators, NICs, PSUs).
q::Frequency class_rates(const ReliabilityIn& in, ReliabilityOut& o, double node_hours) {
  static const char* kNames[] = {"gpu", "hbm", "network", "nic", "host", "psu", "software"};
  std::vector<std::string> chosen;
  if (in.classes != "all") {
    std::string cur;
    for (char c : in.classes + ",") {
      if (c == ',') {
        if (std::find(std::begin(kNames), std::end(kNames), cur) == std::end(kNames))
          throw SolverError("InvalidInput", "unknown failure class '" + cur + "' in classes: use all, or a comma-separated "
                                            "list of gpu, hbm, network, nic, host, psu, software");
        chosen.push_back(cur);
        cur.clear();
      } else if (c != ' ') {
        cur += c;
      }
    }
  }
  auto on = [&](const char* c) { return in.classes == "all" || std::find(chosen.begin(), chosen.end(), c) != chosen.end(); };
  const Node& n = in.fleet.node;
  const bool zoo = in.fidelity == "calibrated" && (n.gpu_failure_rate || n.hbm_failure_rate || n.network_failure_rate || n.nic_failure_rate ||
                   n.host_failure_rate || n.psu_failure_rate || n.software_failure_rate);
  const q::Frequency none{};
  // A fleet generation with only a job-level all-cause rate (Kokolis et al. 2025 for A100 clusters):
  // interruptions are counted in total, never split by class.
  if (in.fidelity == "calibrated" && !zoo && n.interruption_rate) {
    if (in.classes != "all")
      throw SolverError("InvalidInput", "node " + n.name + " has only an all-cause interruption_rate (its source gives no "
                                        "breakdown by class): use classes = \"all\", or give the node per-class *_failure_rate fields");
    return *n.interruption_rate;
  }
  const q::Frequency gpu = zoo ? n.gpu_failure_rate.value_or(none) : double(n.gpus) / in.gpu_mtbf;
  const q::Frequency nic = zoo ? n.nic_failure_rate.value_or(none) : double(n.nics) / in.nic_mtbf;
  const q::Frequency psu = zoo ? n.psu_failure_rate.value_or(none) : double(n.psus) / in.psu_mtbf;
  const q::Frequency rates[] = {on("gpu") ? gpu : none,
                                on("hbm") ? n.hbm_failure_rate.value_or(none) : none,
                                on("network") ? n.network_failure_rate.value_or(none) : none,
                                on("nic") ? nic : none,
                                on("host") ? n.host_failure_rate.value_or(none) : none,
                                on("psu") ? psu : none,
                                on("software") ? n.software_failure_rate.value_or(none) : none};
  double* out[] = {&o.failures_gpu, &o.failures_hbm, &o.failures_network, &o.failures_nic,
                   &o.failures_host, &o.failures_psu, &o.failures_software};
  q::Frequency total{};
  for (int i = 0; i < 7; ++i) {
    *out[i] = rates[i].value() * node_hours;
    total += rates[i];
  }
  return total;
}

ReliabilityOut solve_reliability(const ReliabilityIn& in) {
  if (!(in.checkpoint_time.value() > 0)) throw SolverError("InvalidInput", "checkpoint_time must be > 0");
  if (in.job_duration.value() < 0) throw SolverError("InvalidInput", "job_duration must be >= 0");
  ReliabilityOut o;
  const Node& n = in.fleet.node;
  if (in.fleet.node_mtbf) {
    o.node_mtbf = *in.fleet.node_mtbf;
  } else if (in.fidelity == "calibrated" || in.classes != "all") {
    const q::Frequency rate = class_rates(in, o, in.fleet.count * in.job_duration.value());
    o.node_mtbf = rate.value() > 0 ? q::Time(1.0 / rate) : q::Time(kInf * q::seconds);
  } else {
    o.node_mtbf = node_mtbf(n.gpus, in.gpu_mtbf, n.nics, in.nic_mtbf, n.psus, in.psu_mtbf);
  }
  o.fleet_mtbf = o.node_mtbf / double(in.fleet.count);                      // seed Eq. (24), N = nodes
  const double x = (in.job_duration / o.fleet_mtbf).value();
  o.failure_probability = -std::expm1(-x);                                  // Eq. (25)
  o.expected_failures = x;
  const q::Time tau = q::Time(std::sqrt((2.0 * in.checkpoint_time * o.fleet_mtbf).value()) * q::seconds);  // Eq. (26), Young
  o.optimal_checkpoint_interval = tau;
  // Goodput with re-work τ/2 per failure (D20) [J9].
  o.goodput_ratio = std::max(0.0, 1 - (in.checkpoint_time / tau).value() - ((tau / 2.0 + in.recovery_time) / o.fleet_mtbf).value());
  return o;
}

struct OrchestrationIn {
  q::Frequency arrival_rate{};
  q::Time avg_job_duration{};
};
struct OrchestrationOut {
  double cluster_utilization = 0;
  bool is_stable = true;
  q::Time avg_wait_time{};
  double avg_queue_length = 0;
};
OrchestrationOut solve_orchestration(const OrchestrationIn& in) {
  if (in.arrival_rate.value() < 0) throw SolverError("InvalidInput", "arrival_rate must be >= 0");
  if (!(in.avg_job_duration.value() > 0)) throw SolverError("InvalidInput", "avg_job_duration must be > 0");
  OrchestrationOut o;
  const q::Frequency mu = 1.0 / in.avg_job_duration;
  const double rho = (in.arrival_rate / mu).value();
  o.cluster_utilization = rho;
  if (rho >= 1) {
    o.is_stable = false;
    o.avg_wait_time = kInf * q::seconds;
    o.avg_queue_length = kInf;
    return o;
  }
  o.avg_wait_time = rho / (2.0 * mu * (1 - rho));        // M/D/1, seed Eq. (27)
  o.avg_queue_length = rho * rho / (2 * (1 - rho));
  return o;
}

struct CheckpointIn {
  Workload model;
  std::optional<Hardware> hardware;
  std::optional<q::Bandwidth> storage_bw;
  std::string optimizer = "adam";
  q::Time checkpoint_interval = 4.0 * 3600 * q::seconds;
  double n_writers = 1;
  q::Bandwidth filesystem_limit = 500e9 * q::byte / q::seconds;
};
struct CheckpointOut {
  q::Bytes checkpoint_size{};
  q::Bandwidth effective_write_bw{};
  q::Time write_time{};
  double mfu_penalty = 0;
  bool storage_bottleneck = false;
};
CheckpointOut solve_checkpoint(const CheckpointIn& in) {
  if (!(in.checkpoint_interval.value() > 0)) throw SolverError("InvalidInput", "checkpoint_interval must be > 0");
  std::optional<q::Bandwidth> bw = in.storage_bw;
  if (!bw && in.hardware) bw = in.hardware->storage_bw;
  if (!bw) throw SolverError("MissingSpec", "no storage bandwidth: pass storage_bw or a device with storage_bw (D21)");
  CheckpointOut o;
  // Seed Eq. (32): weights + optimizer state, 14 B/param for Adam (fp16 weights, fp32 master + 2 moments), 4 for SGD.
  const q::BytesPerParam per = (in.optimizer == "sgd" ? 4.0 : 14.0) * q::byte / q::param;
  if (in.optimizer != "adam" && in.optimizer != "sgd") throw SolverError("InvalidInput", "optimizer must be adam or sgd");
  o.checkpoint_size = params_of(in.model) * per;
  o.effective_write_bw = std::min(q::Bandwidth(*bw * in.n_writers), in.filesystem_limit);
  o.write_time = o.checkpoint_size / o.effective_write_bw;
  o.mfu_penalty = (o.write_time / in.checkpoint_interval).value();
  o.storage_bottleneck = o.write_time > 60.0 * q::seconds;
  return o;
}

struct ResponsibleIn {
  q::Time base_training_time{};
  double epsilon = 1;
  double delta = 1e-5;
  double min_subgroup_prevalence = 0.01;
};
struct ResponsibleOut {
  double dp_slowdown_factor = 1;
  q::Time effective_training_time{};
  double additional_data_requirement = 1;
};
ResponsibleOut solve_responsible(const ResponsibleIn& in) {
  if (!(in.epsilon > 0)) throw SolverError("InvalidInput", "epsilon must be > 0");
  if (!(in.min_subgroup_prevalence > 0 && in.min_subgroup_prevalence <= 1))
    throw SolverError("InvalidInput", "min_subgroup_prevalence must lie in (0, 1]");
  ResponsibleOut o;
  o.dp_slowdown_factor = 1 + 2 / std::max(in.epsilon, 0.01);  // seed Eq. (33), DP-SGD heuristic (kept)
  o.effective_training_time = in.base_training_time * o.dp_slowdown_factor;
  o.additional_data_requirement = 1 / std::max(in.min_subgroup_prevalence, 1e-6);
  return o;
}

struct NodeMtbfIn {
  double gpus = 8, nics = 8, psus = 2;
  q::Time gpu_mtbf = 50000.0 * 3600 * q::seconds, nic_mtbf = 150000.0 * 3600 * q::seconds, psu_mtbf = 100000.0 * 3600 * q::seconds;
};
struct FleetMtbfIn {
  q::Time node_mtbf{};
  double nodes = 1;
};
struct FailIn {
  q::Time duration{};
  q::Time mtbf{};
};
struct YoungIn {
  q::Time checkpoint_time{};
  q::Time mtbf{};
};
struct SeriesIn {
  std::vector<double> availabilities;
};
}  // namespace

namespace reg {
void register_operations() {
  SolverDef<SustainabilityIn, SustainabilityOut>("sustainability", "sustainability", "MODELS §14 (Wall 18), seed Eq. (29)-(31)",
                                                 "energy, carbon and water of a fleet over a duration")
      .in("fleet", &SustainabilityIn::fleet, "the fleet", Req)
      .in("duration", &SustainabilityIn::duration, "how long it runs", Req)
      .in("site", &SustainabilityIn::site, "a grid or a datacenter (default: the fleet's, then US_Avg)")
      .in("mfu", &SustainabilityIn::mfu, "utilisation in the power model", between(0, 1))
      .in("embodied_carbon_per_device", &SustainabilityIn::embodied_carbon_per_device, "embodied carbon per device", at_least(0))
      .in("fidelity", &SustainabilityIn::fidelity, "textbook (MODELS §14) or calibrated (docs/fidelity.md)",
          one_of({"textbook", "calibrated"}))
      .in("power_basis", &SustainabilityIn::power_basis,
          "default (the level's model), model (TDP·(0.3 + 0.7·mfu)), tdp, or measured (the zoo's training_power)",
          one_of({"default", "model", "tdp", "measured"}))
      .in("utilization", &SustainabilityIn::utilization, "share of the duration under load (measured power only)", between(0, 1))
      .in("service_life", &SustainabilityIn::service_life, "device life embodied carbon is amortised over (calibrated; default: the zoo's)")
      .out("it_energy", &SustainabilityOut::it_energy, "P_dev·N·t")
      .out("total_energy", &SustainabilityOut::total_energy, "E_IT·PUE")
      .out("operational_carbon", &SustainabilityOut::operational_carbon, "E·CI")
      .out("embodied_carbon", &SustainabilityOut::embodied_carbon, "embodied·N")
      .out("carbon_footprint", &SustainabilityOut::carbon_footprint, "operational + embodied")
      .out("water_usage", &SustainabilityOut::water_usage, "E·WUE")
      .out("pue", &SustainabilityOut::pue, "PUE used")
      .out("region_name", &SustainabilityOut::region_name, "the grid")
      .out("power_per_device", &SustainabilityOut::power_per_device, "TDP·(0.3 + 0.7·mfu); calibrated: u·P_train + (1 − u)·P_idle")
      .run(&solve_sustainability);
  SolverDef<EconomicsIn, EconomicsOut>("economics", "economics", "MODELS §14 (Wall 17), seed Eq. (28)",
                                       "total cost of ownership: capex amortisation, energy, maintenance")
      .in("fleet", &EconomicsIn::fleet, "the fleet", Req)
      .in("duration", &EconomicsIn::duration, "how long it runs", Req)
      .in("site", &EconomicsIn::site, "a grid or a datacenter")
      .in("mfu", &EconomicsIn::mfu, "utilisation in the power model", between(0, 1))
      .in("kwh_price", &EconomicsIn::kwh_price, "electricity price", at_least(0))
      .in("amortization", &EconomicsIn::amortization, "hardware lifetime", at_least(0, true))
      .in("infrastructure_multiplier", &EconomicsIn::infrastructure_multiplier, "facility capex multiplier", at_least(0))
      .in("unit_cost", &EconomicsIn::unit_cost, "price per device (default: the zoo's)")
      .in("maintenance_ratio", &EconomicsIn::maintenance_ratio, "maintenance per year as a fraction of capex", at_least(0))
      .in("rental_price", &EconomicsIn::rental_price,
          "price per device-hour of a rented fleet (e.g. H100.rental_price or H100.reserved_price); given: tco = rental")
      .out("capex_total", &EconomicsOut::capex_total, "unit_cost·N·infra")
      .out("capex", &EconomicsOut::capex, "capex_total·duration/amortization")
      .out("opex_energy", &EconomicsOut::opex_energy, "E_total·price")
      .out("opex_maintenance", &EconomicsOut::opex_maintenance, "capex_total·ratio·duration")
      .out("total_opex", &EconomicsOut::total_opex, "energy + maintenance")
      .out("tco", &EconomicsOut::tco, "capex + opex, or the rental cost")
      .out("pricing", &EconomicsOut::pricing, "purchase (seed Eq. (28)) or rental")
      .out("rental_cost", &EconomicsOut::rental_cost, "rental_price·N·duration (0 when bought)")
      .out("it_energy", &EconomicsOut::it_energy, "Wall 18")
      .out("total_energy", &EconomicsOut::total_energy, "Wall 18")
      .out("operational_carbon", &EconomicsOut::operational_carbon, "Wall 18")
      .out("embodied_carbon", &EconomicsOut::embodied_carbon, "Wall 18")
      .out("carbon_footprint", &EconomicsOut::carbon_footprint, "Wall 18")
      .out("water_usage", &EconomicsOut::water_usage, "Wall 18")
      .out("pue", &EconomicsOut::pue, "Wall 18")
      .out("region_name", &EconomicsOut::region_name, "Wall 18")
      .run(&solve_economics);
  SolverDef<ReliabilityIn, ReliabilityOut>("reliability", "reliability", "MODELS §13 (Wall 15), seed Eq. (24)-(26)",
                                           "failures of a fleet over a job, the Young checkpoint interval and goodput")
      .in("fleet", &ReliabilityIn::fleet, "the fleet", Req)
      .in("job_duration", &ReliabilityIn::job_duration, "job length T", Req)
      .in("checkpoint_time", &ReliabilityIn::checkpoint_time, "time to write a checkpoint δ", at_least(0, true))
      .in("recovery_time", &ReliabilityIn::recovery_time, "restart time R", at_least(0))
      .in("gpu_mtbf", &ReliabilityIn::gpu_mtbf, "accelerator MTBF", at_least(0, true))
      .in("nic_mtbf", &ReliabilityIn::nic_mtbf, "NIC MTBF", at_least(0, true))
      .in("psu_mtbf", &ReliabilityIn::psu_mtbf, "PSU MTBF", at_least(0, true))
      .in("fidelity", &ReliabilityIn::fidelity, "textbook (MODELS §13) or calibrated (docs/fidelity.md)",
          one_of({"textbook", "calibrated"}))
      .in("classes", &ReliabilityIn::classes,
          "calibrated: failure classes counted, all or a list of gpu, hbm, network, nic, host, psu, software")
      .out("node_mtbf", &ReliabilityOut::node_mtbf, "1/(G/gpu + nics/nic + psus/psu)").infinite_when("every MTBF is +inf")
      .out("fleet_mtbf", &ReliabilityOut::fleet_mtbf, "node MTBF / nodes").infinite_when("every MTBF is +inf")
      .out("failure_probability", &ReliabilityOut::failure_probability, "1 − e^(−T/M)")
      .out("expected_failures", &ReliabilityOut::expected_failures, "T/M")
      .out("optimal_checkpoint_interval", &ReliabilityOut::optimal_checkpoint_interval, "sqrt(2·δ·M)").infinite_when("every MTBF is +inf")
      .out("goodput_ratio", &ReliabilityOut::goodput_ratio, "1 − δ/τ − (τ/2 + R)/M")
      .out("failures_gpu", &ReliabilityOut::failures_gpu, "calibrated: expected interruptions, accelerator class")
      .out("failures_hbm", &ReliabilityOut::failures_hbm, "calibrated: accelerator memory (HBM, SRAM)")
      .out("failures_network", &ReliabilityOut::failures_network, "calibrated: switches and cables")
      .out("failures_nic", &ReliabilityOut::failures_nic, "calibrated: NICs")
      .out("failures_host", &ReliabilityOut::failures_host, "calibrated: host (CPU, memory, SSD, board, maintenance)")
      .out("failures_psu", &ReliabilityOut::failures_psu, "calibrated: power supplies")
      .out("failures_software", &ReliabilityOut::failures_software, "calibrated: software (bugs, NCCL, dependencies)")
      .run(&solve_reliability);
  SolverDef<OrchestrationIn, OrchestrationOut>("orchestration", "orchestration", "MODELS §13 (Wall 16), seed Eq. (27)",
                                               "M/D/1 job queue: utilisation and wait")
      .in("arrival_rate", &OrchestrationIn::arrival_rate, "job arrivals λ", Req)
      .in("avg_job_duration", &OrchestrationIn::avg_job_duration, "mean job duration d", Req)
      .out("cluster_utilization", &OrchestrationOut::cluster_utilization, "ρ = λ·d")
      .out("is_stable", &OrchestrationOut::is_stable, "ρ < 1")
      .out("avg_wait_time", &OrchestrationOut::avg_wait_time, "ρ/(2μ(1−ρ))").infinite_when("the queue is unstable")
      .out("avg_queue_length", &OrchestrationOut::avg_queue_length, "ρ²/(2(1−ρ))").infinite_when("the queue is unstable")
      .run(&solve_orchestration);
  SolverDef<CheckpointIn, CheckpointOut>("checkpoint", "checkpoint", "MODELS §14 (Wall 19), seed Eq. (32)",
                                         "checkpoint size, write time and MFU penalty")
      .in("model", &CheckpointIn::model, "the model", Req)
      .in("hardware", &CheckpointIn::hardware, "device whose storage_bw writes")
      .in("storage_bw", &CheckpointIn::storage_bw, "storage bandwidth per writer")
      .in("optimizer", &CheckpointIn::optimizer, "adam or sgd")
      .in("checkpoint_interval", &CheckpointIn::checkpoint_interval, "time between checkpoints").alias("interval")
      .in("n_writers", &CheckpointIn::n_writers, "parallel writers", at_least(1))
      .in("filesystem_limit", &CheckpointIn::filesystem_limit, "filesystem bandwidth cap", at_least(0, true))
      .out("checkpoint_size", &CheckpointOut::checkpoint_size, "P·14 B (Adam) or P·4 B (SGD)")
      .out("effective_write_bw", &CheckpointOut::effective_write_bw, "min(storage_bw·writers, fs_limit)")
      .out("write_time", &CheckpointOut::write_time, "size/BW")
      .out("mfu_penalty", &CheckpointOut::mfu_penalty, "write_time/interval")
      .out("storage_bottleneck", &CheckpointOut::storage_bottleneck, "write_time > 60 s")
      .run(&solve_checkpoint);
  SolverDef<ResponsibleIn, ResponsibleOut>("responsible", "responsible", "MODELS §14 (Wall 20), seed Eq. (33)",
                                           "cost of differential privacy and of covering rare subgroups")
      .in("base_training_time", &ResponsibleIn::base_training_time, "training time without DP", Req)
      .in("epsilon", &ResponsibleIn::epsilon, "privacy budget ε")
      .in("delta", &ResponsibleIn::delta, "δ (reported only)")
      .in("min_subgroup_prevalence", &ResponsibleIn::min_subgroup_prevalence, "rarest subgroup share")
      .out("dp_slowdown_factor", &ResponsibleOut::dp_slowdown_factor, "1 + 2/ε")
      .out("effective_training_time", &ResponsibleOut::effective_training_time, "base·slowdown")
      .out("additional_data_requirement", &ResponsibleOut::additional_data_requirement, "1/p_min")
      .run(&solve_responsible);
  // Reliability formula library.
  SolverDef<NodeMtbfIn, q::Time>("node_mtbf", "node_mtbf", "MODELS §13, seed Eq. (24)", "MTBF of a node from its components")
      .in("gpus", &NodeMtbfIn::gpus, "accelerators", at_least(0))
      .in("nics", &NodeMtbfIn::nics, "NICs", at_least(0))
      .in("psus", &NodeMtbfIn::psus, "power supplies", at_least(0))
      .in("gpu_mtbf", &NodeMtbfIn::gpu_mtbf, "accelerator MTBF", at_least(0, true))
      .in("nic_mtbf", &NodeMtbfIn::nic_mtbf, "NIC MTBF", at_least(0, true))
      .in("psu_mtbf", &NodeMtbfIn::psu_mtbf, "PSU MTBF", at_least(0, true))
      .run([](const NodeMtbfIn& i) { return node_mtbf(i.gpus, i.gpu_mtbf, i.nics, i.nic_mtbf, i.psus, i.psu_mtbf); });
  SolverDef<FleetMtbfIn, q::Time>("fleet_mtbf", "fleet_mtbf", "MODELS §13, seed Eq. (24)", "MTBF of n nodes in series")
      .in("node_mtbf", &FleetMtbfIn::node_mtbf, "node MTBF", Req)
      .in("nodes", &FleetMtbfIn::nodes, "nodes", at_least(1))
      .run([](const FleetMtbfIn& i) { return q::Time(i.node_mtbf / i.nodes); });
  SolverDef<FailIn, double>("failure_probability", "failure_probability", "MODELS §13, seed Eq. (25)",
                            "probability of at least one failure: 1 − e^(−T/M)")
      .in("duration", &FailIn::duration, "job length", Req)
      .in("mtbf", &FailIn::mtbf, "MTBF", Req)
      .run([](const FailIn& i) { return -std::expm1(-(i.duration / i.mtbf).value()); });
  SolverDef<YoungIn, q::Time>("young_daly_interval", "young_daly_interval", "MODELS §13, seed Eq. (26) (Young 1974)",
                              "optimal checkpoint interval sqrt(2·δ·M)")
      .in("checkpoint_time", &YoungIn::checkpoint_time, "time to write a checkpoint", Req)
      .in("mtbf", &YoungIn::mtbf, "MTBF", Req)
      .run([](const YoungIn& i) { return q::Time(std::sqrt((2.0 * i.checkpoint_time * i.mtbf).value()) * q::seconds); });
  SolverDef<SeriesIn, double>("series_availability", "series_availability", "reliability block diagram",
                              "availability of components in series: the product")
      .in("availabilities", &SeriesIn::availabilities, "each component's availability", Req)
      .run([](const SeriesIn& i) {
        double a = 1;
        for (double x : i.availabilities) a *= x;
        return a;
      });
}
}  // namespace reg

}  // namespace mls
