// MODELS §12.1: collectives in the α–β model (seed Eq. (20)–(23)).
#pragma once

#include "stdlib/core/quantity.hpp"

namespace mls {

// ring(M, n, β, α) = 2(n−1)/n · M/β + 2(n−1)·α   (Eq. 20; 0 if n ≤ 1)
q::Time ring_allreduce(q::Bytes M, double n, q::Bandwidth bw, q::Time alpha);
// a2a(M, n, β, α) = (n−1)/n · M/β + (n−1)·α       (Eq. 23; 0 if n ≤ 1)
q::Time all_to_all(q::Bytes M, double n, q::Bandwidth bw, q::Time alpha);
// hier = ring(M, g, β_intra, α_intra) + ring(M/g, n, β_inter, α_inter)   (Eq. 21; D9)
q::Time hierarchical_allreduce(q::Bytes M, double g, double n_nodes, q::Bandwidth bw_intra, q::Bandwidth bw_inter,
                               q::Time alpha_intra, q::Time alpha_inter);
// p2p(M, β, α) = α + M/β: one point-to-point send (pipeline activations, ring-attention blocks)
q::Time p2p_time(q::Bytes M, q::Bandwidth bw, q::Time alpha);
// f(pp, m, v) = (pp−1)/(v·m + pp − 1)   (Eq. 22)
double bubble_fraction(double pp, double m, double v);

}  // namespace mls
