// "Did you mean" for names typed on the command line (`mls eval H10 ...`): the candidate nearest to a
// mistyped name, so a command's suggestion comes from the names that fit where it was typed.
#pragma once

#include <string>
#include <vector>

namespace mls {

// The candidate nearest to `name` by edit distance (ignoring ASCII case), when it is within a third of
// the name's length (at least 2 edits); "" when none is that close.
std::string nearest_name(const std::string& name, const std::vector<std::string>& candidates);

}  // namespace mls
