// T11, tile and wave quantization (stdlib/solvers/calibration/wave_quantization.hpp; docs/fidelity.md). Every
// expected value is worked out by hand in the comment beside it.
#include "stdlib/solvers/calibration/wave_quantization.hpp"

#include <catch2/catch.hpp>

using namespace mls;
using namespace mls::calibration;

TEST_CASE("wave quantization: the guide's A100 example shapes") {
  // 1792 x 1792 in 256 x 128 tiles: 7 x 14 = 98 tiles, all full; one wave of 108 SMs holds 98: 98/108.
  CHECK(quantization_efficiency(1792, 1792, 256, 128, 108) == Approx(98.0 / 108.0));
  // one row more than a tile: 257 x 128 needs 2 x 1 tiles of 256 x 128, half empty: 257·128/(512·128);
  // 2 tiles in a wave of 108: 2/108.
  CHECK(tile_efficiency(257, 128, 256, 128) == Approx(257.0 / 512.0));
  CHECK(quantization_efficiency(257, 128, 256, 128, 108) == Approx(257.0 / 512.0 * 2.0 / 108.0));
  // 108 full tiles (256·9 x 128·12) fill exactly one wave; one tile more needs a second, nearly empty wave: 109/216.
  CHECK(quantization_efficiency(2304, 1536, 256, 128, 108) == Approx(1.0));
  CHECK(wave_efficiency(109, 108) == Approx(109.0 / 216.0));
  // Megatron 22B's QKV GEMM at TP 8, 4 x 2048 tokens: M = 3·6144/8 = 2304, N = 8192: 9 x 64 = 576 tiles,
  // ⌈576/108⌉ = 6 waves of 108 = 648 slots: 576/648 = 8/9.
  CHECK(quantization_efficiency(2304, 8192, 256, 128, 108) == Approx(8.0 / 9.0));
}

TEST_CASE("wave quantization: a layer's GEMMs, FLOP-weighted") {
  Hardware h;
  h.name = "toy";
  h.sm_count = 4;
  h.gemm_tile_m = 2;
  h.gemm_tile_n = 2;
  CHECK(quantization_missing_field(h).empty());
  // hidden 2, QKV 6 columns, MLP 2 wide, tp 1, 2 tokens. QKV: forward M = 6, N = 2 (3 tiles of 4 SMs: 0.75),
  // activation gradient M = 2, N = 2 (1 tile: 0.25), weight gradient M = 2, N = 6 (0.75), each 2·6·2·2 = 48 FLOP.
  // The other nine GEMMs are 2 x 2 x 2 (16 FLOP, one tile: 0.25). Work 3·48 + 9·16 = 288; time 48/0.75 + 48/0.25 +
  // 48/0.75 + 144/0.25 = 896: 288/896 = 9/28.
  CHECK(layer_quantization_efficiency(h, 2, 2, 6, 2, 2, 1, 1) == Approx(9.0 / 28.0));
  // full recomputation counts the forward GEMMs twice: work 288 + 48 + 48 = 384, time 896 + 64 + 192 = 1152: 1/3.
  CHECK(layer_quantization_efficiency(h, 2, 2, 6, 2, 2, 1, 2) == Approx(1.0 / 3.0));
  // one SM and tiles of one element: nothing is lost.
  h.sm_count = 1;
  h.gemm_tile_m = 1;
  h.gemm_tile_n = 1;
  CHECK(layer_quantization_efficiency(h, 3, 5, 15, 20, 20, 1, 1) == Approx(1.0));
}

TEST_CASE("wave quantization: the fields it needs") {
  Hardware h;
  CHECK(quantization_missing_field(h) == "sm_count");
  h.sm_count = 108;
  CHECK(quantization_missing_field(h) == "gemm_tile_m");
  h.gemm_tile_m = 256;
  CHECK(quantization_missing_field(h) == "gemm_tile_n");
  h.gemm_tile_n = 128;
  CHECK(quantization_missing_field(h).empty());
}
