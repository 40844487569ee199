// How a script's strings reach gnuplot: as data it cannot parse as a command.
//
// Every user string (titles, labels, series, categories, axis labels) is first made printable
// (shown_text) and then stored once in a gnuplot string array `S`, one `S[k] = …` assignment per
// line; the rest of the program names it as S[k] (`set title S[1]`, `xtic(S[int($3)])`), so user
// text never starts a line, ends an inline data block or reaches `!`, `system()` or `set output`.
//
// The value is a concatenation of single-quoted pieces that contain no quote; each quote of the
// text is `sprintf('%c',39)`. Inside such a gnuplot 5.4 literal nothing is special: no escape, no
// backquote command substitution, and the @macro expander (which tracks quotes by counting them)
// sees it as quoted. Quotes are never doubled ('') because gnuplot's scanner does not read '' at
// the start of a literal or after another '' as a quote, and a double-quoted "'" would flip the
// macro expander's idea of what is quoted. Strings read through S[k] are never used as printf
// formats either (explicit `set xtics ('…' 0)` labels would be).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace mls::plot {

// At most this many characters (code points) of a string are shown; longer ones end in "…".
constexpr std::size_t kMaxShownChars = 80;  // longer, a key entry or a turned tick label leaves no room for the plot

// The text as a chart shows it: printable characters as written; invalid UTF-8 and C1 controls,
// line/paragraph separators and bidirectional overrides as U+FFFD (�); C0 controls (newline, tab,
// ESC, NUL, …) as their Unicode control pictures (U+2400–U+241F: ␊ ␉ ␛ ␀) and DEL as ␡, so an
// embedded newline is visible and unambiguous; cut to kMaxShownChars with a trailing "…".
std::string shown_text(std::string_view text);

// The gnuplot string expression of shown_text(text): `'it'.sprintf('%c',39).'s'` for "it's".
std::string gnuplot_string(std::string_view text);

// The string table of one gnuplot program.
class GnuplotStrings {
 public:
  // The 1-based index k of `text` in S (equal shown texts share an entry).
  std::size_t index(const std::string& text);
  // The expression naming `text` in the program: "S[k]".
  std::string ref(const std::string& text) { return "S[" + std::to_string(index(text)) + "]"; }
  // "array S[n]" and one "S[k] = …" line per string, to precede every use ("" when there is none).
  std::string declarations() const;

 private:
  std::vector<std::string> texts_;
  std::map<std::string, std::size_t> index_;
};

}  // namespace mls::plot
