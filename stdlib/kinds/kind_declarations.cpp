// Field-by-field declarations of the zoo's record kinds (MODELS §1). The checker reads names and
// dimensions from here; zoo entries and inline JSON records are converted through them.
#include "stdlib/registry/kind_registry.hpp"

namespace mls::reg {

namespace {
void precision_peak(KindDef<Hardware>& k, const char* field, Precision p, const char* doc) {
  k.computed<q::FlopRate>(
      field, doc,
      [p](const Hardware& h) -> std::optional<q::FlopRate> {
        auto it = h.precision_flops.find(p);
        return it == h.precision_flops.end() ? std::nullopt : std::optional<q::FlopRate>(it->second);
      },
      [p](Hardware& h, std::optional<q::FlopRate> v) {
        if (v) h.precision_flops[p] = *v;
        else h.precision_flops.erase(p);
      });
}

// A catalogue fact (issue 26: rental price, launch date, attention and MoE layout details): declared so
// entries and scripts check it by name and dimension and read it from the zoo record (`hw.rental_price`),
// but no solver reads it, so the C++ struct does not carry it and decoding a record drops it.
template <class M, class T> void info_field(KindDef<T>& k, const char* field, const char* doc) {
  k.template computed<M>(field, doc, [](const T&) { return std::optional<M>(); }, [](T&, std::optional<M>) {});
}

void workload_common(KindDef<Workload>& k) {
  k.field("name", &Workload::name, "display name")
      .field("parameters", &Workload::parameters, "parameter count P").alias("params")
      .field("inference_flops", &Workload::inference_flops, "forward FLOP per token (per image, per step)")
      .field("data_rate", &Workload::data_rate, "ingestion demand");
}

void transformer_shape(KindDef<Workload>& k) {
  k.field("layers", &Workload::layers, "layers L", true)
      .field("hidden_dim", &Workload::hidden_dim, "hidden size H", true).alias("hidden")
      .field("heads", &Workload::heads, "attention heads a", true)
      .field("kv_heads", &Workload::kv_heads, "KV heads n_kv (default: heads)")
      .field("ffn_dim", &Workload::ffn_dim, "feed-forward width").alias("ffn")
      .field("vocab", &Workload::vocab, "vocabulary size")
      .field("context", &Workload::context, "maximum context length");
  info_field<int>(k, "head_dim", "per-head size when it is not hidden_dim / heads (informational: the KV cache uses H/a)");
  info_field<bool>(k, "tied_embeddings", "the output projection shares the input embedding");
  info_field<std::string>(k, "activation", "FFN activation: swiglu, geglu, gelu, relu or squared_relu");
  info_field<int>(k, "kv_lora_rank", "MLA: width of the compressed KV latent");
  info_field<int>(k, "q_lora_rank", "MLA: width of the compressed query");
  info_field<int>(k, "rope_head_dim", "MLA: decoupled RoPE key width per head");
}
}  // namespace

void register_kinds() {
  {
    KindDef<Hardware> k("hardware", "an accelerator, processor or micro-controller (MODELS §1)");
    k.field("name", &Hardware::name, "display name", true)
        .field("tier", &Hardware::tier, "cloud, workstation, edge, mobile or tiny")
        .one_of({"cloud", "workstation", "edge", "mobile", "tiny"})
        .field("release_year", &Hardware::release_year, "year of release").alias("year")
        .field("peak_flops", &Hardware::peak_flops, "dense 16-bit peak compute", true).alias("peak");
    precision_peak(k, "fp32", Precision::fp32, "fp32 peak");
    precision_peak(k, "tf32", Precision::tf32, "tf32 peak");
    precision_peak(k, "fp16", Precision::fp16, "fp16 peak (default: peak_flops)");
    precision_peak(k, "bf16", Precision::bf16, "bf16 peak (default: peak_flops)");
    precision_peak(k, "fp8", Precision::fp8, "fp8 peak");
    precision_peak(k, "int8", Precision::int8, "int8 peak");
    precision_peak(k, "int4", Precision::int4, "int4 peak");
    precision_peak(k, "fp4", Precision::fp4, "fp4 peak");
    k.field("capacity", &Hardware::capacity, "main (HBM) memory capacity", true).alias("memory")
        .field("bandwidth", &Hardware::bandwidth, "main memory bandwidth", true)
        .field("sram_capacity", &Hardware::sram_capacity, "on-chip SRAM capacity")
        .field("sram_bandwidth", &Hardware::sram_bandwidth, "on-chip SRAM bandwidth")
        .field("flash_capacity", &Hardware::flash_capacity, "flash capacity")
        .field("flash_bandwidth", &Hardware::flash_bandwidth, "flash bandwidth")
        .field("storage_capacity", &Hardware::storage_capacity, "local storage capacity")
        .field("storage_bw", &Hardware::storage_bw, "local storage bandwidth")
        // `interconnect_bw` (MODELS §1) meant the host link: kept as its alias so old scripts mean the same.
        .field("host_link_bw", &Hardware::host_link_bw, "host link, one direction: PCIe, or weight injection on a wafer").alias("interconnect_bw")
        .field("device_link_bw", &Hardware::device_link_bw, "device-to-device link per device (NVLink, Infinity Fabric, ICI)")
        .field("tdp", &Hardware::tdp, "thermal design power", true)
        .field("unit_cost", &Hardware::unit_cost, "purchase price per device").alias("price")
        .field("embodied_carbon", &Hardware::embodied_carbon, "embodied carbon per device").alias("embodied_carbon_kg")
        .field("dispatch_tax", &Hardware::dispatch_tax, "fixed launch overhead per step")
        .field("training_power", &Hardware::training_power, "measured average power per device under training load (calibrated level)")
        .field("idle_power", &Hardware::idle_power, "measured idle power per device (calibrated level)")
        .field("service_life", &Hardware::service_life, "service life embodied carbon is amortised over (calibrated level)")
        // The calibrated level's constants (docs/fidelity.md, docs/accuracy.md "Calibrate your own device").
        .field("bw_fraction", &Hardware::bw_fraction, "calibrated: achievable fraction of bandwidth (copy benchmark)")
        .field("layer_overhead", &Hardware::layer_overhead, "calibrated: kernel-launch and small-kernel time per layer per step")
        .field("gemm_flops", &Hardware::gemm_flops, "calibrated: GEMM sizes (FLOP of one GEMM per device) of the efficiency table")
        .field("gemm_efficiency", &Hardware::gemm_efficiency, "calibrated: fraction of peak a GEMM of each gemm_flops size reaches")
        .field("gemm_efficiency_fp8", &Hardware::gemm_efficiency_fp8,
               "calibrated: fraction of the fp8 peak an fp8 GEMM of each gemm_flops size reaches (default: gemm_efficiency)")
        .field("link_bw_fraction", &Hardware::link_bw_fraction, "calibrated: achieved fraction of device_link_bw in a ring all-reduce")
        .field("link_latency", &Hardware::link_latency, "calibrated: latency α of one ring step over the device link")
        .field("allreduce_bytes", &Hardware::allreduce_bytes, "calibrated: message sizes of the measured all-reduce table (nccl-tests/rccl-tests)")
        .field("allreduce_busbw", &Hardware::allreduce_busbw, "calibrated: all-reduce bus bandwidth measured at each allreduce_bytes size")
        .field("attention_efficiency", &Hardware::attention_efficiency,
               "calibrated: fraction of the 16-bit peak the (Flash)attention kernel reaches in prefill")
        .field("sm_count", &Hardware::sm_count, "calibrated: streaming multiprocessors (compute units): tiles per GEMM wave (T11)")
        .field("gemm_tile_m", &Hardware::gemm_tile_m, "calibrated: rows (M) of the GEMM library's output tile (T11)")
        .field("gemm_tile_n", &Hardware::gemm_tile_n, "calibrated: columns (N) of the GEMM library's output tile (T11)");
    info_field<std::string>(k, "launch_date", "general availability, YYYY-MM");
    info_field<q::MoneyRate>(k, "rental_price", "on-demand rental price per device-hour");
    info_field<q::MoneyRate>(k, "reserved_price", "1-year committed rental price per device-hour");
    info_field<std::string>(k, "rental_provider", "who charges the rental price: provider, instance, region");
    info_field<std::string>(k, "rental_date", "date the rental price was read, YYYY-MM-DD");
    info_field<double>(k, "sparsity_speedup", "structured-sparsity factor over the dense peaks (2 = 2:4)");
  }
  {
    KindDef<Workload> k("transformer", "a dense decoder transformer (MODELS §3.1)");
    k.init([](Workload& w) { w.kind = WorkloadKind::transformer; });
    workload_common(k);
    transformer_shape(k);
  }
  {
    KindDef<Workload> k("moe", "a sparse mixture-of-experts transformer (MODELS §3.1)");
    k.init([](Workload& w) { w.kind = WorkloadKind::moe; });
    workload_common(k);
    transformer_shape(k);
    k.field("active_parameters", &Workload::active_parameters, "parameters active per token P_act", true)
        .field("experts", &Workload::experts, "experts per layer", true)
        .field("top_k", &Workload::top_k, "experts routed per token");
    info_field<int>(k, "shared_experts", "experts every token passes through");
    info_field<int>(k, "dense_layers", "layers with a dense FFN instead of experts");
    info_field<int>(k, "dense_ffn_dim", "FFN width of the dense layers");
  }
  {
    KindDef<Workload> k("ssm", "a state-space model such as Mamba (MODELS §3.1)");
    k.init([](Workload& w) { w.kind = WorkloadKind::ssm; });
    workload_common(k);
    k.field("layers", &Workload::layers, "layers L")
        .field("hidden_dim", &Workload::hidden_dim, "hidden size H").alias("hidden")
        .field("state_size", &Workload::state_size, "state dimension N_state").alias("state_dim");
  }
  {
    KindDef<Workload> k("cnn", "a convolutional network; inference_flops is per image (MODELS §3.1)");
    k.init([](Workload& w) { w.kind = WorkloadKind::cnn; });
    workload_common(k);
    k.field("layers", &Workload::layers, "layers L")
        .field("input_size", &Workload::input_size, "input resolution (pixels per side)");
  }
  {
    KindDef<Workload> k("diffusion", "a diffusion model; inference_flops is per denoising step (MODELS §3.1)");
    k.init([](Workload& w) { w.kind = WorkloadKind::diffusion; });
    workload_common(k);
    k.field("denoising_steps", &Workload::denoising_steps, "default denoising steps T_steps").alias("steps")
        .field("input_size", &Workload::input_size, "image resolution (pixels per side)").alias("resolution");
  }
  {
    KindDef<Workload> k("generic", "any other workload: parameters or model_size, optional inference_flops");
    k.init([](Workload& w) { w.kind = WorkloadKind::generic; });
    workload_common(k);
    k.field("model_size", &Workload::model_size, "model bytes when P is unknown")
        .field("layers", &Workload::layers, "layers L");
  }
  {
    // A sixth workload kind (issue 25, MLSYSIM head's embodied workloads): a policy queried by a control loop.
    KindDef<Workload> k("vla", "a vision-language-action policy: one query returns a chunk of actions (issue 25)");
    k.init([](Workload& w) { w.kind = WorkloadKind::vla; });
    workload_common(k);
    k.field("layers", &Workload::layers, "layers L")
        .field("hidden_dim", &Workload::hidden_dim, "hidden size H").alias("hidden")
        .field("action_horizon", &Workload::action_horizon, "actions per query H_a (the action chunk)").alias("action_chunk_horizon")
        .field("action_dim", &Workload::action_dim, "numbers per action d_a (degrees of freedom commanded)")
        .field("observation_horizon", &Workload::observation_horizon, "observation frames per query H_o")
        .field("observation_tokens", &Workload::observation_tokens, "tokens per observation frame n_obs")
        .field("action_tokens", &Workload::action_tokens, "action tokens decoded one at a time per query n_act (0: one pass)");
  }
  {
    KindDef<Node> k("node", "a server: accelerators of one kind joined by an intra-node link");
    k.field("name", &Node::name, "display name")
        .field("accelerator", &Node::accelerator, "the accelerator", true)
        .field("gpus", &Node::gpus, "accelerators per node G", true).alias("count")
        .field("intra_bw", &Node::intra_bw, "intra-node (NVLink) bandwidth per accelerator", true)
        .field("intra_latency", &Node::intra_latency, "intra-node link latency")
        .field("nics", &Node::nics, "network interfaces per node")
        .field("psus", &Node::psus, "power supplies per node")
        .field("gpu_failure_rate", &Node::gpu_failure_rate, "interruptions per node-hour: accelerator (calibrated level)")
        .field("hbm_failure_rate", &Node::hbm_failure_rate, "interruptions per node-hour: accelerator memory, HBM and SRAM")
        .field("network_failure_rate", &Node::network_failure_rate, "interruptions per node-hour: network switches and cables")
        .field("nic_failure_rate", &Node::nic_failure_rate, "interruptions per node-hour: NICs")
        .field("host_failure_rate", &Node::host_failure_rate, "interruptions per node-hour: host (CPU, memory, SSD, board, maintenance)")
        .field("psu_failure_rate", &Node::psu_failure_rate, "interruptions per node-hour: power supplies")
        .field("software_failure_rate", &Node::software_failure_rate, "interruptions per node-hour: software (bugs, NCCL, dependencies)")
        .field("interruption_rate", &Node::interruption_rate, "job interruptions per node-hour, all causes, when no class rates (calibrated level)");
  }
  {
    KindDef<Fabric> k("fabric", "the inter-node network");
    k.field("name", &Fabric::name, "display name")
        .field("topology", &Fabric::topology, "fat_tree, dragonfly, torus_3d, ring, ...")
        .field("bandwidth", &Fabric::bandwidth, "per-port bandwidth", true)
        .field("latency", &Fabric::latency, "per-message latency alpha")
        .field("oversubscription", &Fabric::oversubscription, "oversubscription ratio (>= 1)");
  }
  {
    KindDef<Grid> k("grid", "an electricity grid / region profile (MODELS §1)");
    k.field("id", &Grid::id, "zoo entry name (set by the declaration)")
        .field("name", &Grid::name, "display name")
        .field("carbon_intensity", &Grid::carbon_intensity, "grid carbon intensity", true)
        .field("pue", &Grid::pue, "power usage effectiveness of sites on this grid")
        .field("wue", &Grid::wue, "water usage effectiveness")
        .field("electricity_price", &Grid::electricity_price, "electricity price");
    info_field<double>(k, "data_year", "the year the carbon intensity describes (issue 26)");
  }
  {
    KindDef<Datacenter> k("datacenter", "a site: a grid plus an optional PUE override");
    k.field("name", &Datacenter::name, "display name")
        .field("grid", &Datacenter::grid, "the grid it draws from", true)
        .field("pue", &Datacenter::pue, "PUE override");
  }
  {
    KindDef<Fleet> k("fleet", "a cluster: count nodes on a fabric, optionally sited");
    k.field("name", &Fleet::name, "display name")
        .field("node", &Fleet::node, "the node type", true)
        .field("count", &Fleet::count, "number of nodes", true).alias("nodes")
        .field("fabric", &Fleet::fabric, "the inter-node network", true)
        .field("grid", &Fleet::grid, "grid the fleet draws from")
        .field("datacenter", &Fleet::datacenter, "the site")
        .field("node_mtbf", &Fleet::node_mtbf, "measured node MTBF (replaces the compound estimate)");
  }
  {
    KindDef<Platform> k("platform", "a robot or vehicle: its onboard compute module and control loop (issue 25)");
    k.field("name", &Platform::name, "display name", true)
        .field("archetype", &Platform::archetype, "manipulator, mobile, legged, humanoid, aerial or vehicle")
        .one_of({"manipulator", "mobile", "legged", "humanoid", "aerial", "vehicle"})
        .field("compute", &Platform::compute, "the onboard compute module", true)
        .field("control_frequency", &Platform::control_frequency, "rate f_c of the control loop the policy feeds", true)
        .field("mass", &Platform::mass, "mass without payload")
        .field("payload", &Platform::payload, "rated payload")
        .field("dofs", &Platform::dofs, "actuated degrees of freedom")
        .field("nominal_power", &Platform::nominal_power, "typical electrical power while operating")
        .field("sensor_data_rate", &Platform::sensor_data_rate, "raw sensor data rate (cameras, lidar, proprioception)");
  }
  {
    KindDef<Dataset> k("dataset", "a training data set: examples, size, recorded time (issue 25)");
    k.field("name", &Dataset::name, "display name", true)
        .field("domain", &Dataset::domain, "vision, speech or robotics").one_of({"vision", "speech", "robotics"})
        .field("examples", &Dataset::examples, "training examples (episodes for robot data)", true)
        .field("validation_examples", &Dataset::validation_examples, "held-out examples")
        .field("size", &Dataset::size, "bytes (raw or as distributed, see its source)")
        .field("duration", &Dataset::duration, "recorded time (robot episodes, audio)")
        .field("classes", &Dataset::classes, "label classes")
        .field("embodiments", &Dataset::embodiments, "robot types recorded")
        .field("tasks", &Dataset::tasks, "tasks or skills recorded")
        .field("image_size", &Dataset::image_size, "image resolution, pixels per side");
  }
  {
    KindDef<Site> k("site", "a grid or a datacenter, for the macro walls");
    k.field("grid", &Site::grid, "grid profile").field("datacenter", &Site::datacenter, "datacenter");
  }
  {
    KindDef<Scenario> k("scenario", "a workload on a system with an SLA (MODELS §17)");
    k.field("name", &Scenario::name, "display name")
        .field("description", &Scenario::description, "what it models")
        .field("workload", &Scenario::workload, "the workload", true)
        .field("hardware", &Scenario::hardware, "single-device system")
        .field("fleet", &Scenario::fleet, "fleet system")
        .field("sla", &Scenario::sla, "latency SLA", true)
        .field("sla_bounds", &Scenario::sla_bounds,
               "the latency the SLA bounds: step (one inference step), ttft (time to first token of a served "
               "language model) or itl (time between two tokens of one response)")
        .one_of({"step", "ttft", "itl"})
        .field("power_budget", &Scenario::power_budget, "power budget (informational)")
        .field("tp", &Scenario::tp, "tensor-parallel degree (fleet)")
        .field("pp", &Scenario::pp, "pipeline-parallel degree (fleet)")
        .field("zero_stage", &Scenario::zero_stage, "ZeRO stage (fleet)")
        .field("batch", &Scenario::batch, "batch size")
        .field("precision", &Scenario::precision, "numeric precision")
        .field("mode", &Scenario::mode, "inference or training");
  }
}

}  // namespace mls::reg
