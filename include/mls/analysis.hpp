// Static analysis as data, for tools that read scripts without running them (the language server,
// editors, notebooks): the diagnostics of a check, the static type of every expression, the names a
// script binds, and the catalogues a completion needs (units, zoo entries with where they are
// declared, the built-in sources). Nothing runs; docs/embedding.md, "Analysis".
#pragma once

#include "mls/diagnostic.hpp"
#include "mls/engine.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mls::api {

// A record's field with its static type: `latency`, "Time", "s".
struct FieldType {
  std::string name, type, unit;
};

// One checked expression: `3.35 TB/s` is a Bandwidth shown in B/s with the value 3.35 TB/s.
struct ExpressionType {
  Span span;
  std::string type;                 // "Bandwidth (Information / Time)", "roofline result", "list of Time"
  std::string dimension;            // a quantity's dimension name or base form ("Bandwidth"), else ""
  std::string unit;                 // the unit it shows in by default ("B/s"); "" when not a quantity
  std::string value;                // its value when known at compile time ("3.35 TB/s"), else ""
  std::vector<FieldType> fields;    // a record's fields (or a list's elements' fields), in order
};

// A name the script binds at top level.
struct Symbol {
  enum class Kind { Variable, Function, Entry } kind = Kind::Variable;  // Entry: `hardware X { ... }`
  std::string name;
  std::string type;  // "Time", "roofline result", "function", "hardware"
  Span span;         // the name where it is bound
  std::vector<FieldType> fields;  // a record's fields
};

struct Analysis {
  std::vector<Diagnostic> diagnostics;  // what check() reports
  int exit_code = 0;                    // 0, or 2 on compile errors
  std::vector<ExpressionType> types;    // every expression of the script that checked, in source order
                                        // (an enclosing expression before the ones inside it)
  std::vector<Symbol> symbols;          // names bound at top level, in source order
};

// Checks `source` as Engine::check does and keeps what the checker learned.
Analysis analyze(const Engine& engine, std::string_view source, std::string_view name = "<input>",
                 std::string_view folder = "");

// A unit symbol of the language (every prefixed form and alias is one): `TB` is 1e12 B, Information.
struct UnitInfo {
  std::string symbol;     // "TB"
  std::string base;       // "B"
  std::string long_name;  // "terabyte"
  std::string dimension;  // "Information"
  double scale = 1;       // SI value of one
  std::string defined_in; // where the prelude declares it: "prelude/information.mls:12"
};
std::vector<UnitInfo> units(const Engine& engine);

// A zoo entry with where it is declared and its provenance (the entry's @source).
struct ZooEntrySource {
  std::string name, kind, title;
  std::string file;      // the built-in file: "zoo/hardware/cloud.mls"
  int line = 0, column = 0;
  std::string source, url, verified;
  bool assumed = false;
};
std::vector<ZooEntrySource> zoo_sources(const Engine& engine);

// The language's keywords and built-in functions, for completion.
const std::vector<std::string>& keywords();
const std::vector<std::string>& builtin_functions();

// The text of a built-in file ("zoo/hardware/cloud.mls", "prelude/si.mls"), none when there is none.
std::optional<std::string> builtin_file(std::string_view path);

}  // namespace mls::api
