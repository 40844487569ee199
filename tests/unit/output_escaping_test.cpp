// Escaping of script strings where they meet structure (issue 30.5, docs/output.md): the terminal
// (visible_text), CSV cells and lines (RFC 4180), markdown table cells.
#include "compiler/source/visible_text.hpp"
#include "runtime/format/csv_field.hpp"
#include "runtime/format/markdown_cell.hpp"

#include <catch2/catch.hpp>

using namespace mls;

TEST_CASE("visible_text shows control and hidden characters as escapes", "[output]") {
  CHECK(visible_text("plain µs, 日本, ✓", Layout::Inline) == "plain µs, 日本, ✓");
  CHECK(visible_text("red\x1b[31mX\x07", Layout::Keep) == "red\\x1b[31mX\\x07");
  CHECK(visible_text("a\r\x7f", Layout::Keep) == "a\\r\\x7f");
  CHECK(visible_text("two\nlines\tand a tab", Layout::Keep) == "two\nlines\tand a tab");
  CHECK(visible_text("two\nlines\tand a tab", Layout::Inline) == "two\\nlines\\tand a tab");
  CHECK(visible_text(std::string("nul\0!", 5), Layout::Keep) == "nul\\x00!");
  CHECK(visible_text("c1 \xc2\x9b csi", Layout::Keep) == "c1 \\u009b csi");        // U+009B
  CHECK(visible_text("rtl \xe2\x80\xae", Layout::Keep) == "rtl \\u202e");            // U+202E
  CHECK(visible_text("isolate \xe2\x81\xa6", Layout::Keep) == "isolate \\u2066");    // U+2066
  CHECK(visible_text("bad \xff\xc3", Layout::Keep) == "bad \\xff\\xc3");             // not UTF-8
  CHECK(visible_text("overlong \xc0\xaf", Layout::Keep) == "overlong \\xc0\\xaf");
}

TEST_CASE("hidden_char_at measures what a diagnostic's source line shows as one ?", "[output]") {
  CHECK(hidden_char_at("a", 0) == 0);
  CHECK(hidden_char_at("\x1b", 0) == 1);
  CHECK(hidden_char_at("\xc2\x9b", 0) == 2);
  CHECK(hidden_char_at("\xe2\x80\xae", 0) == 3);
  CHECK(hidden_char_at("µ", 0) == 0);
}

TEST_CASE("CSV cells are quoted as RFC 4180 says", "[output]") {
  CHECK(out::csv_field("plain") == "plain");
  CHECK(out::csv_field("a,b") == "\"a,b\"");
  CHECK(out::csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(out::csv_field("x\nmallory,100") == "\"x\nmallory,100\"");
  CHECK(out::csv_field("cr\r") == "\"cr\r\"");
  CHECK(out::csv_line({"a", "b,c", ""}) == "a,\"b,c\",\n");
  CHECK(out::csv_line({""}) == "\"\"\n");  // never an empty line: that separates blocks
}

TEST_CASE("markdown cells cannot open columns, end the table or start HTML", "[output]") {
  CHECK(out::markdown_cell("one of fp16|bf16") == "one of fp16\\|bf16");
  CHECK(out::markdown_cell("a\nb") == "a b");
  CHECK(out::markdown_cell("<script>&amp;") == "&lt;script>&amp;amp;");
  CHECK(out::markdown_cell("back\\slash") == "back\\\\slash");
  CHECK(out::markdown_cell("esc\x1b[2J") == "esc\\x1b[2J");
}
