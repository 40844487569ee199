#include "runtime/plot/render.hpp"

#include "runtime/output/output_sink.hpp"
#include "runtime/plot/chart_options.hpp"
#include "runtime/plot/gnuplot_run.hpp"
#include "runtime/plot/gnuplot_strings.hpp"
#include "runtime/system/publish_file.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <optional>
#include <ostream>
#include <set>
#include <sstream>

namespace mls::plot {

namespace {

// One gnuplot program being written: its commands, and the table of the user strings they name
// (gnuplot_strings.hpp: user text is never written into the commands themselves).
struct Program {
  std::ostringstream g;
  GnuplotStrings s;
  bool text = false;  // gnuplot's dumb terminal: it cannot turn the y label (y_label)
  ChartOptions opt;
};
std::string num(double x) {
  std::ostringstream s;
  s.precision(10);
  s << x;
  return s.str();
}

double number(const Value& v) { return v.is_num() ? v.num() : std::numeric_limits<double>::quiet_NaN(); }
std::string str(const Value& v) { return v.is_str() ? v.str() : v.is_bool() ? (v.boolean() ? "true" : "false") : ""; }
// A label argument: a string as it is, a number with its unit ("64", "3.35 TB/s").
std::string label_of(const Chart& c, const std::map<std::string, Value>& p, const std::string& arg) {
  auto it = p.find(arg);
  if (it == p.end()) return "";
  if (it->second.is_num() && c.shape.count(arg) && c.shape.at(arg)) return out::format_value(it->second, *c.shape.at(arg), 4);
  return str(it->second);
}
double field(const Value& rec, const char* name) {
  if (!rec.is_record()) return std::numeric_limits<double>::quiet_NaN();
  const Value* f = rec.record().find(name);
  return f && f->is_num() ? f->num() : std::numeric_limits<double>::quiet_NaN();
}
std::string field_str(const Value& rec, const char* name) {
  if (!rec.is_record()) return "";
  const Value* f = rec.record().find(name);
  return f && f->is_str() ? f->str() : "";
}

// An axis: the label "name (unit)" and the factor from SI to the unit shown, chosen from the values'
// magnitude with the argument's own display (what the user converted to stays). An `xlabel`/`ylabel`
// option replaces the name, an `xscale`/`yscale` option the scale chosen from the data.
struct Axis {
  std::string label;
  double scale = 1;
  bool log = false;
  std::optional<std::pair<double, double>> range;  // in the unit shown
};
Axis axis_for(const std::string& name, const units::Display& d, const std::vector<double>& si, const AxisOptions& o) {
  Axis a;
  double big = 0, lo = std::numeric_limits<double>::infinity(), hi = 0;
  bool positive = !si.empty();
  for (double x : si) {
    if (!std::isfinite(x)) continue;
    big = std::max(big, std::fabs(x));
    if (x <= 0) positive = false;
    lo = std::min(lo, x);
    hi = std::max(hi, x);
  }
  auto f = units::format(big == 0 ? 1 : big, d, 6);
  if (f.value != 0 && std::isfinite(f.value)) a.scale = (big == 0 ? 1 : big) / f.value;
  std::string shown = o.label.value_or(name);
  a.label = f.unit.empty() ? shown : shown + " (" + f.unit + ")";
  // Values spanning a decade or more (geometric sweeps) read on a log axis; a range from zero asks for a linear one.
  a.log = o.log.value_or(positive && hi / lo >= 10 && !(o.range && o.range->first <= 0));
  if (o.range) a.range = std::make_pair(o.range->first / a.scale, o.range->second / a.scale);
  return a;
}
Axis axis_for(const Chart& c, const std::string& arg, const std::vector<double>& si, const AxisOptions& o) {
  auto sh = c.shape.count(arg) ? c.shape.at(arg) : nullptr;
  return axis_for(c.text.count(arg) ? c.text.at(arg) : arg, sh ? sh->display : units::Display{}, si, o);
}
std::vector<double> column(const Chart& c, const std::string& arg) {
  std::vector<double> v;
  for (auto& p : c.points) v.push_back(p.count(arg) ? number(p.at(arg)) : std::numeric_limits<double>::quiet_NaN());
  return v;
}
std::string last_str(const Chart& c, const std::string& arg) {
  for (auto it = c.points.rbegin(); it != c.points.rend(); ++it)
    if (it->count(arg)) return str(it->at(arg));
  return "";
}

// The y label. gnuplot's dumb terminal cannot turn text, and leaves a turned label out: there it is
// written across, above the axis's top left corner.
void y_label(Program& p, const std::string& label) {
  if (!p.text) {
    p.g << "set ylabel " << p.s.ref(label) << "\n";
    return;
  }
  p.g << "set tmargin 5\nset label 99999 " << p.s.ref(label) << " at screen 0, graph 1 left offset char 1, char 2\n";
}

// Labels, scales and ranges of both axes. `fix_x`: without a range option the x axis ends at the data
// (gnuplot would stretch it to the next tick).
void axes(Program& p, const Axis& x, const Axis& y, bool fix_x) {
  auto& g = p.g;
  g << "set xlabel " << p.s.ref(x.label) << "\n";
  y_label(p, y.label);
  if (x.log) g << "set logscale x\n";
  if (y.log) g << "set logscale y\n";
  if (x.range) g << "set xrange [" << num(x.range->first) << ":" << num(x.range->second) << "]\n";
  else if (fix_x) g << "set autoscale xfix\n";
  if (y.range) g << "set yrange [" << num(y.range->first) << ":" << num(y.range->second) << "]\n";
}

// A label beside a data point. `set label` and not `plot … with labels`: gnuplot re-reads a string
// from a `using` column as a data field, so a quote or a space inside it would cut the text short.
void point_label(Program& p, int& n, const std::string& text, double x, double y, const char* offset) {
  if (!std::isfinite(x) || !std::isfinite(y)) return;
  p.g << "set label " << n++ << " " << p.s.ref(text) << " at " << num(x) << "," << num(y) << " left offset " << offset
      << " font ',8' front\n";
}

void point_label_right(Program& p, int& n, const std::string& text, double x, double y) {
  if (!std::isfinite(x) || !std::isfinite(y)) return;
  p.g << "set label " << n++ << " " << p.s.ref(text) << " at " << num(x) << "," << num(y) << " right offset -1,0.5"
      << " font ',8' front\n";
}

const char* kPalette[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"};

// ---- roofline: per hardware, the memory slope up to the highest compute ceiling ----
// The slope and each ceiling are separate lines (each its own glyph on a text chart); precisions with the
// same peak share one ceiling ("fp8/int8"), so no two are drawn on top of one another; each ceiling is
// labelled at its right end, inside the frame.
void roofline(Program& prog, const Chart& c, const units::UnitTable& u) {
  auto& g = prog.g;
  struct Hw {
    std::string name;
    double bw, peak;
    std::vector<std::pair<std::string, double>> ceilings;  // every precision's peak, equal peaks merged, highest first
    // Effective roofs (η·peak over the tier bandwidth) of the points placed on this hardware: the roof the
    // solver's bottleneck is decided against (MODELS §4; issue 20.1), one per distinct (η·peak, bandwidth).
    std::vector<std::pair<double, double>> effective;
  };
  std::vector<Hw> hws;
  struct Pt {
    double i, perf;
    std::string label;
  };
  std::vector<Pt> pts;
  for (auto& p : c.points) {
    const Value& h = p.at("hardware");
    std::string name = field_str(h, "name");
    if (std::none_of(hws.begin(), hws.end(), [&](auto& x) { return x.name == name; })) {
      Hw x{name, field(h, "bandwidth"), field(h, "peak_flops"), {{"fp16/bf16", field(h, "peak_flops")}}, {}};
      for (const char* prec : {"tf32", "fp8", "int8", "fp32"})
        if (double v = field(h, prec); std::isfinite(v) && v > 0) {
          auto same = std::find_if(x.ceilings.begin(), x.ceilings.end(), [&](auto& cl) { return std::fabs(cl.second - v) <= 1e-9 * v; });
          if (same == x.ceilings.end()) x.ceilings.emplace_back(prec, v);
          else if (same != x.ceilings.begin()) same->first += std::string("/") + prec;
        }
      std::sort(x.ceilings.begin(), x.ceilings.end(), [](auto& l, auto& r) { return l.second > r.second; });
      hws.push_back(std::move(x));
    }
    if (p.count("point")) {
      const Value& r = p.at("point");
      auto hw = std::find_if(hws.begin(), hws.end(), [&](auto& x) { return x.name == name; });
      double fe = field(r, "peak_flops_actual"), be = field(r, "peak_bw_actual");
      std::pair<double, double> eff{fe, be};
      if (std::isfinite(fe) && fe > 0 && std::isfinite(be) && be > 0 &&
          std::find(hw->effective.begin(), hw->effective.end(), eff) == hw->effective.end())
        hw->effective.push_back(eff);
      double i = field(r, "arithmetic_intensity"), lat = field(r, "latency"), ops = field(r, "model_flops");
      std::string b = field_str(r, "bottleneck");
      std::transform(b.begin(), b.end(), b.begin(), [](char ch) { return std::tolower(ch); });
      std::string label = label_of(c, p, "label");
      label += (label.empty() ? "" : " ") + std::string("(") + (b.empty() ? "?" : b) + "-bound)";
      if (std::isfinite(i) && lat > 0) pts.push_back({i, ops / lat, label});
    }
  }
  double top = 0, peak16 = 0, lo_i = std::numeric_limits<double>::infinity(), hi_i = 0;
  for (auto& h : hws) {
    peak16 = std::max(peak16, h.peak);
    for (auto& [_, v] : h.ceilings) {
      top = std::max(top, v);
      lo_i = std::min(lo_i, v / h.bw);
      hi_i = std::max(hi_i, v / h.bw);
    }
    for (auto& [fe, be] : h.effective) lo_i = std::min(lo_i, fe / be);
  }
  for (auto& p : pts) {
    lo_i = std::min(lo_i, p.i);
    hi_i = std::max(hi_i, p.i);
  }
  Dimension rate = Dimension::base(BaseDim::Compute) / Dimension::base(BaseDim::Time);
  Dimension bandwidth = Dimension::base(BaseDim::Information) / Dimension::base(BaseDim::Time);
  auto shown = [&](double v, const Dimension& d) {
    auto f = units::format(v, units::default_display(d, u));
    return f.number + " " + f.unit;
  };
  auto yf = units::format(peak16, units::default_display(rate, u), 6);  // the unit of the 16-bit peak
  double ys = peak16 / yf.value;
  // The intensity axis reaches a factor 30 past the last ridge or point: room for the labels right of them.
  Axis ax, ay;
  ax.label = prog.opt.x.label.value_or("arithmetic intensity") + " (FLOP/B)";
  ax.log = prog.opt.x.log.value_or(!(prog.opt.x.range && prog.opt.x.range->first <= 0));
  ay.label = prog.opt.y.label.value_or("attainable performance") + " (" + yf.unit + ")";
  ay.log = prog.opt.y.log.value_or(!(prog.opt.y.range && prog.opt.y.range->first <= 0));
  if (prog.opt.y.range) ay.range = std::make_pair(prog.opt.y.range->first / ys, prog.opt.y.range->second / ys);
  else ay.range = std::make_pair(top / ys / 1e4, top / ys * 3);
  ax.range = prog.opt.x.range;  // FLOP/B, the unit shown
  if (!ax.range) ax.range = std::make_pair(std::max(1e-3, lo_i / 10), hi_i * 30);
  axes(prog, ax, ay, false);
  g << "set samples 1000\n" << legend_command(prog.opt.legend, "set key bottom right") << "\n";
  std::string plots;
  auto add = [&](const std::string& item) { plots += (plots.empty() ? "" : ", ") + item; };
  int k = 0, lbl = 1;
  const char* ceiling_offset = prog.text ? "0,1" : "0,0.6";  // just above the line (a text chart: the row above)
  for (auto& h : hws) {
    const char* col = kPalette[k % 8];
    std::string who = hws.size() > 1 ? h.name + " " : "";
    const double roof = h.ceilings.front().second;
    add("(x <= " + num(roof / h.bw) + " ? " + num(h.bw) + "*x : 1/0)/" + num(ys) + " with lines lw 2 lc rgb '" + col + "' title " +
        prog.s.ref(h.name + " memory " + shown(h.bw, bandwidth)));
    int dt = 1;
    for (auto& [prec, v] : h.ceilings) {
      const bool main = v == h.peak;
      add("(x >= " + num(v / h.bw) + " ? " + num(v) + " : 1/0)/" + num(ys) + " with lines lw " + (main ? "2" : "1.5") + " dt " +
          std::to_string(main ? 1 : ++dt) + " lc rgb '" + col + "' notitle");
      g << "set label " << lbl++ << " " << prog.s.ref(who + prec + " " + shown(v, rate)) << " at graph 0.99, first " << num(v / ys)
        << " right offset " << ceiling_offset << " tc rgb '" << col << "' front\n";
    }
    // The ridge is marked and labelled on its left, above the slope, where the chart is empty.
    double ridge = h.peak / h.bw;
    g << "set label " << lbl++ << " " << prog.s.ref(who + "ridge " + units::format_number(ridge, 4) + " FLOP/B") << " at "
      << num(ridge / 1.3) << "," << num(h.peak / ys * 1.3) << " right tc rgb '" << col << "' front\n";
    g << "set object " << lbl++ << " circle at " << num(ridge) << "," << num(h.peak / ys) << " size char 0.5 fc rgb '" << col
      << "' fs solid\n";
    for (auto& [fe, be] : h.effective) {
      // Dashed: the roof at the achieved peak; a point left of its ridge is memory-bound even when it lies
      // right of the hardware ridge. Its slope is drawn only where it is not the memory slope itself.
      const double eridge = fe / be;
      add("(x >= " + num(eridge) + " ? " + num(fe) + " : 1/0)/" + num(ys) + " with lines dt (10,6) lw 2 lc rgb '#303030' title " +
          prog.s.ref(h.name + " effective roof η·peak " + shown(fe, rate)));
      if (std::fabs(be - h.bw) > 1e-9 * h.bw)
        add("(x <= " + num(eridge) + " ? " + num(be) + "*x : 1/0)/" + num(ys) + " with lines dt (10,6) lw 2 lc rgb '#303030' notitle");
      g << "set label " << lbl++ << " " << prog.s.ref("effective ridge " + units::format_number(eridge, 4) + " FLOP/B") << " at "
        << num(eridge / 1.3) << "," << num(fe / ys * 1.3) << " right tc rgb '#303030' front\n";
      g << "set object " << lbl++ << " circle at " << num(eridge) << "," << num(fe / ys) << " size char 0.4 fc rgb '#303030'"
        << " fs empty\n";
    }
    ++k;
  }
  if (!pts.empty()) {
    g << "$points << EOD\n";
    for (auto& p : pts) g << num(p.i) << " " << num(p.perf / ys) << "\n";
    g << "EOD\n";
    if (prog.opt.labels != "none")
      for (auto& p : pts) point_label(prog, lbl, p.label, p.i, p.perf / ys, "1,0");
    add("$points using 1:2 with points pt 7 ps 1.3 lc rgb 'black' title 'workloads'");
  }
  g << "plot " << plots << "\n";
}

// ---- line: one line per series ----
void line(Program& prog, const Chart& c) {
  auto& g = prog.g;
  auto xs = column(c, "x"), ys = column(c, "y");
  Axis ax = axis_for(c, "x", xs, prog.opt.x), ay = axis_for(c, "y", ys, prog.opt.y);
  axes(prog, ax, ay, true);
  std::vector<std::string> order;
  std::map<std::string, std::vector<std::pair<double, double>>> series;
  for (std::size_t k = 0; k < c.points.size(); ++k) {
    std::string s = label_of(c, c.points[k], "series");
    if (!series.count(s)) order.push_back(s);
    series[s].emplace_back(xs[k] / ax.scale, ys[k] / ay.scale);
  }
  std::string plots;
  for (std::size_t k = 0; k < order.size(); ++k) {
    auto& pts = series[order[k]];
    std::sort(pts.begin(), pts.end());
    g << "$s" << k << " << EOD\n";
    for (auto& [x, y] : pts) g << num(x) << " " << num(y) << "\n";
    g << "EOD\n";
    plots += (plots.empty() ? "" : ", ") + std::string("$s") + std::to_string(k) + " with linespoints lw 2 pt 7 lc rgb '" +
             kPalette[k % 8] + "'" + (order[k].empty() ? std::string(" notitle") : " title " + prog.s.ref(order[k]));
  }
  g << legend_command(prog.opt.legend, "set key top left") << "\nplot " << plots << "\n";
}

// ---- scatter: every point, the Pareto front (both minimised) drawn over it ----
void scatter(Program& prog, const Chart& c) {
  auto& g = prog.g;
  auto xs = column(c, "x"), ys = column(c, "y");
  Axis ax = axis_for(c, "x", xs, prog.opt.x), ay = axis_for(c, "y", ys, prog.opt.y);
  axes(prog, ax, ay, true);
  bool pareto = true;
  if (c.has("pareto")) pareto = str(c.points.back().at("pareto")) != "false";
  std::vector<std::size_t> idx(xs.size());
  for (std::size_t k = 0; k < idx.size(); ++k) idx[k] = k;
  std::sort(idx.begin(), idx.end(), [&](auto a, auto b) { return xs[a] < xs[b] || (xs[a] == xs[b] && ys[a] < ys[b]); });
  std::vector<std::size_t> front;
  double best = std::numeric_limits<double>::infinity();
  for (auto k : idx)
    if (ys[k] < best) {
      front.push_back(k);
      best = ys[k];
    }
  auto lab = [&](std::size_t k) { return label_of(c, c.points[k], "label"); };
  g << "$all << EOD\n";
  for (std::size_t k = 0; k < xs.size(); ++k) g << num(xs[k] / ax.scale) << " " << num(ys[k] / ay.scale) << "\n";
  g << "EOD\n$front << EOD\n";
  for (auto k : front) g << num(xs[k] / ax.scale) << " " << num(ys[k] / ay.scale) << "\n";
  g << "EOD\n";
  // Point labels: the front's by default (every point's without a front), or as the `labels` option says.
  std::string which = prog.opt.labels.empty() ? (pareto ? "front" : "all") : prog.opt.labels;
  if (c.has("label") && which != "none") {
    int n = 1;
    // A point in the right quarter of the x range is labelled on its left, so that its label stays inside the frame.
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (double x : xs)
      if (std::isfinite(x)) lo = std::min(lo, x / ax.scale), hi = std::max(hi, x / ax.scale);
    if (ax.range) lo = ax.range->first, hi = ax.range->second;
    auto right_quarter = [&](double x) {
      double f = ax.log && lo > 0 ? std::log(x / lo) / std::log(hi / lo) : (x - lo) / (hi - lo);
      return hi > lo && f > 0.75;
    };
    auto label_at = [&](std::size_t k) {
      double x = xs[k] / ax.scale;
      if (right_quarter(x)) point_label_right(prog, n, lab(k), x, ys[k] / ay.scale);
      else point_label(prog, n, lab(k), x, ys[k] / ay.scale, "1,0.5");
    };
    if (which == "front")
      for (auto k : front) label_at(k);
    else
      for (std::size_t k = 0; k < xs.size(); ++k) label_at(k);
  }
  std::string plots = "$all using 1:2 with points pt 7 ps 1 lc rgb '#9a9a9a' title 'configurations'";
  if (pareto)
    plots += ", $front using 1:2 with linespoints lw 2 pt 7 ps 1.4 lc rgb '#d62728' title 'Pareto front'";
  g << legend_command(prog.opt.legend, "set key top right") << "\nplot " << plots << "\n";
}

// ---- bar: one bar per label ----
void bar(Program& prog, const Chart& c) {
  auto& g = prog.g;
  std::vector<std::string> labels;
  std::map<std::string, double> value;
  for (auto& p : c.points) {
    std::string l = label_of(c, p, "label");
    if (!value.count(l)) labels.push_back(l);
    value[l] = number(p.at("value"));
  }
  std::vector<double> vs;
  for (auto& l : labels) vs.push_back(value[l]);
  Axis ay = axis_for(c, "value", vs, prog.opt.y);
  ay.log = prog.opt.y.log.value_or(false);  // bars start at zero: linear unless asked
  y_label(prog, ay.label);
  if (prog.opt.x.label) g << "set xlabel " << prog.s.ref(*prog.opt.x.label) << "\n";
  if (ay.log) g << "set logscale y\n";
  if (ay.range) g << "set yrange [" << num(ay.range->first) << ":" << num(ay.range->second) << "]\n";
  else if (!ay.log) g << "set yrange [0:*]\n";
  g << "set style fill solid 0.8 border -1\nset boxwidth 0.6\nset xtics rotate by -30\nunset key\n$bars << EOD\n";
  for (std::size_t k = 0; k < labels.size(); ++k) g << k << " " << prog.s.index(labels[k]) << " " << num(vs[k] / ay.scale) << "\n";
  g << "EOD\nplot $bars using 1:3:xtic(S[int($2)]) with boxes lc rgb '#1f77b4', $bars using 1:3:(sprintf('%.4g', $3)) with labels "
       "offset 0,0.8 notitle\n";
}

// A sweep's axis is ticked at the values swept (a regime map reads "batch 64", not "between 10 and 100"):
// when there are at most 16 of them, else every k-th. Numbers only: they are the run's values, not text.
void swept_tics(Program& p, const char* which, const Axis& a, const std::vector<double>& si) {
  std::set<double> vals;
  for (double v : si)
    if (std::isfinite(v)) vals.insert(v / a.scale);
  if (vals.empty()) return;
  std::size_t every = (vals.size() + 15) / 16, k = 0;
  std::string tics;
  for (double v : vals)
    if (k++ % every == 0) tics += (tics.empty() ? "" : ", ") + num(v);
  p.g << "set " << which << "tics (" << tics << ")\nset m" << which << "tics 1\n";
}

// ---- heatmap: a two-parameter sweep coloured by category (regime map) or by value ----
void heatmap(Program& prog, const Chart& c) {
  auto& g = prog.g;
  auto xs = column(c, "x"), ys = column(c, "y");
  Axis ax = axis_for(c, "x", xs, prog.opt.x), ay = axis_for(c, "y", ys, prog.opt.y);
  axes(prog, ax, ay, false);
  g << legend_command(prog.opt.legend, "set key outside right") << "\n";
  // Room around the outer cells: a factor on a log axis, 5 % of the span on a linear one.
  auto range = [&](const char* which, const Axis& a, const std::vector<double>& si) {
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (double v : si)
      if (std::isfinite(v)) lo = std::min(lo, v / a.scale), hi = std::max(hi, v / a.scale);
    if (!std::isfinite(lo) || a.range) return;
    if (a.log) g << "set " << which << "range [" << num(lo / 1.6) << ":" << num(hi * 1.6) << "]\n";
    else {
      double pad = hi > lo ? (hi - lo) * 0.08 : std::max(1.0, std::fabs(hi) * 0.1);
      g << "set " << which << "range [" << num(lo - pad) << ":" << num(hi + pad) << "]\n";
    }
  };
  range("x", ax, xs);
  range("y", ay, ys);
  swept_tics(prog, "x", ax, xs);
  swept_tics(prog, "y", ay, ys);
  if (c.has("category")) {
    std::vector<std::string> cats;
    for (auto& p : c.points)
      if (auto s = label_of(c, p, "category"); std::find(cats.begin(), cats.end(), s) == cats.end()) cats.push_back(s);
    std::string plots;
    for (std::size_t k = 0; k < cats.size(); ++k) {
      g << "$c" << k << " << EOD\n";
      for (std::size_t j = 0; j < c.points.size(); ++j)
        if (label_of(c, c.points[j], "category") == cats[k]) g << num(xs[j] / ax.scale) << " " << num(ys[j] / ay.scale) << "\n";
      g << "EOD\n";
      // A text chart draws a point as its point type's letter: one letter per category (A, B, …), not one for all.
      std::string pt = prog.text ? std::to_string(k % 26 + 1) : "5";
      plots += (plots.empty() ? "" : ", ") + std::string("$c") + std::to_string(k) + " with points pt " + pt + " ps 2.6 lc rgb '" +
               kPalette[k % 8] + "' title " + prog.s.ref(cats[k]);
    }
    g << "plot " << plots << "\n";
  } else {
    auto vs = column(c, "value");
    Axis av = axis_for(c, "value", vs, AxisOptions{});
    g << "set cblabel " << prog.s.ref(av.label) << "\nset palette rgbformulae 33,13,10\n$v << EOD\n";
    for (std::size_t j = 0; j < c.points.size(); ++j)
      g << num(xs[j] / ax.scale) << " " << num(ys[j] / ay.scale) << " " << num(vs[j] / av.scale) << "\n";
    g << "EOD\nplot $v using 1:2:3 with points pt 5 ps 2.6 palette notitle\n";
  }
}

// ---- scorecard: the three panels of a scenario evaluation, green for PASS, red for FAIL ----
// Each metric a level is checked against is shown with its threshold: the device's memory beside the
// memory required, the SLA beside the latency, 1 beside the data pipeline's utilisation (MODELS §17). The
// thresholds come from the evaluation where it carries them, else from the `scenario` option.
const Value* path(const Value* v, std::initializer_list<const char*> names) {
  for (const char* n : names) {
    if (!v || !v->is_record()) return nullptr;
    v = v->record().find(n);
  }
  return v && v->is_num() ? v : nullptr;
}
const Value* threshold(const Chart& c, const Value& e, const std::string& panel, const std::string& metric) {
  const Value* sc = c.has("scenario") ? &c.points.back().at("scenario") : nullptr;
  static const Value kOne(1.0);
  if (panel == "feasibility" && metric == "memory_required") {
    if (auto v = path(&e, {"feasibility", "memory_capacity"})) return v;
    if (auto v = path(sc, {"hardware", "capacity"})) return v;
    return path(sc, {"fleet", "node", "accelerator", "capacity"});
  }
  if (panel == "feasibility" && metric == "data_utilization") return &kOne;
  if (panel == "performance" && metric == "latency") {
    if (auto v = path(&e, {"performance", "sla"})) return v;
    return path(sc, {"sla"});
  }
  return nullptr;
}

void scorecard(Program& prog, const Chart& c) {
  auto& g = prog.g;
  const Value& e = c.points.back().at("evaluation");
  const ir::Shape* sh = c.shape.at("evaluation").get();
  const char* panels[] = {"feasibility", "performance", "macro"};
  g << "unset key\nunset ytics\nset yrange [0:1.6]\nset xrange [-0.6:2.6]\nset style fill solid 0.85 border -1\n"
       "set boxwidth 0.8\nset xtics ('Feasibility' 0, 'Performance' 1, 'Macro' 2)\n";
  std::ostringstream data, labels;
  int lbl = 1;
  for (int k = 0; k < 3; ++k) {
    const Value* p = e.is_record() ? e.record().find(panels[k]) : nullptr;
    std::string status = p ? field_str(*p, "status") : "";
    data << k << " 1 " << (status == "PASS" ? "0x2ca02c" : status.empty() ? "0x9a9a9a" : "0xd62728") << "\n";
    if (!p || !p->is_record()) continue;
    const ir::Shape* ps = nullptr;
    if (sh)
      for (auto& [n, s] : sh->fields)
        if (n == panels[k]) ps = s.get();
    double y = 0.9;
    for (auto& [name, v] : p->record().fields) {
      if (v.is_none()) continue;  // an unset metric is not shown as a value
      if (k == 1 && name == "sla") continue;  // shown beside the latency it bounds
      const ir::Shape* fs = nullptr;
      if (ps)
        for (auto& [n, s] : ps->fields)
          if (n == name) fs = s.get();
      std::string shown = fs ? out::format_value(v, *fs, 4) : str(v);
      if (name == "status") {
        labels << "set label " << lbl++ << " " << prog.s.ref(shown) << " at " << k << ",1.08 center front font ',14'\n";
        continue;
      }
      std::string limit;
      if (const Value* t = threshold(c, e, panels[k], name); t && fs) limit = "(≤ " + out::format_value(*t, *fs, 4) + ")";
      // Beside the value; a text chart's panel is too narrow for both, so there the threshold goes just below it.
      if (!prog.text && !limit.empty()) shown += " " + limit;
      labels << "set label " << lbl++ << " " << prog.s.ref(name + ": " + shown) << " at " << k << "," << num(y)
             << " center front font ',10' tc rgb 'white'\n";
      if (prog.text && !limit.empty()) {
        y -= 0.07;
        labels << "set label " << lbl++ << " " << prog.s.ref(limit) << " at " << k << "," << num(y) << " center front\n";
      }
      y -= 0.13;
    }
  }
  g << labels.str() << "$panels << EOD\n" << data.str() << "EOD\nplot $panels using 1:2:3 with boxes lc rgb variable\n";
}

std::string terminal_for(const std::string& fmt, const RenderOptions& o) {
  if (fmt == "svg") return "svg size 900,600 dynamic noenhanced font 'sans,12' background '#ffffff'";
  if (fmt == "png") return "pngcairo size 900,600 noenhanced font 'sans,10'";
  if (fmt == "pdf") return "pdfcairo size 9in,6in noenhanced font 'sans,10'";
  return "dumb size " + std::to_string(o.text_width) + "," + std::to_string(o.text_height) + " noenhanced";
}

}  // namespace

std::string gnuplot_program(const Chart& c, const units::UnitTable& u, const std::string& terminal,
                            const std::string& output) {
  Program p;
  p.text = terminal.rfind("dumb", 0) == 0;
  p.opt = chart_options(c);
  std::string title = c.has("title") ? last_str(c, "title") : "";
  if (title.empty()) {
    if (c.kind == "roofline") title = "Roofline";
    else if (c.kind == "scorecard") title = "Scenario scorecard";
    else if (c.has("y")) title = p.opt.y.label.value_or(c.text.at("y")) + " vs " + p.opt.x.label.value_or(c.text.at("x"));
    else if (c.has("value")) title = c.text.at("value") + (c.has("label") ? " by " + c.text.at("label") : "");
    else title = c.kind;
  }
  p.g << "set title " << p.s.ref(title) << "\n";
  if (c.kind == "roofline") roofline(p, c, u);
  else if (c.kind == "line") line(p, c);
  else if (c.kind == "scatter") scatter(p, c);
  else if (c.kind == "bar") bar(p, c);
  else if (c.kind == "heatmap") heatmap(p, c);
  else if (c.kind == "scorecard") scorecard(p, c);
  // The strings come before every command that names them; the terminal and output come first.
  return "set terminal " + terminal + "\nset output " + gnuplot_string(output) + "\nset grid\nset encoding utf8\n" +
         p.s.declarations() + p.g.str() + "unset output\n";
}

std::string chart_file_stem(const std::string& stem) {
  std::string r;
  for (char ch : shown_text(stem)) r += ch == '/' ? '_' : ch;
  // Cut at a character boundary well inside a file name's 255 bytes ("-<n>-<kind>.<ext>" follows).
  std::size_t cut = std::min(r.size(), kMaxStemBytes);
  while (cut > 0 && cut < r.size() && (static_cast<unsigned char>(r[cut]) & 0xC0) == 0x80) --cut;
  return r.substr(0, cut);
}

Rendered render(const Collector& charts, const units::UnitTable& u, const RenderOptions& o, std::ostream& out,
                std::ostream& err) {
  Rendered done;
  auto failed = [&](const Chart& c, const std::string& as, const std::string& problem) {
    err << "mls: plot " << c.id + 1 << " (" << c.kind << ")" << as << ": " << problem << "\n";
    done.ok = false;
  };
  if (!o.dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(o.dir, ec);
    if (ec) {
      err << "mls: cannot create the plot folder '" << o.dir << "': " << ec.message() << "\n";
      done.ok = false;
      return done;
    }
  }
  std::string stem = chart_file_stem(o.stem);
  for (auto& [id, c] : charts.charts()) {
    if (c.points.empty()) continue;
    if (std::string problem = options_problem(c, chart_options(c)); !problem.empty()) {
      failed(c, "", problem);
      continue;
    }
    if (o.text) {
      Drawing d = run_gnuplot(gnuplot_program(c, u, terminal_for("text", o), "chart.txt"), "chart.txt");
      if (!d.problem.empty()) failed(c, "", d.problem);
      else out << d.content;
    }
    if (o.dir.empty()) continue;
    for (auto& fmt : o.formats) {
      std::string name = stem + "-" + std::to_string(id + 1) + "-" + c.kind + "." + fmt;
      Drawing d = run_gnuplot(gnuplot_program(c, u, terminal_for(fmt, o), "chart." + fmt), "chart." + fmt);
      if (d.problem.empty()) d.problem = sys::publish_file(o.dir, name, d.content);
      if (!d.problem.empty()) failed(c, " as " + fmt, d.problem);
      else done.written.push_back((std::filesystem::path(o.dir) / name).string());
    }
  }
  return done;
}

}  // namespace mls::plot
