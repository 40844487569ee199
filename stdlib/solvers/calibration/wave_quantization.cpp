// T11, tile and wave quantization of the layers' GEMMs (wave_quantization.hpp; docs/fidelity.md).
#include "stdlib/solvers/calibration/wave_quantization.hpp"

#include "stdlib/core/value.hpp"

#include <array>
#include <cmath>

namespace mls::calibration {

double tile_efficiency(double m, double n, int tm, int tn) {
  return m * n / (std::ceil(m / tm) * tm * std::ceil(n / tn) * tn);
}

double wave_efficiency(double tiles, int sms) { return tiles / (std::ceil(tiles / sms) * sms); }

double quantization_efficiency(double m, double n, int tm, int tn, int sms) {
  const double tiles = std::ceil(m / tm) * std::ceil(n / tn);
  return tile_efficiency(m, n, tm, tn) * wave_efficiency(tiles, sms);
}

std::string quantization_missing_field(const Hardware& h) {
  if (!h.sm_count) return "sm_count";
  if (!h.gemm_tile_m) return "gemm_tile_m";
  if (!h.gemm_tile_n) return "gemm_tile_n";
  return "";
}

double layer_quantization_efficiency(const Hardware& h, double tokens, double hidden, double qkv_cols, double ffn_up,
                                     double ffn, double tp, double forward_passes) {
  const int sms = *h.sm_count, tm = *h.gemm_tile_m, tn = *h.gemm_tile_n;
  if (sms < 1 || tm < 1 || tn < 1)
    throw SolverError("InvalidInput", h.name + ": sm_count, gemm_tile_m and gemm_tile_n must be at least 1");
  // The layer's four linear layers as (inputs, outputs) on one tensor-parallel rank.
  struct Linear { double in, out; };
  const std::array<Linear, 4> layer{{{hidden, qkv_cols / tp},   // QKV, split by columns
                                     {hidden / tp, hidden},     // attention projection, split by rows
                                     {hidden, ffn_up / tp},     // MLP first GEMM, split by columns
                                     {ffn / tp, hidden}}};      // MLP second GEMM, split by rows
  double work = 0, time = 0;  // Σ FLOP and Σ FLOP / factor, per token-free unit (the FLOP of one GEMM is 2·M·N·K)
  auto add = [&](double m, double n, double k, double weight) {
    const double flop = weight * 2.0 * m * n * k;
    work += flop;
    time += flop / quantization_efficiency(m, n, tm, tn, sms);
  };
  for (const Linear& l : layer) {
    add(l.out, tokens, l.in, forward_passes);  // forward: M = outputs, N = tokens, K = inputs
    add(l.in, tokens, l.out, 1.0);             // activation gradient: M = inputs, N = tokens, K = outputs
    add(l.in, l.out, tokens, 1.0);             // weight gradient: M = inputs, N = outputs, K = tokens
  }
  return work / time;
}

}  // namespace mls::calibration
