// `plot KIND(args)`: charts. A plot statement checks its arguments against the chart kind and lowers
// to one Plot instruction; inside a loop each run adds a point, and the runtime draws every chart
// after the script ends (runtime/plot). Where the files go is the command line's choice, never the
// script's (--plots DIR).
#include "compiler/sema/checker.hpp"

namespace mls::sema {

namespace {

enum class Want { Num, Str, Label, Bool, Hardware, Roofline, Scorecard };  // Label: a string, or a number shown with its unit
struct ArgSpec {
  const char* name;
  Want want;
  bool required;
  bool positional;  // may be given first, without its name
};
struct ChartSpec {
  const char* kind;
  const char* what;
  std::vector<ArgSpec> args;
};

const std::vector<ChartSpec>& charts() {
  static const std::vector<ChartSpec> c = {
      {"roofline", "a roofline chart: compute ceilings per precision, the memory slope, ridge points, and workloads placed",
       {{"hardware", Want::Hardware, true, true}, {"point", Want::Roofline, false, false}, {"label", Want::Label, false, false},
        {"title", Want::Str, false, false}}},
      {"line", "a line chart of a one-parameter sweep (one line per series)",
       {{"x", Want::Num, true, false}, {"y", Want::Num, true, false}, {"series", Want::Label, false, false},
        {"title", Want::Str, false, false}}},
      {"scatter", "a scatter plot with the Pareto front (both axes minimised) highlighted",
       {{"x", Want::Num, true, false}, {"y", Want::Num, true, false}, {"label", Want::Label, false, false},
        {"pareto", Want::Bool, false, false}, {"title", Want::Str, false, false}}},
      {"bar", "a bar chart of a categorical comparison",
       {{"label", Want::Label, true, false}, {"value", Want::Num, true, false}, {"title", Want::Str, false, false}}},
      {"heatmap", "a map of a two-parameter sweep coloured by a category (e.g. the binding constraint) or a value",
       {{"x", Want::Num, true, false}, {"y", Want::Num, true, false}, {"category", Want::Label, false, false},
        {"value", Want::Num, false, false}, {"title", Want::Str, false, false}}},
      {"scorecard", "the scorecard of a scenario evaluation (feasibility, performance, macro panels)",
       {{"evaluation", Want::Scorecard, true, true}, {"title", Want::Str, false, false}}},
  };
  return c;
}

const char* want_text(Want w) {
  switch (w) {
    case Want::Num: return "a number or quantity";
    case Want::Str: return "a string";
    case Want::Label: return "a string or a number";
    case Want::Bool: return "true or false";
    case Want::Hardware: return "a hardware entry (e.g. H100)";
    case Want::Roofline: return "a roofline result (roofline(...))";
    case Want::Scorecard: return "a scenario evaluation (evaluate(...))";
  }
  return "";
}

bool fits(Want w, const SType& t) {
  switch (w) {
    case Want::Num: return t.is_num();
    case Want::Str: return t.k == SType::K::Str;
    case Want::Label: return t.k == SType::K::Str || t.is_num() || t.k == SType::K::Bool;
    case Want::Bool: return t.k == SType::K::Bool;
    case Want::Hardware: return t.is_record() && (t.kind == "hardware" || t.family == "hardware");
    case Want::Roofline: return t.is_record() && t.kind == "engine_solve";
    case Want::Scorecard: return t.is_record() && t.kind == "evaluate_scenario";
  }
  return false;
}

}  // namespace

std::vector<std::string> chart_kinds() {
  std::vector<std::string> k;
  for (auto& c : charts()) k.push_back(c.kind);
  return k;
}

void Checker::plot_stmt(const ast::Stmt& s) {
  const ast::Expr* call = s.value.get();
  std::string kinds;
  for (auto& c : charts()) kinds += (kinds.empty() ? "" : ", ") + std::string(c.kind);
  if (call->kind != ast::ExprKind::Call || call->text.empty())
    error("E0410", "`plot` needs a chart: one of " + kinds, call->span, "not a chart",
          "write e.g. `plot line(x = b, y = r.latency)` or `plot roofline(H100, point = r)`");
  auto spec = std::find_if(charts().begin(), charts().end(), [&](auto& c) { return call->text == c.kind; });
  if (spec == charts().end())
    error("E0410", "there is no chart `" + call->text + "`", call->text_span, "unknown chart",
          "charts: " + kinds);
  ir::Inst inst{ir::Op::Plot};
  inst.span = s.span;
  inst.str = spec->kind;
  std::vector<bool> given(spec->args.size(), false);
  for (std::size_t k = 0; k < call->args.size(); ++k) {
    const ast::Arg& a = call->args[k];
    std::size_t idx = spec->args.size();
    if (a.name) {
      for (std::size_t j = 0; j < spec->args.size(); ++j)
        if (*a.name == spec->args[j].name) idx = j;
      if (idx == spec->args.size()) {
        std::string names;
        for (auto& x : spec->args) names += (names.empty() ? "`" : ", `") + std::string(x.name) + "`";
        error("E0404", "`" + call->text + "` has no argument `" + *a.name + "`", a.name_span, "unknown argument",
              "its arguments: " + names);
      }
    } else if (k == 0 && spec->args[0].positional) {
      idx = 0;
    } else {
      error("E0403", "this argument of `" + call->text + "` needs its name", a.value->span, "name it",
            std::string("write `") + spec->args[std::min<std::size_t>(k, spec->args.size() - 1)].name + " = ...`");
    }
    if (given[idx])
      error("E0403", "`" + std::string(spec->args[idx].name) + "` is given twice", a.value->span, "again here");
    given[idx] = true;
    TExpr v = expr(*a.value);
    if (!fits(spec->args[idx].want, v.t))
      error("E0401", "`" + std::string(spec->args[idx].name) + "` of `" + call->text + "` must be " +
                         want_text(spec->args[idx].want),
            a.value->span, "this is " + describe_a(v.t, units_));
    // The source text labels the axis: `y = r.latency -> ms` is drawn as "r.latency (ms)".
    const ast::Expr* shown = a.value.get();
    if (shown->kind == ast::ExprKind::Convert) shown = shown->lhs.get();
    inst.names.push_back(std::string(spec->args[idx].name) + "=" + text(shown->span));
    inst.operands.push_back(v.v);
    inst.shapes.push_back(shape_of(v.t, units_));
  }
  for (std::size_t j = 0; j < spec->args.size(); ++j)
    if (spec->args[j].required && !given[j])
      error("E0405", "`" + call->text + "` needs `" + spec->args[j].name + "`", call->span, "missing " + std::string(spec->args[j].name),
            std::string(spec->what) + "; its `" + spec->args[j].name + "` is " + want_text(spec->args[j].want));
  if (spec->kind == std::string("heatmap") && !given[2] && !given[3])
    error("E0405", "`heatmap` needs `category` or `value`", call->span, "nothing to colour by",
          "e.g. `category = r.bottleneck` for a regime map");
  inst.aux = module_.num_plots++;
  emit(std::move(inst));
}

}  // namespace mls::sema
