// A parsed program as bytes and back. The build parses the prelude and the zoo once and embeds their
// ASTs this way (runtime/driver/builtin_ast_gen.cpp), so a run does not parse them: ANTLR's first
// parse of a file costs most of a short run's start-up (its prediction DFA starts empty in every
// process). The bytes are not a stable format: they are only read by the binary built with them.
#pragma once

#include "compiler/ast/ast.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace mls::syntax {

// The bytes of `p`, or nullopt when a span of it lies in another file than `p.file` (never for a
// program that parse() returned) or `p.file` is 0 (a span of file 0 reads like one of no file).
std::optional<std::string> serialize(const ast::Program& p);

// The program `bytes` hold, its spans in file `file`; nullopt when the bytes are malformed.
std::optional<ast::Program> deserialize(std::string_view bytes, FileId file);

}  // namespace mls::syntax
