// `mls zoo import hf CONFIG.json [--name NAME]`: a Hugging Face model config turned into a zoo entry.
// The parameter count is derived from the layout (hf_layout.hpp documents the formula); the entry is
// compiled and dimension-checked before it is printed, so what the user keeps always loads.
#pragma once

#include <iosfwd>
#include <string>

namespace mls::zoo {

// Prints the entry on `out`. A file that cannot be read, an unknown architecture or a missing field is
// a diagnostic on `err` (code, what is wrong, the fix) and exit 2 (the input does not check); 64 for a
// usage error.
int import_hf(const std::string& path, const std::string& name, std::ostream& out, std::ostream& err);

}  // namespace mls::zoo
