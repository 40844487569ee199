// A calibrated constant read from a hardware zoo entry: present, or a MissingSpec refusal that names
// the device and the field and says where its value comes from (docs/accuracy.md, "Calibrate your own
// device"). A calibrated result is never computed from a made-up number.
#pragma once

#include "stdlib/core/value.hpp"
#include "stdlib/kinds/kinds.hpp"

#include <optional>
#include <string>

namespace mls::calibration {

template <class T> T device_constant(const Hardware& h, const std::optional<T>& field, const char* name) {
  if (field) return *field;
  throw SolverError("MissingSpec", "fidelity = calibrated needs " + (h.name.empty() ? std::string("the device") : h.name) + "." +
                                       name + ", which its zoo entry does not set: measure it (docs/accuracy.md, "
                                       "\"Calibrate your own device\") and write `" + name + " = ...` in the hardware record, "
                                       "or use fidelity = textbook");
}

}  // namespace mls::calibration
