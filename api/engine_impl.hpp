// The engine's state behind the public header: its options. Every check/run compiles in a fresh
// driver::Session (the prelude loads in ~10 ms), so runs never see each other's names.
#pragma once

#include "mls/engine.hpp"
#include "runtime/driver/pipeline.hpp"

#include <memory>

namespace mls::api {

struct Engine::Impl : std::enable_shared_from_this<Engine::Impl> {
  Options options;

  // The driver's options for a run of this engine (text output, the engine's budgets and evaluator).
  driver::Options driver_options() const;
  // ... and with the command line's formats and options (run_to, a Session's entries).
  driver::Options driver_options(const RenderOptions& r) const;
  // check() and run(): a fresh session compiles (and runs) the source, the outputs kept as data.
  RunResult run(std::string_view source, std::string_view name, std::string_view folder, bool check) const;
  EvalResult evaluate(std::string_view expression) const;
  // One unit of the language, written as in a script ("ms", "GB/s", "m^3/J", "1/s"): its SI scale
  // and dimension. Throws Error with the language's diagnostic (E0106 unknown unit, with a suggestion).
  struct Unit {
    double scale = 1;            // SI value of one unit
    Dimension dim;
    std::string dimension_name;  // "Time", or the base form
  };
  Unit unit(const std::string& text) const;
};

// The MLS expression for one `unit`: "1 ms", "1 / (1 s)" for "1/s", "1" for "1" or "".
std::string unit_expression(const std::string& unit);

}  // namespace mls::api
