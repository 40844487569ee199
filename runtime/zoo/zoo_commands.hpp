// `mls zoo`, `mls zoo show NAME`, `mls zoo search TEXT`, `mls audit [FILE]`.
#pragma once

#include "runtime/driver/pipeline.hpp"

#include <iosfwd>
#include <string>

namespace mls::zoo {

enum class ZooFormat { Text, Json, Markdown, Html };

int list(driver::Session& s, ZooFormat f, std::ostream& out);
int show(driver::Session& s, const std::string& name, ZooFormat f, std::ostream& out, std::ostream& err);
int search(driver::Session& s, const std::string& text, ZooFormat f, std::ostream& out);
// Audits the built-in zoo, or only the entries declared in `file` when given. Exit 1 on findings.
int audit(driver::Session& s, const std::string& file, ZooFormat f, std::ostream& out, std::ostream& err);

}  // namespace mls::zoo
