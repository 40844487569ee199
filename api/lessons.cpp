// The catalogue of diagnostic codes (compiler/diag/catalogue.cpp) through the API.
#include "compiler/diag/catalogue.hpp"
#include "mls/diagnostic.hpp"

namespace mls::api {

std::vector<Lesson> lessons() {
  std::vector<Lesson> out;
  for (auto& c : catalogue()) out.push_back(Lesson{c.code, c.title, c.lesson});
  return out;
}

std::optional<Lesson> lesson(const std::string& code) {
  const CodeInfo* c = find_code(code);
  if (!c) return std::nullopt;
  return Lesson{c->code, c->title, c->lesson};
}

}  // namespace mls::api
