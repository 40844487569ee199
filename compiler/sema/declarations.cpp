// `dimension` and `unit` declarations (the prelude is written with them) and the static
// evaluation of unit expressions (conversion targets) and type expressions (annotations).
#include "compiler/sema/checker.hpp"

#include "stdlib/registry/kind_registry.hpp"

#include <cmath>

namespace mls::sema {

namespace {
std::optional<BaseDim> base_dim_named(const std::string& n) {
  for (int i = 0; i < kBaseDims; ++i)
    if (n == base_dim_name(static_cast<BaseDim>(i))) return static_cast<BaseDim>(i);
  return std::nullopt;
}

std::string compact(std::string s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == ' ') {
      // keep a single space only between two unit names (juxtaposition: `kg m`)
      char prev = out.empty() ? ' ' : out.back();
      size_t j = i;
      while (j < s.size() && s[j] == ' ') ++j;
      char next = j < s.size() ? s[j] : ' ';
      bool word = [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || (ch & 0x80); }(prev) &&
                  [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || (ch & 0x80); }(next);
      if (word) out += ' ';
      i = j - 1;
      continue;
    }
    out += c;
  }
  return out;
}
}  // namespace

void Checker::dimension_decl(const ast::Stmt& s) {
  Dimension d;
  if (!s.type) {
    auto b = base_dim_named(s.name);
    if (!b) {
      std::string all;
      for (int i = 0; i < kBaseDims; ++i) all += (i ? ", " : "") + std::string(base_dim_name(static_cast<BaseDim>(i)));
      error("E0408", "`" + s.name + "` is not a base dimension", s.name_span, "unknown base dimension",
            "base dimensions: " + all + "; derived ones are written `dimension Name = A / B`");
    }
    d = Dimension::base(*b);
  } else {
    d = dim_expr(*s.type);
  }
  if (auto err = units_.define_dimension(s.name, d))
    error("E0115", "dimension `" + s.name + "` cannot be defined: " + *err, s.name_span, "already defined");
}

void Checker::unit_decl(const ast::Stmt& s) {
  units::UnitDecl d;
  d.name = s.name;
  auto lc = sm_.get(s.span.file).line_col(s.span.begin);
  d.defined_in = sm_.get(s.span.file).path() + ":" + std::to_string(lc.line);
  for (auto& a : s.annotations) {
    if (a.name == "metric_prefixes") d.metric_prefixes = true;
    else if (a.name == "binary_prefixes") d.binary_prefixes = true;
    else if (a.name == "large_prefixes_only") d.small_prefixes = false;
    else if (a.name == "aliases")
      for (auto& arg : a.args) d.aliases.push_back(arg.value->kind == ast::ExprKind::String ? arg.value->text : arg.value->text);
    else if (a.name == "name" && !a.args.empty()) d.long_name = a.args[0].value->text;
    else error("E0201", "unknown unit decorator `@" + a.name + "`", a.span, "unknown",
               "known: @metric_prefixes, @binary_prefixes, @large_prefixes_only, @aliases(...), @name(\"...\")");
  }
  if (s.value) {
    auto uv = unit_value(*s.value);
    if (!uv) error("E0106", "a unit is defined by a constant unit expression", s.value->span, "not constant");
    d.scale = uv->scale;
    d.dim = uv->dim;
    // `unit g: Mass = 1e-3`: a plain factor of the declared dimension's coherent unit.
    if (s.type && uv->dim.dimensionless() && !dim_expr(*s.type).dimensionless()) d.dim = dim_expr(*s.type);
    if (s.type) {
      Dimension want = dim_expr(*s.type);
      if (want != d.dim)
        error("E0304", "unit `" + s.name + "` is declared as " + dim_label(want, units_) + " but defined as " +
                           dim_label(d.dim, units_),
              s.value->span, dim_label(d.dim, units_));
    }
  } else if (s.type) {
    d.dim = dim_expr(*s.type);
    d.scale = 1;
  } else {
    d.scale = 1;  // a dimensionless unit
  }
  if (auto err = units_.define(d)) error("E0115", "unit `" + s.name + "` collides: " + *err, s.name_span, "collision");
}

std::optional<Checker::UnitValue> Checker::unit_value(const ast::Expr& e) {
  using K = ast::ExprKind;
  switch (e.kind) {
    case K::Number: return UnitValue{e.number, {}, e.text};
    case K::Paren: {
      auto v = unit_value(*e.lhs);
      if (v) v->text = "(" + v->text + ")";
      return v;
    }
    case K::Ident: {
      if (auto* u = units_.find(e.text)) return UnitValue{u->scale, u->dim, e.text};
      if (auto m = units::known_misspelling(e.text, units_)) error(m->code, m->message, e.span, "not a unit", m->help);
      std::string help;
      auto sug = units_.suggest(e.text);
      for (size_t k = 0; k < sug.size(); ++k) help += (k ? ", " : "") + std::string("`") + sug[k] + "`";
      error("E0106", "unknown unit `" + e.text + "`", e.span, "not a unit",
            help.empty() ? std::nullopt : std::optional<std::string>("did you mean " + help + "?"));
    }
    case K::Binary: {
      if (e.binop != ast::BinOp::Mul && e.binop != ast::BinOp::Div && e.binop != ast::BinOp::Juxt && e.binop != ast::BinOp::Pow)
        return std::nullopt;
      auto a = unit_value(*e.lhs);
      if (!a) return std::nullopt;
      if (e.binop == ast::BinOp::Pow) {
        if (e.rhs->kind != K::Number && !(e.rhs->kind == K::Unary && e.rhs->lhs->kind == K::Number)) return std::nullopt;
        double p = e.rhs->kind == K::Number ? e.rhs->number : -e.rhs->lhs->number;
        if (p != std::round(p)) return std::nullopt;
        return UnitValue{std::pow(a->scale, p), a->dim.pow(Rational(int(p))), compact(text(e.span))};
      }
      auto b = unit_value(*e.rhs);
      if (!b) return std::nullopt;
      bool div = e.binop == ast::BinOp::Div;
      return UnitValue{div ? a->scale / b->scale : a->scale * b->scale, div ? a->dim / b->dim : a->dim * b->dim,
                       compact(text(e.span))};
    }
    default: return std::nullopt;
  }
}

Dimension Checker::dim_expr(const ast::Expr& e) {
  using K = ast::ExprKind;
  switch (e.kind) {
    case K::Number:
      if (e.number == 1) return {};
      break;
    case K::Paren: return dim_expr(*e.lhs);
    case K::Ident: {
      if (auto d = units_.find_dimension(e.text)) return *d;
      if (auto b = base_dim_named(e.text)) return Dimension::base(*b);
      if (auto* u = units_.find(e.text)) return u->dim;
      std::string help;
      error("E0110", "unknown dimension `" + e.text + "`", e.span, "not a dimension or unit",
            "named dimensions include Time, Information, Bandwidth, ComputeRate, Energy, Power; `:list dims` in the REPL lists them all");
    }
    case K::Binary:
      if (e.binop == ast::BinOp::Mul || e.binop == ast::BinOp::Juxt) return dim_expr(*e.lhs) * dim_expr(*e.rhs);
      if (e.binop == ast::BinOp::Div) return dim_expr(*e.lhs) / dim_expr(*e.rhs);
      if (e.binop == ast::BinOp::Pow) {
        const ast::Expr* r = e.rhs.get();
        double sign = 1;
        if (r->kind == K::Unary && r->unop == ast::UnOp::Neg) { sign = -1; r = r->lhs.get(); }
        if (r->kind == K::Number && r->number == std::round(r->number)) return dim_expr(*e.lhs).pow(Rational(int(sign * r->number)));
      }
      break;
    default: break;
  }
  error("E0201", "expected a dimension such as `Information / Time`", e.span, "not a dimension expression");
}

SType Checker::type_expr(const ast::Expr& e) {
  if (e.kind == ast::ExprKind::Ident) {
    if (reg::find_kind(e.text)) {
      SType t = record_of_kind(e.text);
      return t;
    }
    if (e.text == "workload" || e.text == "model") return record_of_family("workload");
    if (e.text == "bool") return SType::boolean();
    if (e.text == "string") return SType::str();
  }
  return SType::num(dim_expr(e));
}

}  // namespace mls::sema
