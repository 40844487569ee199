// The MLS IR: typed SSA values in structured blocks (If/For own nested blocks, as MLIR's scf).
// Dimensions are erased (ARCHITECTURE decision 1): numbers are f64 in coherent base units. What
// printing needs of the static types (dimension, display unit, record shape) travels in `Shape`s.
#pragma once

#include "compiler/source/source.hpp"
#include "compiler/units/unit_table.hpp"
#include "stdlib/core/dimension.hpp"

#include <memory>
#include <string>
#include <vector>

namespace mls::ir {

using ValueId = std::int32_t;
inline constexpr ValueId kNoValue = -1;

enum class VType { F64, Bool, Str, Record, List, None };
const char* vtype_name(VType t);

// Static information the runtime needs to show a value: its dimension and display, or for a record
// its fields' shapes, for a list its element shape.
struct Shape {
  VType type = VType::F64;
  Dimension dim;
  units::Display display;
  std::string dim_name;                    // "Bandwidth" or ""
  std::string kind;                        // record kind
  std::vector<std::pair<std::string, std::shared_ptr<Shape>>> fields;
  std::shared_ptr<Shape> elem;
};
using ShapePtr = std::shared_ptr<const Shape>;

enum class Op {
  ConstNum, ConstBool, ConstStr, ConstNone,
  Add, Sub, Mul, Div, Pow, Neg,
  Lt, Le, Gt, Ge, Eq, Ne, And, Or, Not,
  Math,        // str = function name (sqrt, cbrt, exp, ln, log2, log10, abs, floor, ceil, round, min, max, ceil_div);
               // floor/ceil/round with a second operand round in that unit (its value in base units)
  MakeRecord,  // str = kind; names = field names; operands = field values
  GetField,    // operands[0] = record; str = field name
  HasField,    // operands[0] = record; str = field name: true when the record has the field (`has`, `??`, filters)
  With,        // operands[0] = record; names/operands[1..] = updated fields
  MakeList,    // operands = items
  Range,       // operands = lo, hi, step; flag = geometric; aux = kLazyRange: only the For right after it
               // reads it (`for x in a .. b`), which walks start/step/count (LazyRange): no list is built
  CallSolver,  // str = solver id; operands = arguments in parameter order (None for unset optionals)
  If,          // operands[0] = condition; blocks[0] = then, blocks[1] = else; result = yielded value
  For,         // operands = lists; vars = loop variables; blocks[0] = body (cartesian product, first outermost)
  Print,       // operands = values; shapes = their shapes
  Row,         // names = columns; operands = cells; shapes; aux = table id; flag = pending (a loop clause decides)
  Reduce,      // end of a loop body with clauses: str = kind (where|best|count|minimum|maximum|mean|pareto);
               // operands[0] = condition (or none), then keys; num = N (best N); aux = table id; shapes of keys
  Plot,        // str = chart kind; names = "arg=source text" per operand; shapes; aux = plot id (a point per run)
  TableEnd,    // aux = table id: flush a text table after its loop
  Assert,      // operands[0] = cond, [1], [2] = compared sides (optional); str = message; shapes of sides
  Expect,      // operands = actual, expected, tolerance; flag = tolerance is relative
  Bind,        // names[0] = a global name; operands[0] = value (exports zoo/script bindings to the runtime)
  Aggregate,   // str = sum|mean|min|max; operands[0] = a list; names = {field} to take from record items
  Format,      // an interpolated string: names = the literal pieces (one more than operands), operands = the
               // values shown between them, shapes = their shapes; result = the text (Str)
};
const char* op_name(Op op);
inline constexpr int kLazyRange = 1;  // Inst::aux of a Range that only its loop reads

struct Block;

struct Inst {
  Op op;
  ValueId result = kNoValue;
  VType type = VType::None;                 // type of result
  std::vector<ValueId> operands;
  double num = 0;                           // ConstNum
  bool flag = false;                        // ConstBool value; Range geometric; Expect relative
  std::string str;                          // ConstStr, Math, MakeRecord kind, Get/HasField, CallSolver, Assert message
  std::vector<std::string> names;           // record fields, row columns
  std::vector<ValueId> vars;                // For loop variables
  std::vector<ShapePtr> shapes;             // Print/Row/Assert/Expect formatting
  std::vector<Block> blocks;                // If / For
  int aux = -1;                             // table id
  Span span;                                // source of the operation (runtime errors point here)
};

struct Block {
  std::vector<Inst> insts;
  ValueId yield = kNoValue;                 // If branches yield a value
};

struct Module {
  Block body;
  ValueId num_values = 0;
  int num_tables = 0;
  int num_plots = 0;
};

// `mls --emit=ir`: "%3 = div %1, %2 : f64   # 2:7" lines, blocks indented.
std::string print(const Module& m, const SourceManager* sm = nullptr);

}  // namespace mls::ir
