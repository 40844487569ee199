// Tile and wave quantization of a GEMM (docs/fidelity.md, term T11). Source: NVIDIA, "Matrix Multiplication
// Background User's Guide" (Deep Learning Performance documentation), sections "Tile Quantization" and "Wave
// Quantization": the library splits the output C (M×N) into tiles of tm×tn, one thread block each; a partial
// tile at an edge costs a whole tile, and the tiles run in waves of one tile per SM (the guide's example: an A100's
// 108 SMs each run one 256x128 thread-block tile, a wave of 108 tiles), so a partial last wave costs a whole wave:
//   tile efficiency  e_t = M·N / (⌈M/tm⌉·tm · ⌈N/tn⌉·tn)
//   wave efficiency  e_w = T / (⌈T/SMs⌉·SMs),   T = ⌈M/tm⌉·⌈N/tn⌉ tiles
// A GEMM then reaches e_t·e_w of the rate it reaches at a shape with full tiles and full waves.
#pragma once

#include "stdlib/kinds/kinds.hpp"

#include <string>

namespace mls::calibration {

double tile_efficiency(double m, double n, int tm, int tn);
double wave_efficiency(double tiles, int sms);
// e_t·e_w of one GEMM whose output is m×n (the contraction K does not enter: every tile walks all of it).
double quantization_efficiency(double m, double n, int tm, int tn, int sms);

// The fields T11 reads; empty when the device has them all, else the missing field's name.
std::string quantization_missing_field(const Hardware& h);

// The dense GEMMs of one transformer layer on one device, as Megatron runs them under tensor parallelism
// (Shoeybi et al. 2019 §3: QKV and the MLP's first GEMM split by columns, the attention projection and the
// MLP's second GEMM by rows), for `tokens` rows of the micro-batch. `qkv_cols` = H + 2·H_kv, `ffn_up` the
// first MLP GEMM's output width (F, or 2F when gated: gate and up fused), `ffn` the second's input width F.
// `forward_passes` is 1, or 2 when the forward is recomputed in full. Returns the FLOP-weighted harmonic mean of
// the GEMMs' e_t·e_w (each GEMM's time divided by its own factor), counting the forward, data-gradient and
// weight-gradient GEMMs with their shapes (NVIDIA, "Linear/Fully-Connected Layers User's Guide", Table 1:
// forward M = outputs, N = tokens, K = inputs; activation gradient M = inputs, N = tokens, K = outputs; weight
// gradient M = inputs, N = outputs, K = tokens).
double layer_quantization_efficiency(const Hardware& h, double tokens, double hidden, double qkv_cols, double ffn_up,
                                     double ffn, double tp, double forward_passes);

}  // namespace mls::calibration
