#pragma once
// The built-in functions (`sqrt`, `min`, `ceil_div`, `sum`, …): one list, read by the checker and by the
// completers, so a completion never offers a name the checker refuses or misses one it accepts.
#include <string>
#include <vector>

namespace mls::sema {

const std::vector<std::string>& builtin_function_names();
bool is_builtin_fn(const std::string& n);

}  // namespace mls::sema
