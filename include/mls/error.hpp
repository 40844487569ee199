// The one exception type of the C++ API. Engine methods that take source text never throw for a
// mistake in it (they return the diagnostics as data); the calls that return a single value
// (Engine::quantity, Engine::zoo, Quantity::to, Value accessors) throw mls::api::Error with the
// diagnostic instead. std::bad_alloc is reported as diagnostic E0507, never thrown.
#pragma once

#include "mls/diagnostic.hpp"

#include <stdexcept>

namespace mls::api {

class Error : public std::runtime_error {
 public:
  explicit Error(Diagnostic d) : std::runtime_error(d.code + ": " + d.message), diagnostic_(std::move(d)) {}
  const Diagnostic& diagnostic() const noexcept { return diagnostic_; }

 private:
  Diagnostic diagnostic_;
};

}  // namespace mls::api
