// The JIT (issue 3): codegen of every IR construct, checked against the IR reference evaluator on
// hand-built modules (independent of the front end); errors raised inside thunks; code release.
#include <catch2/catch.hpp>

#include "compiler/ir/evaluator.hpp"
#include "runtime/jit/jit.hpp"

#include <cmath>
#include <fstream>
#include <sstream>
#include <unistd.h>

using namespace mls;
using ir::Op;
using ir::ValueId;

namespace {

// Records every sink call as a line, numbers with all 17 digits: the two evaluators must agree exactly.
class Recorder : public ir::RuntimeSink {
 public:
  std::vector<std::string> lines;
  static std::string show(const Value& v) {
    std::ostringstream s;
    if (v.is_num()) s.precision(17), s << v.num();
    else if (v.is_bool()) s << (v.boolean() ? "true" : "false");
    else if (v.is_str()) s << '"' << v.str() << '"';
    else if (v.is_none()) s << "none";
    else if (v.is_record()) {
      s << v.record().kind << "{";
      for (auto& [n, f] : v.record().fields) s << n << "=" << show(f) << ";";
      s << "}";
    } else {
      s << "[";
      for (auto& x : v.list()) s << show(x) << ",";
      s << "]";
    }
    return s.str();
  }
  void print(const std::vector<Value>& vs, const std::vector<ir::ShapePtr>&, bool, Span) override {
    std::string l = "print";
    for (auto& v : vs) l += " " + show(v);
    lines.push_back(l);
  }
  void row(int t, const std::vector<std::string>& cols, const std::vector<Value>& cells,
           const std::vector<ir::ShapePtr>&, bool) override {
    std::string l = "row" + std::to_string(t);
    for (std::size_t k = 0; k < cells.size(); ++k) l += " " + cols[k] + "=" + show(cells[k]);
    lines.push_back(l);
  }
  void table_end(int t) override { lines.push_back("end" + std::to_string(t)); }
  void check_failed(Diagnostic d) override {
    std::string l = "failed " + d.code + " " + d.message;
    for (auto& n : d.notes) l += " | " + n;
    lines.push_back(l);
  }
  void bind(const std::string& n, const Value& v) override { lines.push_back("bind " + n + " " + show(v)); }
};

// A tiny IR builder: each call appends one instruction to the current block and returns its value.
struct Builder {
  ir::Module m;
  std::vector<ir::Block*> at{&m.body};
  ir::ShapePtr num_shape = std::make_shared<ir::Shape>();
  std::uint32_t next_span = 1;
  // The tests keep `auto& i = b.add(...)` across later adds: the top level must never reallocate
  // (AddressSanitizer found the dangling references, scripts/test-sanitize).
  Builder() { m.body.insts.reserve(4096); }

  ir::Inst& add(Op op, ir::VType t, std::vector<ValueId> operands = {}) {
    ir::Inst i;
    i.op = op;
    i.type = t;
    i.operands = std::move(operands);
    if (t != ir::VType::None) i.result = m.num_values++;
    i.span = Span{0, next_span, next_span + 1};  // a distinct span per instruction
    ++next_span;
    at.back()->insts.push_back(std::move(i));
    return at.back()->insts.back();
  }
  ValueId num(double x) {
    auto& i = add(Op::ConstNum, ir::VType::F64);
    i.num = x;
    return i.result;
  }
  ValueId boolean(bool b) {
    auto& i = add(Op::ConstBool, ir::VType::Bool);
    i.flag = b;
    return i.result;
  }
  ValueId str(const std::string& s) {
    auto& i = add(Op::ConstStr, ir::VType::Str);
    i.str = s;
    return i.result;
  }
  ValueId op(Op o, ir::VType t, std::vector<ValueId> xs) { return add(o, t, std::move(xs)).result; }
  ValueId f(Op o, ValueId a, ValueId b) { return op(o, ir::VType::F64, {a, b}); }
  ValueId math(const std::string& fn, std::vector<ValueId> xs) {
    auto& i = add(Op::Math, ir::VType::F64, std::move(xs));
    i.str = fn;
    return i.result;
  }
  void print(std::vector<ValueId> xs) {
    auto& i = add(Op::Print, ir::VType::None, xs);
    for (std::size_t k = 0; k < xs.size(); ++k) i.shapes.push_back(num_shape);
  }
};

struct Outcome {
  std::vector<std::string> lines;
  std::string error;  // code of the RuntimeError, "" when none
  Span where{};
};

Outcome run_ref(const ir::Module& m) {
  Outcome o;
  Recorder r;
  try {
    ir::evaluate(m, r);
  } catch (const ir::RuntimeError& e) {
    o.error = e.diag.code;
    o.where = e.diag.labels.at(0).span;
  }
  o.lines = r.lines;
  return o;
}

Outcome run_jit(const ir::Module& m) {
  Outcome o;
  Recorder r;
  try {
    jit::run(m, 0, r);
  } catch (const ir::RuntimeError& e) {
    o.error = e.diag.code;
    o.where = e.diag.labels.at(0).span;
  }
  o.lines = r.lines;
  return o;
}

// Both evaluators, the same outcome; returns it.
Outcome both(const ir::Module& m) {
  Outcome a = run_ref(m), b = run_jit(m);
  CHECK(a.lines == b.lines);
  CHECK(a.error == b.error);
  CHECK(a.where.begin == b.where.begin);
  return b;
}

std::size_t resident_kb() {
  std::ifstream f("/proc/self/statm");
  std::size_t pages = 0, resident = 0;
  f >> pages >> resident;
  return resident * static_cast<std::size_t>(sysconf(_SC_PAGESIZE)) / 1024;
}

}  // namespace

TEST_CASE("jit: f64 arithmetic, comparisons and logic", "[jit]") {
  Builder b;
  ValueId x = b.num(6), y = b.num(4);
  // Operands that are not constants: through a record, so nothing is folded by LLVM either.
  auto& rec = b.add(Op::MakeRecord, ir::VType::Record, {x, y});
  rec.names = {"x", "y"};
  ValueId r = rec.result;
  auto& gx = b.add(Op::GetField, ir::VType::F64, {r});
  gx.str = "x";
  auto& gy = b.add(Op::GetField, ir::VType::F64, {r});
  gy.str = "y";
  ValueId a = gx.result, c = gy.result;
  b.print({b.f(Op::Add, a, c), b.f(Op::Sub, a, c), b.f(Op::Mul, a, c), b.f(Op::Div, a, c), b.f(Op::Pow, a, c),
           b.op(Op::Neg, ir::VType::F64, {a})});
  ValueId lt = b.op(Op::Lt, ir::VType::Bool, {a, c}), ge = b.op(Op::Ge, ir::VType::Bool, {a, c});
  ValueId le = b.op(Op::Le, ir::VType::Bool, {a, c}), gt = b.op(Op::Gt, ir::VType::Bool, {a, c});
  ValueId eq = b.op(Op::Eq, ir::VType::Bool, {a, c}), ne = b.op(Op::Ne, ir::VType::Bool, {a, c});
  ValueId both_ = b.op(Op::And, ir::VType::Bool, {ge, gt}), either = b.op(Op::Or, ir::VType::Bool, {lt, le});
  ValueId no = b.op(Op::Not, ir::VType::Bool, {either});
  b.print({lt, ge, le, gt, eq, ne, both_, either, no});
  Outcome o = both(b.m);
  REQUIRE(o.lines.size() == 2);
  CHECK(o.lines[0] == "print 10 2 24 1.5 1296 -6");
  CHECK(o.lines[1] == "print false true false true false true true false true");
}

TEST_CASE("jit: built-in functions (math)", "[jit]") {
  Builder b;
  ValueId x = b.num(2.25), y = b.num(-3.5), z = b.num(7);
  b.print({b.math("sqrt", {x}), b.math("cbrt", {z}), b.math("exp", {x}), b.math("ln", {x}), b.math("log2", {z}),
           b.math("log10", {z}), b.math("abs", {y}), b.math("floor", {y}), b.math("ceil", {y}), b.math("round", {y}),
           b.math("min", {x, y, z}), b.math("max", {x, y, z}), b.math("ceil_div", {z, x})});
  Outcome o = both(b.m);
  REQUIRE(o.lines.size() == 1);
  CHECK(o.lines[0].rfind("print 1.5 ", 0) == 0);
}

TEST_CASE("jit: records, lists, strings, if and for", "[jit]") {
  Builder b;
  ValueId name = b.str("H100"), bw = b.num(3.35e12);
  auto& rec = b.add(Op::MakeRecord, ir::VType::Record, {name, bw});
  rec.names = {"name", "bandwidth"};
  rec.str = "hardware";
  ValueId faster = b.num(4.8e12);
  auto& with = b.add(Op::With, ir::VType::Record, {rec.result, faster});
  with.names = {"bandwidth"};
  auto& get = b.add(Op::GetField, ir::VType::F64, {with.result});
  get.str = "bandwidth";
  b.print({get.result});
  // strings compare case-insensitively (enum tags)
  ValueId mem = b.str("memory"), Mem = b.str("Memory");
  b.print({b.op(Op::Eq, ir::VType::Bool, {mem, Mem})});
  // if with an f64 result and with a record result
  ValueId cond = b.op(Op::Gt, ir::VType::Bool, {get.result, bw});
  auto& iff = b.add(Op::If, ir::VType::F64, {cond});
  iff.blocks.resize(2);
  b.at.push_back(&iff.blocks[0]);
  iff.blocks[0].yield = b.num(1);
  b.at.back() = &iff.blocks[1];
  iff.blocks[1].yield = b.num(2);
  b.at.pop_back();
  ValueId pick = b.m.body.insts.back().result;
  b.print({pick});
  // for x in range(1, 3, 1), y in [10, 20]: row(x, y, x * y); end of table
  ValueId lo = b.num(1), hi = b.num(3), step = b.num(1);
  auto& range = b.add(Op::Range, ir::VType::List, {lo, hi, step});
  ValueId rng = range.result;
  ValueId ten = b.num(10), twenty = b.num(20);
  ValueId lst = b.op(Op::MakeList, ir::VType::List, {ten, twenty});
  auto& loop = b.add(Op::For, ir::VType::None, {rng, lst});
  ValueId vx = b.m.num_values++, vy = b.m.num_values++;
  loop.vars = {vx, vy};
  loop.blocks.resize(1);
  b.at.push_back(&loop.blocks[0]);
  ValueId prod = b.f(Op::Mul, vx, vy);
  auto& row = b.add(Op::Row, ir::VType::None, {vx, vy, prod});
  row.names = {"x", "y", "xy"};
  row.aux = 0;
  row.shapes = {b.num_shape, b.num_shape, b.num_shape};
  b.at.pop_back();
  b.add(Op::TableEnd, ir::VType::None).aux = 0;
  // bind exports a value to the runtime
  b.add(Op::Bind, ir::VType::None, {with.result}).names = {"fast"};
  Outcome o = both(b.m);
  REQUIRE(o.lines.size() == 11);
  CHECK(o.lines[0] == "print 4800000000000");
  CHECK(o.lines[1] == "print true");
  CHECK(o.lines[2] == "print 1");
  CHECK(o.lines[3] == "row0 x=1 y=10 xy=10");
  CHECK(o.lines[8] == "row0 x=3 y=20 xy=60");
  CHECK(o.lines[9] == "end0");
  CHECK(o.lines[10] == "bind fast hardware{name=\"H100\";bandwidth=4800000000000;}");
}

TEST_CASE("jit: assert and expect report and go on", "[jit]") {
  Builder b;
  ValueId one = b.num(1), two = b.num(2);
  ValueId f = b.op(Op::Gt, ir::VType::Bool, {one, two});
  auto& as = b.add(Op::Assert, ir::VType::None, {f, one, two});
  as.str = "one is more";
  as.shapes = {b.num_shape, b.num_shape};
  ValueId tol = b.num(0.01);
  auto& ex = b.add(Op::Expect, ir::VType::None, {one, two, tol});
  ex.flag = true;
  ex.shapes = {b.num_shape, b.num_shape};
  b.print({two});
  Outcome o = both(b.m);
  REQUIRE(o.lines.size() == 3);
  CHECK(o.lines[0].rfind("failed E0501 assertion failed: one is more", 0) == 0);
  CHECK(o.lines[1].rfind("failed E0502", 0) == 0);
  CHECK(o.lines[2] == "print 2");
}

TEST_CASE("jit: solver calls, and an error raised inside a solver thunk", "[jit]") {
  Builder b;
  ValueId p = b.num(0.9), n = b.num(8);
  auto& ok = b.add(Op::CallSolver, ir::VType::F64, {p, n});
  ok.str = "amdahl_speedup";
  b.print({ok.result});
  // p = 1.5 is outside [0, 1]: the solver throws; the thunk parks the error and JIT code unwinds
  ValueId bad = b.f(Op::Add, p, b.num(0.6));
  auto& err = b.add(Op::CallSolver, ir::VType::F64, {bad, n});
  err.str = "amdahl_speedup";
  Span call = err.span;
  b.print({err.result});
  Outcome o = both(b.m);
  REQUIRE(o.lines.size() == 1);
  CHECK(o.error == "E0505");
  CHECK(o.where.begin == call.begin);  // the diagnostic names the call's source span
}

TEST_CASE("jit: run-time errors stop the run at the operation", "[jit]") {
  SECTION("division by zero") {
    Builder b;
    ValueId z = b.f(Op::Sub, b.num(1), b.num(1));
    b.print({b.f(Op::Div, b.num(1), z)});
    CHECK(both(b.m).error == "E0503");
  }
  SECTION("NaN from finite operands") {
    Builder b;
    b.print({b.math("sqrt", {b.num(-1)})});
    CHECK(both(b.m).error == "E0504");
  }
  SECTION("overflow") {
    Builder b;
    ValueId big = b.num(1e300);
    b.print({b.f(Op::Mul, big, big)});
    CHECK(both(b.m).error == "E0504");
  }
  SECTION("an absent field") {
    Builder b;
    auto& rec = b.add(Op::MakeRecord, ir::VType::Record, {b.num(1)});
    rec.names = {"a"};
    auto& g = b.add(Op::GetField, ir::VType::F64, {rec.result});
    g.str = "b";
    b.print({g.result});
    CHECK(both(b.m).error == "E0406");
  }
}

TEST_CASE("jit: --emit=llvm prints a verified module with native f64 code", "[jit]") {
  Builder b;
  auto& rec = b.add(Op::MakeRecord, ir::VType::Record, {b.num(2), b.num(3)});
  rec.names = {"a", "b"};
  auto& ga = b.add(Op::GetField, ir::VType::F64, {rec.result});
  ga.str = "a";
  auto& gb = b.add(Op::GetField, ir::VType::F64, {rec.result});
  gb.str = "b";
  b.print({b.f(Op::Mul, ga.result, gb.result)});
  std::string ll = jit::emit_llvm(b.m, 0);
  CHECK(ll.find("fmul double") != std::string::npos);
  CHECK(ll.find("@mls_rt_print") != std::string::npos);
}

TEST_CASE("jit: 10,000 units compiled and freed in one process keep resident memory bounded", "[jit][memory]") {
  Builder b;
  auto& rec = b.add(Op::MakeRecord, ir::VType::Record, {b.num(2)});
  rec.names = {"a"};
  auto& ga = b.add(Op::GetField, ir::VType::F64, {rec.result});
  ga.str = "a";
  b.print({b.f(Op::Add, ga.result, ga.result)});
  Recorder r;
  jit::State state;
  auto unit = [&] {
    jit::run_unit(b.m, 0, b.m.body.insts.size(), state, r);
    r.lines.clear();
  };
  for (int k = 0; k < 1000; ++k) unit();  // warm: allocator pools, the JIT's first sections
  std::size_t after_1k = resident_kb();
  for (int k = 0; k < 9000; ++k) unit();
  std::size_t after_10k = resident_kb();
  long growth = static_cast<long>(after_10k) - static_cast<long>(after_1k);
  WARN("resident memory: " << after_1k / 1024 << " MB after 1,000 units, " << after_10k / 1024
                           << " MB after 10,000 (growth " << growth << " KB over 9,000 units)");
#if defined(__SANITIZE_ADDRESS__)
  // AddressSanitizer keeps freed memory in quarantine, so resident memory says nothing here; its
  // LeakSanitizer checks the same property directly at exit.
  WARN("AddressSanitizer build: the resident-memory bound is not checked");
#else
  CHECK(growth < 8 * 1024);  // freed code: a leak of even 1 KB a unit would show as 9 MB
#endif
}
