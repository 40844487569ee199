#include "compiler/ir/ir.hpp"

#include <map>
#include <sstream>

namespace mls::ir {

const char* vtype_name(VType t) {
  switch (t) {
    case VType::F64: return "f64";
    case VType::Bool: return "bool";
    case VType::Str: return "str";
    case VType::Record: return "record";
    case VType::List: return "list";
    case VType::None: return "none";
  }
  return "?";
}

const char* op_name(Op op) {
  switch (op) {
    case Op::ConstNum: return "const";
    case Op::ConstBool: return "const";
    case Op::ConstStr: return "const";
    case Op::ConstNone: return "none";
    case Op::Add: return "add";
    case Op::Sub: return "sub";
    case Op::Mul: return "mul";
    case Op::Div: return "div";
    case Op::Pow: return "pow";
    case Op::Neg: return "neg";
    case Op::Lt: return "lt";
    case Op::Le: return "le";
    case Op::Gt: return "gt";
    case Op::Ge: return "ge";
    case Op::Eq: return "eq";
    case Op::Ne: return "ne";
    case Op::And: return "and";
    case Op::Or: return "or";
    case Op::Not: return "not";
    case Op::Math: return "math";
    case Op::MakeRecord: return "record";
    case Op::GetField: return "field";
    case Op::HasField: return "has_field";
    case Op::With: return "with";
    case Op::MakeList: return "list";
    case Op::Range: return "range";
    case Op::CallSolver: return "solve";
    case Op::If: return "if";
    case Op::For: return "for";
    case Op::Print: return "print";
    case Op::Row: return "row";
    case Op::Plot: return "plot";
    case Op::Reduce: return "reduce";
    case Op::TableEnd: return "table_end";
    case Op::Assert: return "assert";
    case Op::Expect: return "expect";
    case Op::Bind: return "bind";
    case Op::Aggregate: return "aggregate";
    case Op::Format: return "format";
  }
  return "?";
}

namespace {
// Values are renumbered in printing order so a script's IR reads from %0 whatever came before it.
struct Names {
  std::map<ValueId, int> ids;
  std::string operator()(ValueId v) {
    auto it = ids.find(v);
    if (it == ids.end()) it = ids.emplace(v, int(ids.size())).first;
    return "%" + std::to_string(it->second);
  }
};
Names* names = nullptr;
std::string nm(ValueId v) { return (*names)(v); }

void print_block(std::ostringstream& os, const Block& b, int depth, const SourceManager* sm);

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

void print_inst(std::ostringstream& os, const Inst& i, int depth, const SourceManager* sm) {
  std::string ind(size_t(depth) * 2, ' ');
  os << ind;
  if (i.result != kNoValue) os << nm(i.result) << " = ";
  os << op_name(i.op);
  switch (i.op) {
    case Op::ConstNum: os << " " << i.num; break;
    case Op::ConstBool: os << (i.flag ? " true" : " false"); break;
    case Op::ConstStr: os << " " << quoted(i.str); break;
    case Op::Math: case Op::CallSolver: case Op::GetField: case Op::HasField: case Op::Assert: os << " " << i.str; break;
    case Op::MakeRecord: os << " " << (i.str.empty() ? "{}" : i.str); break;
    case Op::Range:
      if (i.flag) os << " geometric";
      if (i.aux == kLazyRange) os << " lazy";
      break;
    case Op::Bind: os << " " << i.names[0]; break;
    case Op::Row: case Op::TableEnd: os << " table" << i.aux; break;
    case Op::Plot: os << " " << i.str << " plot" << i.aux; break;
    case Op::Reduce: os << " " << i.str << " table" << i.aux; break;
    default: break;
  }
  for (size_t k = 0; k < i.operands.size(); ++k) {
    os << (k ? ", " : " ");
    if (k < i.names.size() && (i.op == Op::MakeRecord || i.op == Op::Row)) os << i.names[k] << "=";
    if (i.op == Op::With && k > 0 && k - 1 < i.names.size()) os << i.names[k - 1] << "=";
    os << nm(i.operands[k]);
  }
  if (i.op == Op::For) {
    os << " (";
    for (size_t k = 0; k < i.vars.size(); ++k) os << (k ? ", " : "") << nm(i.vars[k]);
    os << ")";
  }
  if (i.result != kNoValue) os << " : " << vtype_name(i.type);
  if (sm && i.span.valid()) {
    auto lc = sm->get(i.span.file).line_col(i.span.begin);
    os << "   # " << lc.line << ":" << lc.column;
  }
  os << "\n";
  for (size_t k = 0; k < i.blocks.size(); ++k) {
    if (i.op == Op::If) os << ind << (k == 0 ? " then:" : " else:") << "\n";
    print_block(os, i.blocks[k], depth + 1, sm);
  }
}

void print_block(std::ostringstream& os, const Block& b, int depth, const SourceManager* sm) {
  for (auto& i : b.insts) print_inst(os, i, depth, sm);
  if (b.yield != kNoValue) os << std::string(size_t(depth) * 2, ' ') << "yield " << nm(b.yield) << "\n";
}
}  // namespace

std::string print(const Module& m, const SourceManager* sm) {
  std::ostringstream os;
  Names local;
  names = &local;
  print_block(os, m.body, 0, sm);
  names = nullptr;
  return os.str();
}

}  // namespace mls::ir
