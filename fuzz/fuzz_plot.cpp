// libFuzzer target (d): the plot writer. Any bytes → strings (split at 0xFF bytes) used as the title,
// the axis texts and the labels / series / categories of a bar, line, scatter or heatmap chart →
// plot::gnuplot_program. Every string carries a marker; the program must keep them all inside its
// string table (fuzz/plot_program_check.hpp): no user text on any other line, no control byte, each
// literal well-formed. gnuplot itself is not run. Must never crash, hang or leak.
#include "fuzz/plot_program_check.hpp"
#include "runtime/plot/render.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const std::string marker = "ZQXMARK";
  static const char* kinds[] = {"bar", "line", "scatter", "heatmap"};
  static const char* names[] = {"label", "series", "label", "category"};
  int which = data[0] % 4;
  std::vector<std::string> parts(1);
  for (std::size_t k = 1; k < size; ++k) {
    if (data[k] == 0xFF) parts.emplace_back();
    else parts.back() += static_cast<char>(data[k]);
  }
  auto part = [&](std::size_t k) { return marker + parts[k % parts.size()] + marker; };
  mls::plot::Chart c;
  c.kind = kinds[which];
  c.text = {{"x", part(1)}, {"y", part(2)}, {"value", part(3)}, {names[which], part(4)}};
  if (parts.size() > 1) c.text["title"] = "title";  // else the default title is made of the axis texts
  for (std::size_t k = 0; k < parts.size() && k < 64; ++k)
    c.points.push_back({{"x", mls::Value(double(k))}, {"y", mls::Value(double(k * k))}, {"value", mls::Value(1.0)},
                        {names[which], mls::Value(part(k))}, {"title", mls::Value(part(0))}});
  static mls::units::UnitTable units;
  std::string program = mls::plot::gnuplot_program(c, units, "svg", "chart.svg");
  if (!mls::fuzz::plot_program_leak(program, marker).empty()) __builtin_trap();
  return 0;
}
