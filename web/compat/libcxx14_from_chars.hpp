// Force-included in the WebAssembly build only (cmake/web.cmake), into the sources that read numbers
// with floating-point std::from_chars: Emscripten 3.1.6's libc++ 14 has none. strtod reads the same
// digits (those sources parse numbers they wrote); as the standard says, an out-of-range value leaves
// `value` as it was.
#pragma once
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <string>
#include <system_error>
#if !defined(__cpp_lib_to_chars)
namespace std {
inline from_chars_result from_chars(const char* first, const char* last, double& value) {
  const string text(first, last);
  char* end = nullptr;
  errno = 0;
  const double parsed = strtod(text.c_str(), &end);
  const char* stop = first + (end - text.c_str());
  if (stop == first) return {first, errc::invalid_argument};
  if (errno == ERANGE) return {stop, errc::result_out_of_range};
  value = parsed;
  return {stop, errc()};
}
}  // namespace std
#endif
