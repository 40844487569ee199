#include "compiler/codegen/unit_info.hpp"

#include <algorithm>
#include <functional>

namespace mls::codegen {

namespace {

using ir::Inst;
using ir::Op;
using ir::ValueId;

struct Analysis {
  const ir::Module& m;
  UnitInfo& u;
  std::vector<const Inst*> def;                  // defining instruction (module-wide)
  std::vector<const Inst*> loop_of_var;          // loop variable → its `for`
  std::vector<std::uint8_t> demand;              // bit 1: used as f64, bit 2: used as bool
  std::vector<std::uint8_t> kind_done;

  const std::vector<Kind>& known;
  Analysis(const ir::Module& mod, UnitInfo& unit, const std::vector<Kind>& k) : m(mod), u(unit), known(k) {
    auto n = static_cast<std::size_t>(m.num_values);
    def.assign(n, nullptr);
    loop_of_var.assign(n, nullptr);
    demand.assign(n, 0);
    kind_done.assign(n, 0);
    u.kinds.assign(n, Kind::Handle);
    u.konst.assign(n, UnitInfo::Const::No);
    u.konst_num.assign(n, 0);
    u.def_fn.assign(n, -1);
    u.in_slot.assign(n, 0);
  }

  bool valid(ValueId v) const { return v >= 0 && static_cast<std::size_t>(v) < def.size(); }
  void want(ValueId v, std::uint8_t bits) {
    if (valid(v)) demand[static_cast<std::size_t>(v)] |= bits;
  }
  static std::uint8_t shape_bits(const ir::ShapePtr& s) {
    if (!s) return 0;
    return s->type == ir::VType::F64 ? 1 : s->type == ir::VType::Bool ? 2 : 0;
  }

  // Pass 1 (whole module): definitions and how values are used.
  void scan(const ir::Block& b) {
    for (auto& i : b.insts) scan(i);
  }
  void scan(const Inst& i) {
    if (valid(i.result)) def[static_cast<std::size_t>(i.result)] = &i;
    if (i.op == Op::For)
      for (auto v : i.vars)
        if (valid(v)) loop_of_var[static_cast<std::size_t>(v)] = &i;
    auto& o = i.operands;
    switch (i.op) {
      case Op::Add: case Op::Sub: case Op::Mul: case Op::Div: case Op::Pow: case Op::Neg:
      case Op::Lt: case Op::Le: case Op::Gt: case Op::Ge: case Op::Math: case Op::Range: case Op::Expect:
        for (auto v : o) want(v, 1);
        break;
      case Op::And: case Op::Or: case Op::Not:
        for (auto v : o) want(v, 2);
        break;
      case Op::If:
        if (!o.empty()) want(o[0], 2);
        break;
      case Op::Assert:
        if (!o.empty()) want(o[0], 2);
        for (std::size_t k = 1; k < o.size() && k - 1 < i.shapes.size(); ++k) want(o[k], shape_bits(i.shapes[k - 1]));
        break;
      case Op::Print: case Op::Row:
        for (std::size_t k = 0; k < o.size() && k < i.shapes.size(); ++k) want(o[k], shape_bits(i.shapes[k]));
        break;
      default: break;
    }
    for (auto& blk : i.blocks) scan(blk);
  }

  // The kind of a value: its static type, or for a loop variable the element type of its list.
  Kind kind_of(ValueId v, int depth = 0) {
    if (!valid(v)) return Kind::Handle;
    auto k = static_cast<std::size_t>(v);
    if (kind_done[k]) return u.kinds[k];
    Kind r = Kind::Handle;
    if (const Inst* d = def[k]) {
      r = d->type == ir::VType::F64 ? Kind::F64 : d->type == ir::VType::Bool ? Kind::Bool : Kind::Handle;
    } else if (const Inst* f = loop_of_var[k]) {
      auto at = std::find(f->vars.begin(), f->vars.end(), v) - f->vars.begin();
      ValueId list = static_cast<std::size_t>(at) < f->operands.size() ? f->operands[static_cast<std::size_t>(at)] : ir::kNoValue;
      bool known_list = false;
      if (valid(list) && depth < 64) {
        const Inst* ld = def[static_cast<std::size_t>(list)];
        if (ld && ld->op == Op::Range) {
          r = Kind::F64;
          known_list = true;
        } else if (ld && ld->op == Op::MakeList && !ld->operands.empty()) {
          r = kind_of(ld->operands[0], depth + 1);
          known_list = true;
        }
      }
      if (!known_list) {
        std::uint8_t d = demand[k];
        r = d == 1 ? Kind::F64 : d == 2 ? Kind::Bool : Kind::Handle;
      }
    } else if (k < known.size()) {
      r = known[k];  // a value of an earlier unit
    }
    kind_done[k] = 1;
    u.kinds[k] = r;
    return r;
  }

  // Pass 2 (the unit): instruction indices, functions, constants.
  void number(const ir::Block& b, std::int32_t fn, bool in_loop) {
    for (auto& i : b.insts) number(i, fn, in_loop);
  }
  void number(const Inst& i, std::int32_t fn, bool in_loop) {
    u.index.emplace(&i, static_cast<std::int32_t>(u.insts.size()));
    u.insts.push_back(&i);
    u.max_args = std::max(u.max_args, i.operands.size() + 3);
    if (i.op == Op::For) u.max_out = std::max(u.max_out, 2 * i.operands.size());
    if (valid(i.result)) {
      u.def_fn[static_cast<std::size_t>(i.result)] = fn;
      // The entry function keeps every native value in a slot: later units (the REPL) and code
      // after an `if` read them from there; loop functions keep theirs in registers.
      if (fn == 0) u.in_slot[static_cast<std::size_t>(i.result)] = 1;
    }
    if ((i.op == Op::ConstStr || i.op == Op::ConstNone) && valid(i.result)) u.constants.push_back(&i);
    std::int32_t body_fn = fn;
    if (i.op == Op::For && !in_loop) {
      body_fn = u.num_functions++;
      u.outlined.emplace(&i, body_fn);
    }
    if (i.op == Op::For)
      for (auto v : i.vars)
        if (valid(v)) u.def_fn[static_cast<std::size_t>(v)] = body_fn;
    for (auto& blk : i.blocks) number(blk, body_fn, in_loop || i.op == Op::For);
  }

  // Pass 3 (the unit): a native value lives in a slot when another function or a later unit reads it.
  void uses(const ir::Block& b, std::int32_t fn, bool in_loop) {
    for (auto& i : b.insts) {
      std::int32_t body_fn = fn;
      if (i.op == Op::For && !in_loop) body_fn = u.outlined.at(&i);
      for (auto v : i.operands) use(v, fn);
      for (auto& blk : i.blocks) {
        uses(blk, body_fn, in_loop || i.op == Op::For);
        if (blk.yield != ir::kNoValue) use(blk.yield, body_fn);
      }
    }
  }
  void use(ValueId v, std::int32_t fn) {
    if (!valid(v)) return;
    auto k = static_cast<std::size_t>(v);
    if (u.def_fn[k] != fn) u.in_slot[k] = 1;
  }
};

}  // namespace

UnitInfo analyse(const ir::Module& m, std::size_t first, std::size_t last, std::string entry,
                 const std::vector<Kind>& known) {
  UnitInfo u;
  u.entry = std::move(entry);
  u.first = first;
  u.last = last;
  Analysis a(m, u, known);
  last = std::min(last, m.body.insts.size());
  for (std::size_t k = first; k < last; ++k) a.scan(m.body.insts[k]);
  for (ValueId v = 0; v < m.num_values; ++v) {
    a.kind_of(v);
    const Inst* d = a.def[static_cast<std::size_t>(v)];
    if (d && d->op == Op::ConstNum) {
      u.konst[static_cast<std::size_t>(v)] = UnitInfo::Const::Num;
      u.konst_num[static_cast<std::size_t>(v)] = d->num;
    } else if (d && d->op == Op::ConstBool) {
      u.konst[static_cast<std::size_t>(v)] = UnitInfo::Const::Bool;
      u.konst_num[static_cast<std::size_t>(v)] = d->flag ? 1 : 0;
    }
  }
  for (std::size_t k = first; k < last; ++k) a.number(m.body.insts[k], 0, false);
  for (std::size_t k = first; k < last; ++k) {
    const Inst& i = m.body.insts[k];
    std::int32_t body_fn = i.op == Op::For ? u.outlined.at(&i) : 0;
    for (auto v : i.operands) a.use(v, 0);
    for (auto& blk : i.blocks) {
      a.uses(blk, body_fn, i.op == Op::For);
      if (blk.yield != ir::kNoValue) a.use(blk.yield, body_fn);
    }
  }
  return u;
}

}  // namespace mls::codegen
