// Optional fields (issue 20.5): `has(r.f)` tests whether a record has a field, `r.f ?? d` reads it or
// gives the default d (of the field's dimension, E0317), and a loop's `where` filter skips the items
// that lack a field the filter reads. Absent stays absent everywhere else: reading a field an entry
// lacks is E0406 at run time, naming the entry and the field.
#include "compiler/sema/checker.hpp"

#include "stdlib/registry/kind_display.hpp"

#include <algorithm>

namespace mls::sema {

bool Checker::may_be_absent(const SType& record, const std::string& field) const {
  if (!record.kind.empty()) {
    if (auto* k = reg::find_kind(record.kind)) {
      auto* f = k->field(field);
      return f && !f->required;
    }
    for (auto& s : reg::solvers())
      if (s.result_kind == record.kind)
        for (auto& r : s.results)
          if (r.name == field) return r.type.optional;
    return false;
  }
  return !record.family.empty();  // a family's union of fields: a kind of it may lack one
}

ir::ValueId Checker::has_field(ir::ValueId record, const std::string& name, Span span) {
  ir::Inst i{ir::Op::HasField};
  i.operands = {record};
  i.str = name;
  i.type = ir::VType::Bool;
  i.span = span;
  return emit(std::move(i));
}

// The record and field that `e` reads: `r.f`, `(r.f)`, or in a loop filter a bare field of the item.
Checker::FieldRead Checker::field_read(const ast::Expr& e, const std::string& what) {
  const ast::Expr* x = &e;
  while (x->kind == ast::ExprKind::Paren) x = x->lhs.get();
  if (x->kind == ast::ExprKind::Field) {
    TExpr o = expr(*x->lhs);
    std::string name = x->text;
    const SType& ft = field_type(*x, o, name);
    return {o, name, ft, x->span};
  }
  if (x->kind == ast::ExprKind::Ident && !filter_items_.empty()) {
    Binding* item = lookup(filter_items_.back());
    std::string name = x->text;
    if (item && item->type.is_record())
      if (const SType* ft = find_field(item->type, name)) return {{item->type, item->value}, name, *ft, x->span};
  }
  error("E0414", what + " needs a field of a record", e.span, "not a field read",
        what == "`has`" ? "write `has(r.field)`, e.g. `has(hw.unit_cost)`"
                        : "write `r.field ?? default`, e.g. `hw.unit_cost ?? 0 USD`");
}

Checker::TExpr Checker::has_call(const ast::Expr& e) {
  if (e.args.size() != 1 || e.args[0].name)
    error("E0403", "`has` takes one field, e.g. `has(hw.unit_cost)`", e.span, "wrong arguments");
  ++guarded_reads_;
  FieldRead f;
  try {
    f = field_read(*e.args[0].value, "`has`");
  } catch (...) {
    --guarded_reads_;
    throw;
  }
  --guarded_reads_;
  return {SType::boolean(), has_field(f.record.v, f.name, e.span)};
}

Checker::TExpr Checker::default_expr(const ast::Expr& e) {
  ++guarded_reads_;
  FieldRead f;
  try {
    f = field_read(*e.lhs, "`??`");
  } catch (...) {
    --guarded_reads_;
    throw;
  }
  --guarded_reads_;
  ir::Inst i{ir::Op::If};
  i.operands = {has_field(f.record.v, f.name, e.lhs->span)};
  i.span = e.span;
  i.blocks.resize(2);
  TExpr branch[2];
  for (int k = 0; k < 2; ++k) {  // the default is computed only when the field is absent
    blocks_.push_back(&i.blocks[size_t(k)]);
    try {
      if (k == 0) {  // read only where it is present: not a read a filter must guard
        ++guarded_reads_;
        branch[k] = get_field(f.record, f.name, f.type, f.span);
        --guarded_reads_;
      } else {
        branch[k] = expr(*e.rhs);
      }
    } catch (...) {
      blocks_.pop_back();
      throw;
    }
    i.blocks[size_t(k)].yield = branch[k].v;
    blocks_.pop_back();
  }
  const SType& d = branch[1].t;
  bool same = f.type.k == d.k && (!f.type.is_num() || f.type.dim == d.dim) && !disagreement(f.type, d);
  if (!same) {
    Diagnostic dg;
    dg.code = "E0317";
    std::string field_desc = f.type.is_num() ? dim_label(f.type.dim, units_) : describe(f.type, units_);
    std::string default_desc = d.is_num() ? (d.bare ? "a plain number" : dim_label(d.dim, units_)) : describe_a(d, units_);
    bool dims = f.type.is_num() && d.is_num() && !d.bare;
    dg.message = "the default of `" + f.name + "` is " + (dims ? "of dimension " : "") + default_desc + ", the field " +
                 (dims ? "of " : "is ") + field_desc;
    dg.labels.push_back({e.rhs->span, default_desc, true});
    dg.labels.push_back({e.lhs->span, field_desc, false});
    if (f.type.is_num()) {
      dg.dims.push_back({"field", f.type.dim.base_form(), units_.dimension_name(f.type.dim), ""});
      if (d.is_num()) dg.dims.push_back({"default", d.dim.base_form(), units_.dimension_name(d.dim), origin_of(*e.rhs)});
      dg.help = "the default stands in for the field, so it has the field's dimension: e.g. `" + text(e.lhs->span) +
                " ?? 0 " + shown_unit(f.type) + "`";
    } else {
      dg.help = "the default stands in for the field, so it has the field's type (" + describe(f.type, units_) + ")";
    }
    error(dg);
  }
  i.type = f.type.vtype();
  SType t = forget_constants(f.type);
  return {t, emit(std::move(i))};
}

// A `where` filter over items that may lack the fields it reads: `cond` (checked into `cond_block`)
// runs only for the items that have them all; the others fail the filter, as if it were false.
ir::ValueId Checker::guard_filter(const std::string& item, ir::Block cond_block, ir::ValueId cond,
                                  std::vector<std::string> reads, Span span) {
  std::sort(reads.begin(), reads.end());
  reads.erase(std::unique(reads.begin(), reads.end()), reads.end());
  if (reads.empty()) {
    for (auto& i : cond_block.insts) blocks_.back()->insts.push_back(std::move(i));
    return cond;
  }
  Binding* b = lookup(item);
  ir::ValueId all = ir::kNoValue;
  for (auto& r : reads) {
    ir::ValueId h = has_field(b->value, r, span);
    if (all != ir::kNoValue) {
      ir::Inst both{ir::Op::And};
      both.operands = {all, h};
      both.type = ir::VType::Bool;
      both.span = span;
      h = emit(std::move(both));
    }
    all = h;
  }
  ir::Inst i{ir::Op::If};
  i.operands = {all};
  i.type = ir::VType::Bool;
  i.span = span;
  i.blocks.resize(2);
  i.blocks[0] = std::move(cond_block);
  i.blocks[0].yield = cond;
  blocks_.push_back(&i.blocks[1]);
  ir::Inst no{ir::Op::ConstBool};
  no.flag = false;
  no.type = ir::VType::Bool;
  no.span = span;
  i.blocks[1].yield = emit(std::move(no));
  blocks_.pop_back();
  return emit(std::move(i));
}

}  // namespace mls::sema
