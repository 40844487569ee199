// An interpolated string in `print` ("ridge = {ridge -> FLOP/B}"): each value between braces is an
// expression checked like any other (a conversion to a unit of another dimension is E0302 pointing
// inside the string) and shown as `print` shows it. The text is made at run time by the `format` IR
// operation, so the JIT and the reference evaluator share it.
#include "compiler/sema/checker.hpp"

namespace mls::sema {

Checker::TExpr Checker::interpolation(const ast::Expr& e) {
  ir::Inst i{ir::Op::Format};
  i.names = e.pieces;
  i.type = ir::VType::Str;
  i.span = e.span;
  for (auto& item : e.items) {
    TExpr v = expr(*item);
    if (v.t.k != SType::K::Num && v.t.k != SType::K::Bool && v.t.k != SType::K::Str)
      error("E0401", "a string shows numbers, quantities, truth values and strings between braces", item->span,
            "this is " + describe_a(v.t, units_), "show one of its fields, e.g. `{x.name}`, or print it on its own");
    i.operands.push_back(v.v);
    i.shapes.push_back(shape_of(v.t, units_));
  }
  return {SType::str(), emit(std::move(i))};
}

}  // namespace mls::sema
