// The E0301/E0302 family: two sides of different dimensions. Builds the labelled diagnostic and
// one computed help: the meaningful combination when one exists (`peak / bw` is the ridge point),
// an inverted side, amount vs rate, else the single factor that is missing.
#include "compiler/sema/checker.hpp"

namespace mls::sema {

// `got` where `want` is needed, when the fix is a known one: an inverted value, an amount for a rate
// or a rate for an amount. Phrased about the value that has `got` ("this is an amount; ...").
std::optional<std::string> Checker::rate_amount_hint(const Dimension& want, const Dimension& got) const {
  Dimension ratio = want / got;
  if (ratio == Dimension::base(BaseDim::Time, -1)) return "this is an amount; divide by a Time to get a rate";
  if (ratio == Dimension::base(BaseDim::Time)) return "this is a rate; multiply by a Time to get an amount";
  if (want == got.pow(-1) && !want.dimensionless()) return "the value is inverted: swap numerator and denominator";
  return std::nullopt;
}

namespace {
// When the two sides differ by exactly one count-like base (left = right / Token, or the reverse), that base's
// unit and whether the left side is the per-count one.
std::optional<std::pair<std::string, bool>> per_count(const Dimension& left_over_right, const Dimension& right_over_left) {
  static const std::pair<BaseDim, const char*> kCounts[] = {
      {BaseDim::Token, "token"}, {BaseDim::Sample, "sample"}, {BaseDim::Parameter, "param"}, {BaseDim::Request, "request"}};
  for (auto& [b, unit] : kCounts) {
    if (right_over_left == Dimension::base(b)) return std::make_pair(std::string(unit), true);
    if (left_over_right == Dimension::base(b)) return std::make_pair(std::string(unit), false);
  }
  return std::nullopt;
}
}  // namespace

void Checker::dimension_mismatch(const std::string& code, const std::string& what, const ast::Expr& whole,
                                 const ast::Expr& l, const TExpr& a, const ast::Expr& r, const TExpr& b) {
  auto label = [&](const TExpr& x) { return x.t.is_num() ? dim_label(x.t.dim, units_) : describe(x.t, units_); };
  auto lower = [](std::string s) {
    std::string o;
    for (size_t i = 0; i < s.size(); ++i) {
      char c = s[i];
      if (std::isupper(static_cast<unsigned char>(c)) && i > 0 && std::islower(static_cast<unsigned char>(s[i - 1]))) o += ' ';
      o += char(std::tolower(static_cast<unsigned char>(c)));
    }
    return o;
  };
  std::string ln = label(a), rn = label(b);
  Diagnostic d;
  d.code = code;
  auto article = [](const std::string& w) { return (std::string("aeiouAEIOU").find(w[0]) != std::string::npos ? "an " : "a ") + w; };
  std::string article_l = article(lower(ln)), article_r = article(lower(rn));
  if (what == "addition") d.message = "cannot add " + article_r + " to " + article_l;
  else if (what == "subtraction") d.message = "cannot subtract " + article_r + " from " + article_l;
  else if (what == "comparison") d.message = "cannot compare " + article_l + " with " + article_r;
  else d.message = "`" + what + "` needs one dimension, got " + ln + " and " + rn;
  d.labels.push_back({l.span, ln, true});
  d.labels.push_back({r.span, rn, true});
  Span op_span = whole.span;
  if (l.span.end <= r.span.begin) op_span = {whole.span.file, l.span.end, r.span.begin};
  std::string between(sm_.get(op_span.file).slice(op_span));
  size_t first = between.find_first_not_of(' '), last = between.find_last_not_of(' ');
  if (first != std::string::npos && what != "range" && code != "E0308") {
    op_span = {op_span.file, op_span.begin + uint32_t(first), op_span.begin + uint32_t(last) + 1};
    d.labels.push_back({op_span, "dimensions differ in " + what, false});
  }
  if (a.t.is_num()) d.dims.push_back({"left", a.t.dim.base_form(), units_.dimension_name(a.t.dim), origin_of(l)});
  if (b.t.is_num()) d.dims.push_back({"right", b.t.dim.base_form(), units_.dimension_name(b.t.dim), origin_of(r)});
  if (a.t.is_num() && b.t.is_num()) {
    Dimension q1 = a.t.dim / b.t.dim, q2 = b.t.dim / a.t.dim;
    std::string n1 = units_.dimension_name(q1), n2 = units_.dimension_name(q2);
    std::string lt = text(l.span), rt = text(r.span);
    auto unit_of = [&](const Dimension& q) { return units::format(1, units::default_display(q, units_)).unit; };
    auto operand = [](const std::string& t) {
      return t.find_first_of(" +-*/^") == std::string::npos ? t : "(" + t + ")";
    };
    // A side without a unit: the fix is a unit where it was bound, never "amount vs rate".
    if (a.t.dim.dimensionless() != b.t.dim.dimensionless()) {
      const ast::Expr& plain = a.t.dim.dimensionless() ? l : r;
      const TExpr& q = a.t.dim.dimensionless() ? b : a;
      if (auto cause = unitless_cause(plain, Dimension::none(), q.t.dim)) {
        std::string name;
        for (auto& sc : scopes_)
          for (auto& [n, bd] : sc)
            if (&bd == cause->first) name = n;
        unitless_binding(d, name, *cause->first, unit_near(whole, cause->second));
      }
      d.help = "`" + (a.t.dim.dimensionless() ? lt : rt) + "` is a plain number: give the value it comes from a unit of " +
               dim_label(q.t.dim, units_);
      error(d);
    }
    bool generic = false;  // no specific relation found: a field combination of a record may be the fix
    if (a.t.dim == b.t.dim.pow(-1) && !a.t.dim.dimensionless()) {
      d.help = "one side is the inverse of the other: invert one of them (`1 / " + operand(rt) + "`)";
      d.fixes.push_back({"write `1 / " + operand(rt) + "`", r.span, "1 / " + operand(rt)});
    } else if (q1 == Dimension::base(BaseDim::Time) || q2 == Dimension::base(BaseDim::Time)) {
      bool left_amount = q1 == Dimension::base(BaseDim::Time);
      d.help = std::string("one side is an amount and the other a rate: ") +
               (left_amount ? "divide `" + lt + "` by a Time, or multiply `" + rt + "` by one"
                            : "multiply `" + lt + "` by a Time, or divide `" + rt + "` by one");
      // A duration of the script's own is the likely one: `cooling * run_time`.
      const ast::Expr& rate = left_amount ? r : l;
      for (auto sc = scopes_.rbegin(); sc != scopes_.rend() && d.fixes.empty(); ++sc)
        for (auto& [n, bd] : *sc)
          if (bd.k == Binding::K::Var && !bd.zoo && bd.type.is_num() && bd.type.dim == Dimension::base(BaseDim::Time) &&
              d.fixes.empty() && n != text(rate.span)) {
            std::string fixed = operand(text(rate.span)) + " * " + n;
            d.help = "`" + text(rate.span) + "` is a rate and the other side an amount: multiply it by a Time, e.g. `" + fixed + "`";
            d.fixes.push_back({"write `" + fixed + "`", rate.span, fixed});
          }
    } else if (auto per = a.t.dim.dimensionless() || b.t.dim.dimensionless() ? std::nullopt : per_count(q1, q2)) {
      // One side is a per-count quantity of the other (ITL in time per token vs TTFT in time, issue 20.2):
      // the fix is a count, not a division that relates them.
      const std::string& per_side = per->second ? lt : rt;
      const std::string& other = per->second ? rt : lt;
      d.help = "`" + per_side + "` is per " + per->first + " and `" + other + "` is not: multiply `" + per_side +
               "` by a number of " + per->first + "s (`" + per_side + " * 1 " + per->first + "`), or divide `" +
               other + "` by one";
    } else if (!n1.empty() && !(n1 == "Frequency" && !n2.empty())) {
      std::string extra = (n1 == "Intensity") ? ", the roofline ridge point" : "";
      d.help = "to relate them, divide: `" + lt + " / " + rt + "` is " + article(n1) + " (" + unit_of(q1) + ")" + extra;
      if (what != "comparison") d.fixes.push_back({"write `" + operand(lt) + " / " + operand(rt) + "`", whole.span, operand(lt) + " / " + operand(rt)});
    } else if (!n2.empty()) {
      std::string extra = (n2 == "Intensity") ? ", the roofline ridge point" : "";
      d.help = "to relate them, divide: `" + rt + " / " + lt + "` is " + article(n2) + " (" + unit_of(q2) + ")" + extra;
      if (what != "comparison") d.fixes.push_back({"write `" + operand(rt) + " / " + operand(lt) + "`", whole.span, operand(rt) + " / " + operand(lt)});
    } else {
      // No named quantity relates them: a factor such as "Time^2 / Token^2" helps nobody. Say what each is.
      generic = true;
      d.help = "`" + lt + "` is " + article(ln) + " (" + unit_of(a.t.dim) + ") and `" + rt + "` is " + article(rn) + " (" +
               unit_of(b.t.dim) + "): check that each side is the quantity you meant";
    }
    // A field of a record where the other side needs a combination of its fields: `needed < hw.bandwidth`
    // compares an intensity with `hw.peak_flops / hw.bandwidth`, the record's own ridge point.
    for (int side = 1; side >= 0 && generic && d.fixes.empty(); --side) {
      const ast::Expr* x = side ? &r : &l;
      while (x->kind == ast::ExprKind::Paren) x = x->lhs.get();
      const Dimension& want = side ? a.t.dim : b.t.dim;
      if (x->kind != ast::ExprKind::Field || x->lhs->kind != ast::ExprKind::Ident) continue;
      const Binding* rec = nullptr;
      for (auto sc = scopes_.rbegin(); sc != scopes_.rend() && !rec; ++sc)
        if (auto f = sc->find(x->lhs->text); f != sc->end()) rec = &f->second;
      if (!rec || !rec->type.fields) continue;
      std::string obj = x->lhs->text, f = x->text;
      const SType* ft = rec->type.field(f);
      if (!ft || !ft->is_num()) continue;
      for (auto& [g, gt] : *rec->type.fields) {
        if (g == f || !gt.is_num()) continue;
        std::string cand;
        if (gt.dim / ft->dim == want) cand = obj + "." + g + " / " + obj + "." + f;
        else if (ft->dim / gt.dim == want) cand = obj + "." + f + " / " + obj + "." + g;
        if (cand.empty()) continue;
        std::string name = units_.dimension_name(want);
        d.help = "`" + text(x->span) + "` is " + article(side ? rn : ln) + "; `" + cand + "` is " +
                 article(name.empty() ? dim_label(want, units_) : name) + " of the same record";
        d.fixes.push_back({"write `" + cand + "`", x->span, cand});
        break;
      }
    }
  }
  error(d);
}

}  // namespace mls::sema
