// The zoo's record kinds as C++ structs (MODELS §1, seed 002 §2). Solvers take these by const&.
// Field names follow MODELS §1 so inline JSON records and zoo `.mls` entries use the same words.
// Every quantity is a Boost.Units type; optional fields are std::optional (absent is not zero).
#pragma once

#include "stdlib/core/quantity.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mls {

// MODELS §2: the precisions MLS knows. Anything else is UnknownPrecision.
enum class Precision { fp32, tf32, fp16, bf16, fp8, int8, int4, fp4 };
inline const std::vector<std::string>& precision_names() {
  static const std::vector<std::string> n = {"fp32", "tf32", "fp16", "bf16", "fp8", "int8", "int4", "fp4"};
  return n;
}

struct Provenance {
  std::string source;    // title of the document the numbers come from
  std::string url;
  std::string verified;  // ISO date the source was checked
  bool assumed = false;  // a derived or assumed number says so
};

struct Hardware {
  std::string name;
  std::string tier;                                   // cloud, workstation, edge, mobile, tiny
  int release_year = 0;
  q::FlopRate peak_flops{};                           // dense 16-bit peak (MODELS §1)
  std::map<Precision, q::FlopRate> precision_flops;   // per-precision peaks; absent = unsupported
  q::Bytes capacity{};                                // HBM / main memory
  q::Bandwidth bandwidth{};
  std::optional<q::Bytes> sram_capacity;
  std::optional<q::Bandwidth> sram_bandwidth;
  std::optional<q::Bytes> flash_capacity;
  std::optional<q::Bandwidth> flash_bandwidth;
  std::optional<q::Bytes> storage_capacity;
  std::optional<q::Bandwidth> storage_bw;
  // Two different links (issue 20.7): the host link carries data between the device and host or
  // external memory (PCIe; MemoryX weight injection on a wafer), one direction; the device link joins
  // devices to each other (NVLink, Infinity Fabric, ICI), the vendor's per-device total. Weight
  // streaming reads the host link (MODELS §8); collectives read the node's intra_bw, never these.
  std::optional<q::Bandwidth> host_link_bw;           // was interconnect_bw (MODELS §1)
  std::optional<q::Bandwidth> device_link_bw;
  q::Power tdp{};
  std::optional<q::Money> unit_cost;
  std::optional<q::Mass> embodied_carbon;             // kg CO2e per device
  q::Time dispatch_tax = 1e-5 * q::seconds;           // MODELS §1 default
  // Calibrated level, energy (issue 22): measured average power per device under training load (its
  // share of the node included), idle power, and the service life embodied carbon is amortised over.
  std::optional<q::Power> training_power;
  std::optional<q::Power> idle_power;
  std::optional<q::Time> service_life;
  // Calibrated fidelity (docs/fidelity.md): measured constants of the device, each with its source in
  // the zoo; absent = not calibrated (a calibrated solver then says which field it needs).
  std::optional<double> bw_fraction;                  // achievable fraction of `bandwidth` (copy benchmark)
  std::optional<q::Time> layer_overhead;              // launch + small-kernel cost per layer per step
  std::vector<q::Flops> gemm_flops;                   // GEMM size table: FLOPs of one GEMM on one device ...
  std::vector<double> gemm_efficiency;                // ... and the fraction of peak it reaches (Calculon-style)
  std::vector<double> gemm_efficiency_fp8;            // the same table for fp8 GEMMs, as a fraction of the fp8 peak
  std::optional<double> link_bw_fraction;             // achieved fraction of device_link_bw in a ring all-reduce
  std::optional<q::Time> link_latency;                // α of one ring step on the device link
  std::vector<q::Bytes> allreduce_bytes;              // all-reduce size table (nccl-tests/rccl-tests, one node) ...
  std::vector<q::Bandwidth> allreduce_busbw;          // ... and the bus bandwidth measured at each size
  std::optional<double> attention_efficiency;         // fraction of the 16-bit peak the attention kernel reaches
  // T11 (tile and wave quantization of a layer's GEMMs): the device's SM / compute-unit count (one wave = one
  // tile per SM) and the output tile its GEMM library runs; a device without them does not get the term.
  std::optional<int> sm_count;
  std::optional<int> gemm_tile_m;
  std::optional<int> gemm_tile_n;
};

enum class WorkloadKind { transformer, moe, ssm, cnn, diffusion, generic, vla };

struct Workload {
  WorkloadKind kind = WorkloadKind::transformer;
  std::string name;
  std::optional<q::Params> parameters;                // P
  std::optional<q::Params> active_parameters;         // MoE P_act
  std::optional<q::Bytes> model_size;                 // generic workloads without P
  int layers = 0;                                     // L
  int hidden_dim = 0;                                 // H
  int heads = 0;                                      // a
  std::optional<int> kv_heads;                        // n_kv (default a)
  std::optional<int> ffn_dim;
  std::optional<int> vocab;
  std::optional<q::Tokens> context;
  int experts = 0;
  int top_k = 1;
  int state_size = 0;                                 // SSM N_state
  std::optional<q::Flops> inference_flops;            // per token / image / denoising step
  int denoising_steps = 0;                            // diffusion T_steps
  std::optional<q::Bandwidth> data_rate;              // ingestion demand (scenario Level 1)
  std::optional<int> input_size;                      // CNN input resolution (pixels per side)
  // Vision-language-action policy (issue 25): one query reads H_o observation frames of n_obs tokens each,
  // decodes n_act action tokens one at a time (0: the actions come out of the same pass) and returns a
  // chunk of H_a actions of d_a numbers, executed one per control step.
  int action_horizon = 1;                             // H_a
  int action_dim = 0;                                 // d_a
  int observation_horizon = 1;                        // H_o
  q::Tokens observation_tokens = 1.0 * q::token;      // n_obs per frame
  int action_tokens = 0;                              // n_act
};

struct Node {
  std::string name;
  Hardware accelerator;
  int gpus = 1;                                       // G
  q::Bandwidth intra_bw{};
  std::optional<q::Time> intra_latency;
  int nics = 1;
  int psus = 1;
  // Calibrated level (issue 22): interruption rates per node by failure class from a published
  // large-scale study. (The measured all-reduce bandwidth is the accelerator's link_bw_fraction.)
  std::optional<q::Frequency> gpu_failure_rate, hbm_failure_rate, network_failure_rate, nic_failure_rate,
      host_failure_rate, psu_failure_rate, software_failure_rate;
  // Calibrated level: job interruptions per node-hour from all causes, for a fleet generation whose
  // published study gives a job-level MTTF but no breakdown by class (used when the class rates are absent).
  std::optional<q::Frequency> interruption_rate;
};

struct Fabric {
  std::string name;
  std::string topology;                               // fat_tree, dragonfly, torus_3d, ring, ...
  q::Bandwidth bandwidth{};                           // per port
  std::optional<q::Time> latency;                     // alpha
  double oversubscription = 1.0;
};

struct Grid {
  std::string id;                                     // the zoo entry name (Quebec), set by its declaration
  std::string name;
  q::CarbonIntensity carbon_intensity{};              // kg/J
  double pue = 1.12;
  q::WaterIntensity wue{};                            // m^3/J
  std::optional<q::EnergyPrice> electricity_price;
};

struct Datacenter {
  std::string name;
  Grid grid;
  std::optional<double> pue;                          // overrides the grid's
};

struct Fleet {
  std::string name;
  Node node;
  int count = 1;                                      // nodes
  Fabric fabric;
  std::optional<Grid> grid;
  std::optional<Datacenter> datacenter;
  std::optional<q::Time> node_mtbf;
  int devices() const { return count * node.gpus; }   // N = count·G
};

// An embodied platform (issue 25): a robot or vehicle, its onboard compute module and its control loop.
struct Platform {
  std::string name;
  std::string archetype;                              // manipulator, mobile, legged, humanoid, aerial, vehicle
  Hardware compute;                                   // the onboard module the policy runs on
  q::Frequency control_frequency{};                   // f_c of the loop the policy feeds
  std::optional<q::Mass> mass;
  std::optional<q::Mass> payload;
  std::optional<int> dofs;
  std::optional<q::Power> nominal_power;
  std::optional<q::Bandwidth> sensor_data_rate;       // raw sensor bytes per second
};

// A training data set (issue 25): counts and sizes, for the data walls and embodied training.
struct Dataset {
  std::string name;
  std::string domain;                                 // vision, speech, robotics
  q::Samples examples{};                              // training examples (episodes for robot data)
  std::optional<q::Samples> validation_examples;
  std::optional<q::Bytes> size;                       // bytes on disk or raw
  std::optional<q::Time> duration;                    // recorded time (robot data, audio)
  std::optional<int> classes;
  std::optional<int> embodiments;
  std::optional<int> tasks;
  std::optional<int> image_size;                      // pixels per side
};

// A site for Walls 17/18: a grid profile or a datacenter (MODELS §14).
struct Site {
  std::optional<Grid> grid;
  std::optional<Datacenter> datacenter;
};

struct Scenario {
  std::string name;
  std::string description;
  Workload workload;
  std::optional<Hardware> hardware;                   // single-device scenario
  std::optional<Fleet> fleet;                         // fleet scenario
  q::Time sla{};
  // Which latency the SLA bounds (issue 20.3, docs/solvers.md): "step" (one inference step, MLSYSIM 0.1.1),
  // or, for a language model served to users, "ttft" (time to first token) or "itl" (time between tokens).
  std::string sla_bounds = "step";
  std::optional<q::Power> power_budget;
  int tp = 1, pp = 1, zero_stage = 0;
  double batch = 1;
  std::string precision = "fp16";
  std::string mode = "inference";
};

}  // namespace mls
