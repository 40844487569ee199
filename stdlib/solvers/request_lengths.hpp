// Request-length distributions for KV-cache capacity (issue 25 item 4; the equations of MLSYSIM's head,
// calc_capped_exponential_scale and calc_expected_paged_kv_tokens, written from their statement).
//
// A request holds S = min(X, S_max) tokens with X ~ Exponential(mean μ): short requests are common, long ones
// rare, and none runs past the context window S_max. The capped mean is
//   E[S] = μ · (1 − e^(−S_max/μ))                                           (1)
// which rises from 0 to S_max as μ grows, so one μ matches each 0 < E[S] < S_max (μ = ∞ at E[S] = S_max, the
// fixed-length limit). With t = S_max/μ, (1) is E[S]/S_max = (1 − e^(−t))/t, solved for t by a bracketing root
// finder (Boost.Math TOMS 748).
//
// Paged KV (Kwon et al., "Efficient Memory Management for Large Language Model Serving with PagedAttention",
// SOSP 2023, §4.2) gives a request ⌈S/p⌉ blocks of p tokens. Summing tail probabilities,
//   E[⌈S/p⌉] = Σ_{j=0}^{K−1} P(S > j·p) = (1 − r^K)/(1 − r),  r = e^(−p/μ),  K = ⌈S_max/p⌉      (2)
//   paged allocation A_paged = p · E[⌈S/p⌉],  internal fragmentation 1 − E[S]/A_paged
// A static (contiguous) allocator reserves the window for every request (Kwon et al. §3: "pre-allocates a
// contiguous chunk of memory with the request's maximum length"):
//   A_static = S_max,  fragmentation 1 − E[S]/S_max                          (3)
#pragma once

namespace mls {

struct RequestLengths {
  double scale = 0;             // μ (tokens); +∞ in the fixed-length limit
  double paged_tokens = 0;      // A_paged, expected tokens allocated per request
  double paged_fragmentation = 0;
  double static_tokens = 0;     // A_static = S_max
  double static_fragmentation = 0;
};

// μ of equation (1); InvalidInput unless 0 < mean ≤ max and max > 0.
double capped_exponential_scale(double mean_tokens, double max_tokens);
// Equations (1)–(3) for pages of p tokens.
RequestLengths request_lengths(double mean_tokens, double max_tokens, double page_tokens);

}  // namespace mls
