#include "compiler/codegen/unit_info.hpp"

#include "compiler/ir/evaluator.hpp"
#include "stdlib/registry/solver_registry.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

namespace mls::codegen {

namespace {

using ir::Inst;
using ir::Op;
using ir::ValueId;

struct Analysis {
  const ir::Module& m;
  UnitInfo& u;
  std::vector<const Inst*> def;                  // defining instruction (values of the unit)
  std::vector<const Inst*> loop_of_var;          // loop variable → its `for`
  std::vector<std::uint8_t> demand;              // bit 1: used as f64, bit 2: used as bool
  std::vector<std::uint8_t> kind_done;

  Analysis(const ir::Module& mod, UnitInfo& unit) : m(mod), u(unit) {
    auto n = static_cast<std::size_t>(u.num_values - u.base);
    def.assign(n, nullptr);
    loop_of_var.assign(n, nullptr);
    demand.assign(n, 0);
    kind_done.assign(n, 0);
    u.local_kinds.assign(n, Kind::Handle);
    u.konst.assign(n, UnitInfo::Const::No);
    u.konst_num.assign(n, 0);
    u.def_fn.assign(n, -1);
    u.in_slot.assign(n, 0);
  }

  bool valid(ValueId v) const { return u.local(v); }  // a value of this unit
  std::size_t at(ValueId v) const { return u.at(v); }
  void want(ValueId v, std::uint8_t bits) {
    if (valid(v)) demand[at(v)] |= bits;
  }
  static std::uint8_t shape_bits(const ir::ShapePtr& s) {
    if (!s) return 0;
    return s->type == ir::VType::F64 ? 1 : s->type == ir::VType::Bool ? 2 : 0;
  }

  // Pass 1 (the unit): definitions and how values are used.
  void scan(const ir::Block& b) {
    for (auto& i : b.insts) scan(i);
  }
  void scan(const Inst& i) {
    if (valid(i.result)) def[at(i.result)] = &i;
    if (i.op == Op::Range && i.aux == ir::kLazyRange) u.lazy_ranges.emplace(i.result, &i);
    if (i.op == Op::For)
      for (auto v : i.vars)
        if (valid(v)) loop_of_var[at(v)] = &i;
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
      case Op::Print: case Op::Row: case Op::Plot: case Op::Reduce: case Op::Format:
        for (std::size_t k = 0; k < o.size() && k < i.shapes.size(); ++k) want(o[k], shape_bits(i.shapes[k]));
        break;
      default: break;
    }
    for (auto& blk : i.blocks) scan(blk);
  }

  // The kind of a value: its static type, or for a loop variable the element type of its list.
  Kind kind_of(ValueId v, int depth = 0) {
    if (!valid(v)) return u.kind(v);  // a value of an earlier unit: its recorded kind
    auto k = at(v);
    if (kind_done[k]) return u.local_kinds[k];
    Kind r = Kind::Handle;
    if (const Inst* d = def[k]) {
      r = d->type == ir::VType::F64 ? Kind::F64 : d->type == ir::VType::Bool ? Kind::Bool : Kind::Handle;
    } else if (const Inst* f = loop_of_var[k]) {
      auto pos = static_cast<std::size_t>(std::find(f->vars.begin(), f->vars.end(), v) - f->vars.begin());
      ValueId list = pos < f->operands.size() ? f->operands[pos] : ir::kNoValue;
      bool known_list = false;
      if (valid(list) && depth < 64) {
        const Inst* ld = def[at(list)];
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
    }
    kind_done[k] = 1;
    u.local_kinds[k] = r;
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
      u.def_fn[at(i.result)] = fn;
      // The entry function keeps every native value in a slot: later units (the REPL) and code
      // after an `if` read them from there; loop functions keep theirs in registers.
      if (fn == 0) u.in_slot[at(i.result)] = 1;
    }
    if ((i.op == Op::ConstStr || i.op == Op::ConstNone) && valid(i.result)) u.constants.push_back(&i);
    std::int32_t body_fn = fn;
    if (i.op == Op::For && !in_loop) {
      body_fn = u.num_functions++;
      u.outlined.emplace(&i, body_fn);
    }
    if (i.op == Op::For)
      for (auto v : i.vars)
        if (valid(v)) u.def_fn[at(v)] = body_fn;
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
    if (!valid(v)) return;  // earlier units' values live in slots already
    auto k = at(v);
    if (u.def_fn[k] != fn) u.in_slot[k] = 1;
  }

  // Pass 6 (the unit): the loops' points known at compile time (UnitInfo::static_points).
  double list_length(ValueId list) const {
    if (!valid(list)) return INFINITY;
    const Inst* d = def[at(list)];
    if (!d) return INFINITY;
    if (d->op == Op::MakeList) return static_cast<double>(d->operands.size());
    if (d->op != Op::Range || d->operands.size() != 3) return INFINITY;
    double x[3];
    for (int k = 0; k < 3; ++k) {
      ValueId o = d->operands[static_cast<std::size_t>(k)];
      if (u.konst_of(o) != UnitInfo::Const::Num) return INFINITY;
      x[k] = u.konst_num_of(o);
    }
    return ir::range_count(x[0], x[1], x[2], d->flag);
  }
  double loop_points(const Inst& loop) const {  // this loop's product times its inner loops'
    double p = 1;
    for (auto v : loop.operands) p *= list_length(v);
    double inner = 1;
    std::function<void(const ir::Block&)> walk = [&](const ir::Block& b) {
      for (auto& i : b.insts) {
        if (i.op == Op::For) inner = std::max(inner, loop_points(i));
        else
          for (auto& blk : i.blocks) walk(blk);
      }
    };
    for (auto& blk : loop.blocks) walk(blk);
    return p * inner;
  }

  // Pass 5 (the unit): pending rows whose building can wait for their point's Reduce.
  // Every block a Reduce may end: a loop body, or the `if` a filtered loop (`in LIST where C`) runs it in.
  void defer_rows(const ir::Block& b) {
    for (auto& i : b.insts)
      for (auto& blk : i.blocks) {
        defer_body(blk);
        defer_rows(blk);
      }
  }
  static void pending_rows(const ir::Block& b, int table, std::vector<const Inst*>& out) {
    for (auto& i : b.insts) {
      if (i.op == Op::Row && i.flag && i.aux == table) out.push_back(&i);
      for (auto& blk : i.blocks) pending_rows(blk, table, out);
    }
  }
  void defer_body(const ir::Block& body) {  // the pending rows of a Reduce in `body`
    for (auto& r : body.insts) {
      if (r.op != Op::Reduce) continue;
      std::vector<const Inst*> rows;
      pending_rows(body, r.aux, rows);
      const Inst* lo = body.insts.data();
      auto direct = [&](const Inst* x) {  // before the Reduce, in the body itself (run once a point)
        return !std::less<const Inst*>()(x, lo) && std::less<const Inst*>()(x, &r);
      };
      if (!std::all_of(rows.begin(), rows.end(), direct)) continue;
      for (const Inst* x : rows) u.deferred_row[static_cast<std::size_t>(u.index.at(x))] = 1;
    }
  }

  // Pass 4 (the unit): solver calls whose results are only read field by field (UnitInfo::fused_fields).
  std::vector<std::vector<const Inst*>> users;  // per value: the instructions with it as an operand
  std::vector<std::uint8_t> yielded;            // per value: a block yields it
  void count_uses(const ir::Block& b) {
    if (valid(b.yield)) yielded[at(b.yield)] = 1;
    for (auto& i : b.insts) {
      for (auto v : i.operands)
        if (valid(v)) users[at(v)].push_back(&i);
      for (auto& blk : i.blocks) count_uses(blk);
    }
  }
  void fuse(const ir::Block& b, bool in_loop) {
    for (auto& i : b.insts) {
      if (in_loop && i.op == Op::CallSolver && i.type == ir::VType::Record && valid(i.result)) fuse_call(b, i);
      for (auto& blk : i.blocks) fuse(blk, in_loop || i.op == Op::For);
    }
  }
  void fuse_call(const ir::Block& b, const Inst& call) {
    const reg::SolverDesc* s = reg::find_solver(call.str);
    if (!s || !s->prepare || yielded[at(call.result)]) return;
    auto& us = users[at(call.result)];
    if (us.empty()) return;
    for (const Inst* g : us) {
      const Inst* lo = b.insts.data();
      bool here = g->op == Op::GetField && g->operands.size() == 1 && !std::less<const Inst*>()(g, lo) &&
                  std::less<const Inst*>()(g, lo + b.insts.size());
      if (!here) return;  // the record itself is needed (printed, passed on, bound, yielded)
      // Only fields that are always present: reading one can never fail, so reading it at the
      // call instead of at the field read changes nothing a script can observe.
      auto r = std::find_if(s->results.begin(), s->results.end(), [&](const reg::ResultDesc& d) { return d.name == g->str; });
      if (r == s->results.end() || r->type.optional) return;
      auto k = static_cast<std::size_t>(r - s->results.begin());
      bool text = r->type.tag == reg::Tag::String || r->type.tag == reg::Tag::Enum;
      if (!s->native_field(k) && !text) return;
    }
    u.fused_fields[&call] = us;
    for (const Inst* g : us) u.fused.insert(g);
    u.max_out = std::max(u.max_out, us.size());
  }
};

}  // namespace

UnitInfo analyse(const ir::Module& m, std::size_t first, std::size_t last, std::string entry,
                 const std::vector<Kind>& known) {
  UnitInfo u;
  u.entry = std::move(entry);
  u.first = first;
  u.last = last;
  u.known = &known;
  u.num_values = m.num_values;
  last = std::min(last, m.body.insts.size());
  // The unit's values are the ids from its first result on (ids are handed out in order).
  u.base = m.num_values;
  std::function<void(const ir::Block&)> lowest = [&](const ir::Block& b) {
    for (auto& i : b.insts) {
      if (i.result != ir::kNoValue) u.base = std::min(u.base, i.result);
      for (auto v : i.vars) u.base = std::min(u.base, v);
      for (auto& blk : i.blocks) lowest(blk);
    }
  };
  for (std::size_t k = first; k < last; ++k) {
    const Inst& i = m.body.insts[k];
    if (i.result != ir::kNoValue) u.base = std::min(u.base, i.result);
    for (auto v : i.vars) u.base = std::min(u.base, v);
    for (auto& blk : i.blocks) lowest(blk);
  }
  Analysis a(m, u);
  for (std::size_t k = first; k < last; ++k) a.scan(m.body.insts[k]);
  for (ValueId v = u.base; v < u.num_values; ++v) {
    a.kind_of(v);
    const Inst* d = a.def[u.at(v)];
    if (d && d->op == Op::ConstNum) {
      u.konst[u.at(v)] = UnitInfo::Const::Num;
      u.konst_num[u.at(v)] = d->num;
    } else if (d && d->op == Op::ConstBool) {
      u.konst[u.at(v)] = UnitInfo::Const::Bool;
      u.konst_num[u.at(v)] = d->flag ? 1 : 0;
    } else if (d && (d->op == Op::ConstStr || d->op == Op::ConstNone)) {
      u.konst[u.at(v)] = UnitInfo::Const::Handle;
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
  a.users.assign(static_cast<std::size_t>(u.num_values - u.base), {});
  a.yielded.assign(static_cast<std::size_t>(u.num_values - u.base), 0);
  for (std::size_t k = first; k < last; ++k) {
    const Inst& i = m.body.insts[k];
    for (auto v : i.operands)
      if (a.valid(v)) a.users[a.at(v)].push_back(&i);
    for (auto& blk : i.blocks) a.count_uses(blk);
  }
  for (std::size_t k = first; k < last; ++k)
    for (auto& blk : m.body.insts[k].blocks) a.fuse(blk, m.body.insts[k].op == Op::For);
  for (std::size_t k = first; k < last; ++k)
    if (m.body.insts[k].op == Op::For) u.static_points += a.loop_points(m.body.insts[k]);
  u.deferred_row.assign(u.insts.size(), 0);
  for (std::size_t k = first; k < last; ++k)
    for (auto& blk : m.body.insts[k].blocks) {
      a.defer_body(blk);
      a.defer_rows(blk);
    }
  return u;
}

}  // namespace mls::codegen
