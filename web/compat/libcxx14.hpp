// Force-included in the WebAssembly build only (cmake/web.cmake): Emscripten 3.1.6 ships libc++ 14,
// which lacks std::bit_cast; clang's builtin is the same operation.
#pragma once
#include <bit>
#if !defined(__cpp_lib_bit_cast)
namespace std {
template <class To, class From>
constexpr To bit_cast(const From& from) noexcept {
  return __builtin_bit_cast(To, from);
}
}  // namespace std
#endif
