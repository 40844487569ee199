// libFuzzer target (e): the REPL's entry reader and rollback. The input is split into lines and
// grouped into entries the way the REPL groups what a person types (repl::needs_more), and every
// entry runs on one session, as piped `mls` does. Invariants: an entry that fails (compile or
// run-time error) leaves the session's names and their types exactly as they were; nothing throws.
#include "fuzz/harness.hpp"
#include "runtime/driver/pipeline.hpp"
#include "runtime/repl/entry_reader.hpp"

#include <cstddef>
#include <cstdint>
#include <map>
#include <sstream>
#include <string>

namespace {

std::map<std::string, std::string> names(const mls::driver::Session& s) {
  std::map<std::string, std::string> r;
  // Zoo entries are loaded on first use and stay loaded (a cache the person cannot see); the names
  // the person bound are what an entry must not change when it fails.
  for (auto& [name, binding] : s.globals())
    if (!binding.zoo) r[name] = mls::sema::describe(binding.type, s.units());
  return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  mls::driver::Session session;
  mls::driver::Options o;
  o.max_points = 1e5;
  std::istringstream in(mls::fuzz::input_text(data, size));
  std::string line, entry;
  int entries = 0;
  auto run = [&] {
    auto before = names(session);
    std::ostringstream out, err;
    auto r = session.run_entry(entry, o, out, err);
    if (r.code == mls::driver::kInternal) __builtin_trap();
    if (r.code != mls::driver::kOk && !r.kept && names(session) != before) __builtin_trap();  // rollback broke
    entry.clear();
  };
  while (std::getline(in, line) && entries < 64) {
    entry += entry.empty() ? line : "\n" + line;
    if (mls::repl::needs_more(entry) && entry.size() < 4096) continue;
    ++entries;
    run();
  }
  if (!entry.empty()) run();
  return 0;
}
