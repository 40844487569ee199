// What the command line needs beyond the engine, so it includes only the public API (issue 31): the
// resource flags' strict readers, the output schema and the out-of-memory report.
#include "api/conversion.hpp"
#include "mls/engine.hpp"
#include "runtime/driver/embedded.hpp"
#include "runtime/driver/pipeline.hpp"
#include "runtime/driver/resource_flags.hpp"

namespace mls::api {

std::optional<double> parse_max_points(const std::string& text, std::string& why) { return driver::parse_max_points(text, why); }
std::optional<double> parse_memory_size(const std::string& text, std::string& why) { return driver::parse_memory_size(text, why); }
std::string output_schema() { return embedded::kOutputSchema; }

Diagnostic out_of_memory() {
  SourceManager none;
  return to_api(driver::out_of_memory(), none);
}

}  // namespace mls::api
