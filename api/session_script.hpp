// `:save FILE`: the session as a script that runs with a script's rules and prints what the session
// printed. The REPL allows what a script does not — rebinding a name, `ans` — so the entries are
// rewritten: a rebinding gets a fresh name (`bw` → `bw_2`) and later uses follow it; a bare
// expression whose value a later `ans` reads is bound first (`ans_3 = …` then `ans_3`).
#pragma once

#include "compiler/ast/ast.hpp"

#include <string>
#include <vector>

namespace mls::api {

struct SavedEntry {
  std::string text;               // exactly what was compiled (the spans of `program` index it)
  const ast::Program* program;
};

std::string to_script(const std::vector<SavedEntry>& entries);

}  // namespace mls::api
