// Every diagnostic code with its one-line title and the lesson `mls explain CODE` prints: the rule,
// why it matters in ML systems, a wrong and a right example. The texts live here and nowhere else.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mls {

struct CodeInfo {
  std::string code, title, lesson;
};
const std::vector<CodeInfo>& catalogue();
const CodeInfo* find_code(std::string_view code);

}  // namespace mls
