// Shared by the fuzz targets: the input as a SourceFile, and a small front end for the evaluator
// target that mirrors driver::Session (prelude checked, then the zoo entries the script names, then
// the script) but gives access to the IR module, so the reference evaluator runs with a small loop
// bound (a `for` over 1e9 items is legal MLS and would only be a fuzzer timeout).
#pragma once

#include "compiler/diag/diagnostic.hpp"
#include "compiler/ir/ir.hpp"
#include "compiler/sema/checker.hpp"
#include "compiler/source/source.hpp"
#include "compiler/syntax/parse.hpp"
#include "compiler/units/unit_table.hpp"
#include "runtime/driver/embedded.hpp"
#include "runtime/driver/zoo_index.hpp"

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <unistd.h>
#include <vector>

namespace mls::fuzz {

// An empty folder of our own: the script's folder, i.e. its import sandbox. Nothing is ever written
// into it, so every `import` resolves the same way on every run (not found, outside, or a cycle).
inline const std::filesystem::path& sandbox_dir() {
  static const std::filesystem::path dir = [] {
    std::string tmpl = (std::filesystem::temp_directory_path() / "mls-fuzz-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) std::abort();
    return std::filesystem::path(tmpl);
  }();
  return dir;
}

inline std::string script_path() { return (sandbox_dir() / "input.mls").string(); }

inline std::string input_text(const std::uint8_t* data, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

// True when a rendered diagnostic's header line is an error: "error[E…" at the start of a line,
// painted red or not. Anywhere else the text is a quoted source line or a message (a warning on a
// comment reading `# error[E0301]` is no error: the front-end target's false alarm).
inline bool error_rendered(const std::string& text) {
  static const std::string plain = "error[E", painted = "\x1b[1;31merror[E";
  for (std::size_t at = 0; at < text.size();) {
    if (text.compare(at, plain.size(), plain) == 0 || text.compare(at, painted.size(), painted) == 0) return true;
    std::size_t nl = text.find('\n', at);
    if (nl == std::string::npos) break;
    at = nl + 1;
  }
  return false;
}

// driver::Session::load_builtins + require_zoo, over the public pieces (the session keeps its checker
// private). Keep in step with runtime/driver/pipeline.cpp.
class Frontend {
 public:
  SourceManager sm;
  units::UnitTable units;
  DiagnosticSink builtin_diags;
  std::vector<std::unique_ptr<ast::Program>> programs;
  std::unique_ptr<sema::Checker> checker;

  Frontend() {
    checker = std::make_unique<sema::Checker>(sm, builtin_diags, units);
    checker->set_extra_names(driver::ZooIndex::builtin().names());
    sema::Options prelude;
    prelude.builtin = true;
    for (std::size_t k = 0; k < embedded::kPreludeCount; ++k) {
      const SourceFile& f = sm.add(std::string("<builtin>/") + embedded::kPrelude[k].path, embedded::kPrelude[k].text);
      auto p = syntax::parse(f, builtin_diags);
      if (!p) std::abort();  // a broken build, not a finding
      programs.push_back(std::make_unique<ast::Program>(std::move(*p)));
      checker->check_program(*programs.back(), prelude, "/nonexistent-builtin");
    }
    zoo_loaded_.assign(driver::ZooIndex::builtin().size(), false);
  }

  // The zoo entries `source` names (all of them when it imports or has a typed hole).
  void require_zoo_for(const std::string& source) {
    const auto& index = driver::ZooIndex::builtin();
    std::set<std::string> names = driver::identifiers(source);
    require_zoo(names.count("import") || names.count("?") ? index.all() : index.closure(names));
  }

 private:
  std::vector<bool> zoo_loaded_;

  void require_zoo(const std::vector<std::size_t>& stmts) {
    const auto& index = driver::ZooIndex::builtin();
    sema::Options zoo;
    zoo.builtin = true;
    zoo.zoo_requires_provenance = true;
    std::size_t k = 0;
    while (k < stmts.size()) {
      std::size_t file = index.stmt(stmts[k]).file;
      std::string_view text(embedded::kZoo[file].text);
      std::vector<bool> keep(text.size() + 1, false);
      bool any = false;
      for (; k < stmts.size() && index.stmt(stmts[k]).file == file; ++k) {
        std::size_t s = stmts[k];
        if (zoo_loaded_[s]) continue;
        zoo_loaded_[s] = true;
        any = true;
        for (std::size_t c = index.stmt(s).begin; c < index.stmt(s).end; ++c) keep[c] = true;
      }
      if (!any) continue;
      std::string kept;
      for (std::size_t c = 0; c < text.size(); ++c)
        if (keep[c] || text[c] == '\n') kept += text[c];
      const SourceFile& f = sm.add(std::string("<builtin>/") + embedded::kZoo[file].path, kept);
      auto p = syntax::parse(f, builtin_diags);
      if (!p) std::abort();
      programs.push_back(std::make_unique<ast::Program>(std::move(*p)));
      checker->check_program(*programs.back(), zoo, "/nonexistent-builtin");
    }
  }
};

}  // namespace mls::fuzz
