#include "runtime/plot/gnuplot_strings.hpp"

#include <iterator>
#include <utf8.h>

namespace mls::plot {

namespace {
constexpr char32_t kReplacement = 0xFFFD;

// What a code point is shown as (see shown_text).
char32_t visible(char32_t cp) {
  if (cp < 0x20) return 0x2400 + cp;  // ␀ … ␟
  if (cp == 0x7F) return 0x2421;      // ␡
  if (cp >= 0x80 && cp <= 0x9F) return kReplacement;
  if (cp == 0x2028 || cp == 0x2029) return kReplacement;                       // line and paragraph separators
  if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) return kReplacement;  // bidi overrides
  return cp;
}
}  // namespace

std::string shown_text(std::string_view text) {
  std::string valid;
  utf8::replace_invalid(text.begin(), text.end(), std::back_inserter(valid), kReplacement);
  std::size_t count = static_cast<std::size_t>(utf8::unchecked::distance(valid.begin(), valid.end()));
  std::size_t keep = count > kMaxShownChars ? kMaxShownChars - 1 : count;
  std::string r;
  auto it = valid.begin();
  for (std::size_t k = 0; k < keep; ++k) utf8::unchecked::append(visible(utf8::unchecked::next(it)), std::back_inserter(r));
  if (keep < count) r += "\u2026";  // …
  return r;
}

std::string gnuplot_string(std::string_view text) {
  std::string shown = shown_text(text);
  if (shown.empty()) return "''";
  std::string r;
  std::size_t from = 0;
  for (;;) {
    std::size_t quote = shown.find('\'', from);
    std::size_t end = quote == std::string::npos ? shown.size() : quote;
    if (end > from) r += (r.empty() ? "'" : ".'") + shown.substr(from, end - from) + "'";
    if (quote == std::string::npos) return r;
    r += r.empty() ? "sprintf('%c',39)" : ".sprintf('%c',39)";
    from = quote + 1;
  }
}

std::size_t GnuplotStrings::index(const std::string& text) {
  std::string shown = shown_text(text);  // bounded: the table never holds a script's megabyte string
  auto [it, fresh] = index_.emplace(shown, texts_.size() + 1);
  if (fresh) texts_.push_back(std::move(shown));
  return it->second;
}

std::string GnuplotStrings::declarations() const {
  if (texts_.empty()) return "";
  std::string r = "array S[" + std::to_string(texts_.size()) + "]\n";
  for (std::size_t k = 0; k < texts_.size(); ++k) r += "S[" + std::to_string(k + 1) + "] = " + gnuplot_string(texts_[k]) + "\n";
  return r;
}

}  // namespace mls::plot
