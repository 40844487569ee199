// Which built-in zoo entries a script needs. Parsing the whole zoo costs ~25 ms a run (ANTLR), far
// more than a typical script; so the session compiles a zoo entry only when the script (or an entry
// it needs) names it. The index over-approximates on purpose: every identifier of the script counts
// as a reference (a field called `name` may load an entry too many, never one too few). A unit test
// checks that every zoo entry and alias is indexed. The build indexes the embedded zoo once
// (runtime/driver/gen/builtin_ast_gen.cpp) and the binary reads that table (zoo_index_builtin.cpp):
// tokenizing the zoo cost ~3.8 M instructions at every start-up.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace mls::driver {

// The identifiers of MLS source text, outside comments and strings (an over-approximation of its
// names), and "?" when the text has a typed hole.
std::set<std::string> identifiers(std::string_view text);

class ZooIndex {
 public:
  // One top-level statement of a zoo file: `kind Name { ... }` or `Name = ...` (an alias).
  struct Stmt {
    std::size_t file = 0;            // embedded zoo file
    std::size_t begin = 0, end = 0;  // its bytes in that file
    std::string_view defines;        // "" for a statement that defines nothing (always compiled)
    std::string_view kind;           // `kind Name { ... }`: its kind (a kind's name lists its entries)
    std::vector<std::string_view> refs;  // identifiers it uses, repeats included (views of the embedded text)
  };

  // The index of the embedded zoo (read once per process from the table the build made).
  static const ZooIndex& builtin();
  // The index of zoo files' texts, in load order (the views point into them: they must outlive it).
  static ZooIndex of(const std::vector<std::string_view>& files);
  // The index of statements already found (by `of`, possibly in an earlier process), in load order.
  static ZooIndex of(std::vector<Stmt> stmts);

  // The statements (indices, in load order) that define a name of `names` (a kind's name: all its
  // entries), and those they need, transitively.
  std::vector<std::size_t> closure(const std::set<std::string>& names) const;
  std::vector<std::size_t> all() const;
  const Stmt& stmt(std::size_t k) const { return stmts_[k]; }
  std::size_t size() const { return stmts_.size(); }
  // Every name the zoo defines (for "did you mean" suggestions before the zoo is compiled).
  const std::vector<std::string>& names() const { return names_; }

 private:
  std::vector<Stmt> stmts_;
  std::unordered_map<std::string_view, std::size_t> defined_by_;
  std::unordered_map<std::string_view, std::vector<std::size_t>> of_kind_;
  std::vector<std::string> names_;
};

}  // namespace mls::driver
