// A number as a JSON row writes it (quantity_json's numbers): NaN is null, +/-inf the strings
// "inf"/"-inf", others nlohmann's digits. A whole number of fewer than eight digits (a sweep's batch
// sizes, counts) is written by an integer conversion and ".0", which is nlohmann's text for every one of
// them (tests/unit/json_number_test.cpp checks them all): its Grisu2 cost ~700 instructions a number.
#pragma once

#include "runtime/format/value_json.hpp"

#include <charconv>
#include <cmath>
#include <string>

namespace mls::out {

inline void append_json_number(std::string& o, double x) {
  char buf[64];
  if (std::isnan(x)) {
    o += "null";
  } else if (std::isinf(x)) {
    o += x > 0 ? "\"inf\"" : "\"-inf\"";
  } else if (x != 0 && std::fabs(x) < 1e7 && x == std::floor(x)) {
    char* end = std::to_chars(buf, buf + sizeof buf, static_cast<long>(x)).ptr;
    *end++ = '.';
    *end++ = '0';
    o.append(buf, end);
  } else {
    o.append(buf, nlohmann::detail::to_chars(buf, buf + sizeof buf, x));
  }
}

}  // namespace mls::out
