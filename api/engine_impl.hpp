// The engine's state behind the public header: its options. Every check/run compiles in a fresh
// driver::Session (the prelude loads in ~10 ms), so runs never see each other's names.
#pragma once

#include "mls/engine.hpp"
#include "runtime/driver/pipeline.hpp"

#include <memory>
#include <optional>
#include <utility>

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
  // A number-valued expression read in a session kept for such reads (no prelude load per read):
  // its SI value and dimension, or nothing when it does not read as one plain quantity there — the
  // caller then uses evaluate(), whose fresh session gives the exact diagnostics (issue 31: `mls
  // solve` read each quantity string in a session of its own, 65 ms of CPU instead of 38 ms).
  std::optional<std::pair<double, Dimension>> read_number(const std::string& expression) const;
  // The engine `mls solve` reads its JSON arguments with (reference evaluator, small budgets), kept
  // across calls.
  std::shared_ptr<const Impl> json_reader() const;
  // The units of the language and the prelude (display names of dimensions), for rendering outputs.
  const units::UnitTable& units() const;
  // `mls --format markdown|html`: the run's outputs kept as data, then written as one document.
  int run_document(const std::string& path, const std::optional<std::string>& text, const RenderOptions& r,
                   std::ostream& out, std::ostream& err) const;

 private:
  driver::Session& reader() const;
  mutable std::unique_ptr<driver::Session> reader_;
  mutable int reader_reads_ = 0;
  mutable std::shared_ptr<const Impl> json_reader_;
};

// The MLS expression for one `unit`: "1 ms", "1 / (1 s)" for "1/s", "1" for "1" or "".
std::string unit_expression(const std::string& unit);

}  // namespace mls::api
