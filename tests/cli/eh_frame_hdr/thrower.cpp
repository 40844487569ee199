// An exception crossing a cleanup: the cleanup (with_cleanup's `.cold` part, built with -O2) ends
// in _Unwind_Resume, which needs that part's FDE; prints "caught" when the unwinder finds it.
#include <cstdio>
#include <stdexcept>
#include <string>

struct Guard {
  std::string held;
  ~Guard() { std::puts("cleanup"); }
};
__attribute__((noinline)) void boom() { throw std::runtime_error("boom"); }
__attribute__((noinline)) void with_cleanup() {
  Guard g{"held"};
  boom();
}
int main() {
  try {
    with_cleanup();
  } catch (const std::exception&) {
    std::puts("caught");
  }
}
