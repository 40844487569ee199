// Chart text on its way to gnuplot (runtime/plot/gnuplot_strings.hpp): what a chart shows for any
// string, the literal it becomes, and that a whole program keeps hostile strings in its string table.
#include "fuzz/plot_program_check.hpp"
#include "runtime/plot/gnuplot_strings.hpp"
#include "runtime/plot/render.hpp"

#include <catch2/catch.hpp>
#include <random>
#include <vector>

using namespace mls;
using plot::shown_text;

TEST_CASE("printable text is shown as written") {
  for (std::string s : {"quote ' double \" back \\ tick ` at @x dollar $x %s %n {}^_", "Québec ✓ 東京", "EOD", ""})
    CHECK(shown_text(s) == s);
}

TEST_CASE("control characters are shown as control pictures") {
  CHECK(shown_text("a\nb") == "a\u240Ab");
  CHECK(shown_text("\r\t\x1b[31m") == "\u240D\u2409\u241B[31m");
  CHECK(shown_text(std::string("a\0b", 3)) == "a\u2400b");
  CHECK(shown_text("\x7f") == "\u2421");
}

TEST_CASE("invalid UTF-8, C1 controls, separators and bidi overrides become U+FFFD") {
  CHECK(shown_text("a\xff" "b") == "a\uFFFDb");
  CHECK(shown_text("\xc0\xaf") .find('/') == std::string::npos);       // overlong '/'
  CHECK(shown_text("\xed\xa0\x80").find("\xed\xa0") == std::string::npos);  // a surrogate
  CHECK(shown_text("x\xe2\x82") == "x\uFFFD");                          // cut short
  CHECK(shown_text("\u0085\u2028\u202e") == "\uFFFD\uFFFD\uFFFD");
}

TEST_CASE("long text is cut to kMaxShownChars characters with an ellipsis") {
  CHECK(shown_text(std::string(plot::kMaxShownChars, 'A')) == std::string(plot::kMaxShownChars, 'A'));
  CHECK(shown_text(std::string(1'000'000, 'A')) == std::string(plot::kMaxShownChars - 1, 'A') + "\u2026");
  std::string e;
  for (int k = 0; k < 300; ++k) e += "é";
  std::string want;
  for (std::size_t k = 0; k + 1 < plot::kMaxShownChars; ++k) want += "é";
  CHECK(shown_text(e) == want + "\u2026");
}

TEST_CASE("a gnuplot string has no quote inside a literal and no line end") {
  const std::string q = "sprintf('%c',39)";
  CHECK(plot::gnuplot_string("") == "''");
  CHECK(plot::gnuplot_string("plain @x `id` \"d\"") == "'plain @x `id` \"d\"'");
  CHECK(plot::gnuplot_string("it's") == "'it'." + q + ".'s'");
  CHECK(plot::gnuplot_string("''") == q + "." + q);
  CHECK(plot::gnuplot_string("'\n! touch x\n'") == q + ".'\u240A! touch x\u240A'." + q);
}

TEST_CASE("the program check refuses what gnuplot would misread") {
  CHECK(fuzz::plot_program_leak("S[1] = 'a'.sprintf('%c',39).'b'\nS[2] = ''\n", "M").empty());
  CHECK(!fuzz::plot_program_leak("S[1] = 'a''b'\n", "M").empty());     // '' is no quote after a quote
  CHECK(!fuzz::plot_program_leak("S[1] = '''a'\n", "M").empty());      // nor at the start
  CHECK(!fuzz::plot_program_leak("S[1] = \"'\".'a'\n", "M").empty());  // flips the @macro expander's quoting
  CHECK(!fuzz::plot_program_leak("S[1] = 'a' . x\n", "M").empty());
  CHECK(!fuzz::plot_program_leak("S[1] = \n", "M").empty());
  CHECK(!fuzz::plot_program_leak("set title 'M'\n", "M").empty());
  CHECK(!fuzz::plot_program_leak("S[1] = 'a\x1b'\n", "M").empty());
}

TEST_CASE("the string table names each shown text once") {
  plot::GnuplotStrings s;
  CHECK(s.declarations().empty());
  CHECK(s.ref("a") == "S[1]");
  CHECK(s.ref("b\n") == "S[2]");
  CHECK(s.ref("a") == "S[1]");
  CHECK(s.index("b\n") == 2);
  CHECK(s.declarations() == "array S[2]\nS[1] = 'a'\nS[2] = 'b\u240A'\n");
}

TEST_CASE("chart file stems are printable and bounded") {
  CHECK(plot::chart_file_stem("a\n! touch x\n") == "a\u240A! touch x\u240A");
  CHECK(plot::chart_file_stem(std::string(1000, 'y')) == std::string(plot::kMaxShownChars - 1, 'y') + "\u2026");
  std::string wide;
  for (int k = 0; k < 1000; ++k) wide += "東";
  CHECK(plot::chart_file_stem(wide).size() == plot::kMaxStemBytes);  // 40 whole characters of 3 bytes
  CHECK(plot::chart_file_stem(std::string(1000, '\x01')).size() <= plot::kMaxStemBytes);
  CHECK(plot::chart_file_stem("a/b") == "a_b");
}

TEST_CASE("hostile strings stay inside the string table of every chart program") {
  const std::string marker = "ZQXMARK";
  const char* payloads[] = {"\n! touch PWNED\n", "'\nset output 'x'\n", "\nEOD\n! id\n", "`id`", "system(\"id\")",
                            "\\'\\\n", "\x1b]0;x\x07", "\r!id\r"};
  units::UnitTable u;
  for (const char* kind : {"bar", "line", "scatter", "heatmap"}) {
    plot::Chart c;
    c.kind = kind;
    std::string name = std::string(kind) == "bar" ? "label" : std::string(kind) == "line" ? "series"
                       : std::string(kind) == "scatter" ? "label" : "category";
    for (const char* arg : {"x", "y", "value", "title"}) c.text[arg] = marker + "\n! " + arg;
    c.text[name] = name;
    int k = 0;
    for (const char* p : payloads) {
      std::string s = marker + p + marker;
      // The axis-label options too (issue 29); a text chart writes the y label as a `set label` of its own.
      c.points.push_back({{"x", Value(1.0 + k)}, {"y", Value(2.0 + k)}, {"value", Value(3.0 + k)}, {name, Value(s)},
                          {"title", Value(s)}, {"xlabel", Value(s)}, {"ylabel", Value(s)}});
      ++k;
    }
    c.text["xlabel"] = c.text["ylabel"] = "label";
    for (const char* terminal : {"svg", "dumb size 100,30"}) {
      std::string prog = plot::gnuplot_program(c, u, terminal, "chart.svg");
      INFO(kind << " on " << terminal << "\n" << prog);
      CHECK(fuzz::plot_program_leak(prog, marker).empty());
      CHECK(prog.find(marker) != std::string::npos);  // the strings did reach the program (in the table)
    }
  }
}

TEST_CASE("random hostile strings stay inside the string table") {
  // A seeded sample of what fuzz_plot explores: strings over the characters gnuplot treats specially.
  const std::string marker = "ZQXMARK";
  const std::vector<std::string> alphabet = {"'", "''", "\"", "\\", "`", "@", "@GPVAL_PWD", "#", "$", "%", ";", "!", "\n",
                                             "\r", std::string(1, '\0'), "\x1b", "\xff", "\xc3", "EOD", " ", "é", "a"};
  std::mt19937 rng(30);
  units::UnitTable u;
  for (int round = 0; round < 300; ++round) {
    plot::Chart c;
    c.kind = round % 2 ? "bar" : "scatter";
    c.text = {{"x", "x"}, {"y", "y"}, {"value", "value"}, {"label", "label"}, {"title", "title"}};
    for (int p = 0; p < 3; ++p) {
      std::string s = marker;
      for (int k = std::uniform_int_distribution<int>(0, 12)(rng); k > 0; --k)
        s += alphabet[std::uniform_int_distribution<std::size_t>(0, alphabet.size() - 1)(rng)];
      c.points.push_back({{"x", Value(1.0 + p)}, {"y", Value(3.0 - p)}, {"value", Value(1.0)}, {"label", Value(s + marker)},
                          {"title", Value(s)}});
    }
    std::string prog = plot::gnuplot_program(c, u, "svg", "chart.svg");
    INFO(prog);
    REQUIRE(fuzz::plot_program_leak(prog, marker).empty());
  }
}
