// The words of a rejection (issue 20.4): when a check or a search rejects, the result says which
// constraint bound and the smallest change that would pass. The amounts in those words are the
// numbers the check compared, printed here, never typed into a message by hand.
#pragma once

#include "stdlib/core/quantity.hpp"

#include <string>

namespace mls {

// "41.2 GB", "512 ms", "3.5 request/s": three significant digits, the SI prefix that keeps 1 ≤ x < 1000.
std::string bytes_text(q::Bytes b);
std::string time_text(q::Time t);
std::string rate_text(double per_second, const char* unit);

// "needs 41.2 GB per device, 30.9 GB usable (0.9 × 34.4 GB)": a memory check that failed.
std::string memory_shortfall(q::Bytes needed, q::Bytes capacity, double usable_fraction = 1.0);

}  // namespace mls
