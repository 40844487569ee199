// The embedded zoo's index: the table the build made (embedded::kZooIndexRows) turned into views of the
// embedded text, or, in a build without that table (the wasm build runs no host tool), the zoo indexed
// at start-up.
#include "runtime/driver/embedded.hpp"
#include "runtime/driver/zoo_index.hpp"

namespace mls::driver {

const ZooIndex& ZooIndex::builtin() {
  static const ZooIndex index = [] {
    if (embedded::kZooIndexRowCount == 0) {
      std::vector<std::string_view> files;
      for (std::size_t f = 0; f < embedded::kZooCount; ++f) files.emplace_back(embedded::kZoo[f].text);
      return of(files);
    }
    std::vector<Stmt> stmts(embedded::kZooIndexRowCount);
    for (std::size_t k = 0; k < stmts.size(); ++k) {
      const embedded::ZooIndexRow& r = embedded::kZooIndexRows[k];
      const char* text = embedded::kZoo[r.file].text;
      Stmt& s = stmts[k];
      s.file = r.file;
      s.begin = r.begin;
      s.end = r.end;
      s.defines = std::string_view(text + r.defines_at, r.defines_len);
      s.kind = std::string_view(text + r.kind_at, r.kind_len);
      s.refs.reserve(r.refs_count);
      for (std::size_t j = r.refs_first; j < r.refs_first + r.refs_count; ++j)
        s.refs.emplace_back(text + embedded::kZooIndexRefs[2 * j], embedded::kZooIndexRefs[2 * j + 1]);
    }
    return of(std::move(stmts));
  }();
  return index;
}

}  // namespace mls::driver
