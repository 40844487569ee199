// sum, mean, min and max of a list: `sum([1 ms, 2 ms])`, `max(1 .. 8)`, and over a list of records by
// one of their fields, `mean(hardware, tdp)` (entries lacking the field are left out, as a `where`
// filter leaves them out). Every element has one dimension (lists are checked for that when built);
// the result has it too. The emptiness of a list is known only at run time (`1 .. n`): sum of nothing
// is 0, mean/min/max of nothing is E0508 (compiler/ir/semantics.cpp).
#include "compiler/sema/checker.hpp"

namespace mls::sema {

std::optional<Checker::TExpr> Checker::aggregate_call(const ast::Expr& e, const std::string& n, const TExpr& first) {
  bool list_only = n == "sum" || n == "mean";
  if (!list_only && n != "min" && n != "max") return std::nullopt;
  if (first.t.k != SType::K::List) {
    if (!list_only) return std::nullopt;  // min(a, b, ...) of quantities (call_builtin)
    error("E0401", "`" + n + "` needs a list of numbers or quantities", e.args[0].value->span,
          "this is " + describe_a(first.t, units_), "write `" + n + "([a, b, c])`, or `" + n + "(list)` of a bound list");
  }
  const SType* elem = first.t.elem.get();
  std::string field;
  if (elem && elem->is_record()) {
    const ast::Expr* key = e.args.size() == 2 ? e.args[1].value.get() : nullptr;
    if (!key || key->kind != ast::ExprKind::Ident || e.args[1].name)
      error("E0403", "`" + n + "` of a list of records needs the field to take, as its second argument", e.span,
            "a list of " + describe(*elem, units_), "name a number field of the items, e.g. `" + n + "(hardware, tdp)`");
    field = key->text;
    elem = elem->field(field);
    if (!elem) error("E0406", "the items have no field `" + field + "`", key->span, "not a field of the items");
  } else if (e.args.size() != 1) {
    error("E0403", "`" + n + "` of a list takes one argument, got " + std::to_string(e.args.size()), e.span,
          "wrong number of arguments", "write `" + n + "(list)`");
  }
  if (!elem || !elem->is_num())
    error("E0401", "`" + n + "` needs numbers or quantities", (field.empty() ? e.args[0] : e.args[1]).value->span,
          elem ? "these are " + describe(*elem, units_) : "an empty list has no dimension",
          "the elements must be numbers or quantities of one dimension");
  SType t = SType::num(elem->dim);
  t.display = elem->display;
  ir::Inst i{ir::Op::Aggregate};
  i.str = n;
  if (!field.empty()) i.names.push_back(field);
  i.type = ir::VType::F64;
  i.span = e.span;
  i.operands.push_back(first.v);
  return TExpr{t, emit(std::move(i))};
}

}  // namespace mls::sema
