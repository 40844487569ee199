// `plot KIND(args)`: charts. A plot statement checks its arguments against the chart kind and lowers
// to one Plot instruction; inside a loop each run adds a point, and the runtime draws every chart
// after the script ends (runtime/plot). Where the files go is the command line's choice, never the
// script's (--plots DIR).
#include "compiler/sema/checker.hpp"

namespace mls::sema {

namespace {

// Choice and Range are chart options: a choice is a string literal from a fixed list (the renderer maps it to
// its own gnuplot words, so the text never reaches gnuplot); a range is `lo .. hi` in the dimension of its axis.
enum class Want { Num, Str, Label, Bool, Hardware, Roofline, Scorecard, Scenario, Choice, Range };  // Label: a string, or a number shown with its unit
struct ArgSpec {
  const char* name;
  Want want;
  bool required;
  bool positional;                    // may be given first, without its name
  std::vector<std::string> choices{}; // Choice: the values allowed
  const char* axis = nullptr;         // Range: the argument whose dimension it has ("" = the chart's own axis)
};
struct ChartSpec {
  const char* kind;
  const char* what;
  std::vector<ArgSpec> args;
};

const std::vector<std::string> kScales = {"linear", "log"};
const std::vector<std::string> kLegends = {"top left", "top right", "bottom left", "bottom right", "outside", "below", "none"};

// The options of a chart's axes: labels, scales and ranges (`axis` names the argument each range follows).
std::vector<ArgSpec> with_axes(std::vector<ArgSpec> args, const char* x, const char* y) {
  if (x) {
    args.push_back({"xlabel", Want::Str, false, false});
    args.push_back({"xscale", Want::Choice, false, false, kScales});
    args.push_back({"xrange", Want::Range, false, false, {}, x});
  } else {
    args.push_back({"xlabel", Want::Str, false, false});
  }
  args.push_back({"ylabel", Want::Str, false, false});
  args.push_back({"yscale", Want::Choice, false, false, kScales});
  args.push_back({"yrange", Want::Range, false, false, {}, y});
  return args;
}

const std::vector<ChartSpec>& charts() {
  static const std::vector<ChartSpec> c = {
      {"roofline", "a roofline chart: compute ceilings per precision, the memory slope, ridge points, and workloads placed",
       with_axes({{"hardware", Want::Hardware, true, true}, {"point", Want::Roofline, false, false}, {"label", Want::Label, false, false},
                  {"title", Want::Str, false, false}, {"legend", Want::Choice, false, false, kLegends},
                  {"labels", Want::Choice, false, false, {"all", "none"}}},
                 "", "")},
      {"line", "a line chart of a one-parameter sweep (one line per series)",
       with_axes({{"x", Want::Num, true, false}, {"y", Want::Num, true, false}, {"series", Want::Label, false, false},
                  {"title", Want::Str, false, false}, {"legend", Want::Choice, false, false, kLegends}},
                 "x", "y")},
      {"scatter", "a scatter plot with the Pareto front (both axes minimised) highlighted",
       with_axes({{"x", Want::Num, true, false}, {"y", Want::Num, true, false}, {"label", Want::Label, false, false},
                  {"pareto", Want::Bool, false, false}, {"title", Want::Str, false, false},
                  {"legend", Want::Choice, false, false, kLegends}, {"labels", Want::Choice, false, false, {"front", "all", "none"}}},
                 "x", "y")},
      {"bar", "a bar chart of a categorical comparison",
       with_axes({{"label", Want::Label, true, false}, {"value", Want::Num, true, false}, {"title", Want::Str, false, false}},
                 nullptr, "value")},
      {"heatmap", "a map of a two-parameter sweep coloured by a category (e.g. the binding constraint) or a value",
       with_axes({{"x", Want::Num, true, false}, {"y", Want::Num, true, false}, {"category", Want::Label, false, false},
                  {"value", Want::Num, false, false}, {"title", Want::Str, false, false},
                  {"legend", Want::Choice, false, false, kLegends}},
                 "x", "y")},
      {"scorecard", "the scorecard of a scenario evaluation (feasibility, performance, macro panels)",
       {{"evaluation", Want::Scorecard, true, true}, {"title", Want::Str, false, false}, {"scenario", Want::Scenario, false, false}}},
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
    case Want::Scenario: return "a scenario (e.g. ChatbotServing)";
    case Want::Choice: return "a string";
    case Want::Range: return "a range `low .. high`";
  }
  return "";
}

bool fits(Want w, const SType& t) {
  switch (w) {
    case Want::Num: return t.is_num();
    case Want::Str: case Want::Choice: return t.k == SType::K::Str;
    case Want::Label: return t.k == SType::K::Str || t.is_num() || t.k == SType::K::Bool;
    case Want::Bool: return t.k == SType::K::Bool;
    case Want::Hardware: return t.is_record() && (t.kind == "hardware" || t.family == "hardware");
    case Want::Roofline: return t.is_record() && t.kind == "engine_solve";
    case Want::Scorecard: return t.is_record() && t.kind == "evaluate_scenario";
    case Want::Scenario: return t.is_record() && (t.kind == "scenario" || t.family == "scenario");
    case Want::Range: return true;  // checked end by end (range_option)
  }
  return false;
}

std::string quoted_list(const std::vector<std::string>& xs) {
  std::string r;
  for (auto& x : xs) r += (r.empty() ? "\"" : ", \"") + x + "\"";
  return r;
}

const ast::Expr* unwrapped(const ast::Expr* e) {
  while (e->kind == ast::ExprKind::Paren) e = e->lhs.get();
  return e;
}

// The default axis label of an argument: the name the user bound (`b`), the field read (`r.latency` is
// "latency", `region.name` is "region"); any other expression as written (`as_written`). A conversion only
// picks the unit.
template <class AsWritten>
std::string axis_name(const ast::Expr& arg, const AsWritten& as_written) {
  const ast::Expr* written = &arg;
  if (unwrapped(written)->kind == ast::ExprKind::Convert) written = unwrapped(written)->lhs.get();
  const ast::Expr* e = unwrapped(written);
  if (e->kind == ast::ExprKind::Ident) return e->text;
  if (e->kind == ast::ExprKind::Field) {
    const ast::Expr* obj = unwrapped(e->lhs.get());
    if (e->text == "name" && (obj->kind == ast::ExprKind::Ident || obj->kind == ast::ExprKind::Field))
      return axis_name(*obj, as_written);
    return e->text;
  }
  return as_written(written->span);
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
  std::vector<const ast::Arg*> given(spec->args.size(), nullptr);
  std::vector<SType> types(spec->args.size());
  auto lower = [&](const std::string& name, const std::string& shown, const TExpr& v) {
    inst.names.push_back(name + "=" + shown);
    inst.operands.push_back(v.v);
    inst.shapes.push_back(shape_of(v.t, units_));
  };
  struct RangeArg {
    std::size_t idx;
    const ast::Expr* e;
    TExpr lo, hi;
  };
  std::vector<RangeArg> ranges;
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
    const ArgSpec& want = spec->args[idx];
    if (given[idx])
      error("E0403", "`" + std::string(want.name) + "` is given twice", a.value->span, "again here");
    given[idx] = &a;
    if (want.want == Want::Range) {
      const ast::Expr* r = unwrapped(a.value.get());
      if (r->kind != ast::ExprKind::Range)
        error("E0401", "`" + std::string(want.name) + "` of `" + call->text + "` must be " + want_text(want.want), a.value->span,
              "not a range", std::string("write e.g. `") + want.name + " = 1 .. 100` (both ends in the axis's unit)");
      if (r->step)
        error("E0409", "`" + std::string(want.name) + "` takes its two ends only", r->step->span, "a step is not an axis range",
              "write `low .. high`; the axis's ticks are gnuplot's choice");
      ranges.push_back({idx, r, expr(*r->lhs), expr(*r->rhs)});
      continue;
    }
    TExpr v = expr(*a.value);
    if (!fits(want.want, v.t))
      error("E0401", "`" + std::string(want.name) + "` of `" + call->text + "` must be " + want_text(want.want),
            a.value->span, "this is " + describe_a(v.t, units_));
    if (want.want == Want::Choice) {
      const ast::Expr* lit = unwrapped(a.value.get());
      if (lit->kind != ast::ExprKind::String)
        error("E0409", "`" + std::string(want.name) + "` must be written as one of its values", a.value->span,
              "not known before the run", "one of " + quoted_list(want.choices));
      if (std::find(want.choices.begin(), want.choices.end(), lit->text) == want.choices.end())
        error("E0409", "`" + std::string(want.name) + "` of `" + call->text + "` has no value \"" + lit->text + "\"",
              a.value->span, "not one of its values", "one of " + quoted_list(want.choices));
    }
    types[idx] = v.t;
    lower(want.name, axis_name(*a.value, [&](Span sp) { return text(sp); }), v);
  }
  for (std::size_t j = 0; j < spec->args.size(); ++j)
    if (spec->args[j].required && !given[j])
      error("E0405", "`" + call->text + "` needs `" + spec->args[j].name + "`", call->span, "missing " + std::string(spec->args[j].name),
            std::string(spec->what) + "; its `" + spec->args[j].name + "` is " + want_text(spec->args[j].want));
  if (spec->kind == std::string("heatmap") && !given[2] && !given[3])
    error("E0405", "`heatmap` needs `category` or `value`", call->span, "nothing to colour by",
          "e.g. `category = r.bottleneck` for a regime map");
  // A range is in its axis's dimension (the roofline's axes are fixed: FLOP/B across, FLOP/s up); when both
  // ends are known now, it must not be empty, nor reach zero on a log axis.
  auto given_text = [&](const char* name) -> std::string {
    for (std::size_t j = 0; j < spec->args.size(); ++j)
      if (name == std::string(spec->args[j].name) && given[j]) return unwrapped(given[j]->value.get())->kind == ast::ExprKind::String ? unwrapped(given[j]->value.get())->text : "";
    return "";
  };
  auto range_example = [&](const Dimension& d) {
    std::string unit = units::format(1, units::default_display(d, units_)).unit;
    return unit.empty() ? std::string("1 .. 100") : "1 " + unit + " .. 100 " + unit;
  };
  for (auto& r : ranges) {
    const ArgSpec& want = spec->args[r.idx];
    bool is_x = want.name[0] == 'x';
    Dimension dim;
    std::string axis_text;
    if (*want.axis) {
      std::size_t a = 0;
      while (spec->args[a].name != std::string(want.axis)) ++a;
      dim = types[a].dim;
      axis_text = "`" + std::string(want.axis) + "`";
    } else {
      dim = Dimension::base(BaseDim::Compute) / (is_x ? Dimension::base(BaseDim::Information) : Dimension::base(BaseDim::Time));
      axis_text = is_x ? "the arithmetic intensity" : "the attainable performance";
    }
    for (const TExpr* end : {&r.lo, &r.hi}) {
      const ast::Expr& e = end == &r.lo ? *r.e->lhs : *r.e->rhs;
      if (!end->t.is_num() || end->t.dim != dim)
        error("E0401", "`" + std::string(want.name) + "` must be in the dimension of " + axis_text + " (" + dim_label(dim, units_) + ")",
              e.span, "this is " + describe_a(end->t, units_),
              "give both ends in " + dim_label(dim, units_) + ", e.g. `" + want.name + " = " + range_example(dim) + "`");
    }
    if (r.lo.t.konst && r.hi.t.konst) {
      if (!(*r.lo.t.konst < *r.hi.t.konst))
        error("E0409", "`" + std::string(want.name) + "` is empty: its low end is not below its high end", r.e->span,
              "an empty axis", "write `low .. high` with low < high");
      if (*r.lo.t.konst <= 0 && given_text(is_x ? "xscale" : "yscale") == "log")
        error("E0409", "`" + std::string(want.name) + "` reaches zero on a log axis", r.e->lhs->span, "not above zero",
              "a log axis starts above zero: give a positive low end, or drop `" + std::string(is_x ? "xscale" : "yscale") + " = \"log\"`");
    }
    lower(std::string(want.name) + ".lo", text(r.e->lhs->span), r.lo);
    lower(std::string(want.name) + ".hi", text(r.e->rhs->span), r.hi);
  }
  inst.aux = module_.num_plots++;
  emit(std::move(inst));
}

}  // namespace mls::sema
