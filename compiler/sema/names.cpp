// Scopes, name resolution, shadowing rules, diagnostics plumbing and IR emission helpers.
#include "compiler/sema/checker.hpp"
#include "compiler/sema/builtins.hpp"

#include "compiler/diag/edit_distance.hpp"

#include "stdlib/registry/solver_registry.hpp"

#include <algorithm>
#include <sstream>

namespace mls::sema {

const std::vector<std::string>& builtin_function_names() {
  static const std::vector<std::string> names = {"sqrt", "cbrt", "exp",  "ln",       "log2", "log10",
                                                 "abs",  "min",  "max",  "floor",    "ceil", "round",
                                                 "ceil_div", "has", "sum", "mean"};
  return names;
}

bool is_builtin_fn(const std::string& n) {
  const auto& names = builtin_function_names();
  return std::find(names.begin(), names.end(), n) != names.end();
}

Binding* Checker::lookup(const std::string& name) {
  for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it) {
    auto f = it->find(name);
    if (f != it->end()) {
      if (uncalled_body_) return &f->second;  // a body nothing runs reads nothing (W0603 stays)
      f->second.used = true;
      if (!f->second.zoo) read_sites_.insert({f->second.span.file, f->second.span.begin});
      return &f->second;
    }
  }
  return nullptr;
}

void Checker::check_shadowing(const std::string& name, Span span) {
  std::string what;
  if (units_.contains(name)) what = "the unit `" + name + "`";
  else if (reg::find_solver(name)) what = "the solver `" + name + "`";
  else if (reg::find_kind(name)) what = "the record kind `" + name + "`";
  if (!what.empty())
    error("E0111", "`" + name + "` would hide " + what, span, "choose another name",
          "names of units, solvers and kinds are reserved so `" + name + "` always means one thing; try `" +
              name + "_value` or a more specific name");
  for (auto& sc : scopes_) {
    auto f = sc.find(name);
    if (f == sc.end()) continue;
    if (f->second.zoo && !opt_.builtin) {
      Diagnostic d;
      d.code = "E0111";
      d.message = "`" + name + "` would hide the zoo entry `" + name + "`";
      d.labels.push_back({span, "choose another name", true});
      d.help = "zoo names always mean the built-in entry; to change it, write `my_" + name + " = " + name +
               " with { ... }`";
      error(d);
    }
    if (&sc == &scopes_.back() && !opt_.allow_rebinding) {
      Diagnostic d;
      d.code = "E0112";
      d.message = "`" + name + "` is already bound";
      d.labels.push_back({span, "bound again here", true});
      if (f->second.span.valid()) d.labels.push_back({f->second.span, "first bound here", false});
      d.help = "a name is bound once in a script; use a new name such as `" + name + "2`";
      error(d);
    }
  }
}

void Checker::bind(const std::string& name, Span span, Binding b) {
  check_shadowing(name, span);
  if (tx_ && scopes_.size() == 1) {
    auto it = scopes_.back().find(name);
    tx_->undo.emplace_back(name, it == scopes_.back().end() ? std::nullopt : std::optional<Binding>(it->second));
  }
  scopes_.back()[name] = std::move(b);
}

std::vector<std::string> Checker::candidates() const {
  std::vector<std::string> c;
  for (auto& sc : scopes_)
    for (auto& [n, _] : sc) c.push_back(n);
  for (auto& [n, _] : units_.all()) c.push_back(n);
  for (auto& s : reg::solvers()) c.push_back(s.name);
  for (auto& k : reg::kinds()) c.push_back(k.name);
  for (auto& b : builtin_function_names()) c.push_back(b);
  for (auto& n : extra_names_) c.push_back(n);
  // In a loop filter, the item's fields are names too (`for hw in hardware where tierr == cloud`).
  if (!filter_items_.empty())
    for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it)
      if (auto b = it->find(filter_items_.back()); b != it->end()) {
        if (b->second.type.fields)
          for (auto& [n, _] : *b->second.type.fields) c.push_back(n);
        break;
      }
  std::sort(c.begin(), c.end());
  c.erase(std::unique(c.begin(), c.end()), c.end());
  return c;
}

void Checker::unknown_name(const std::string& name, Span span) {
  std::vector<std::pair<size_t, std::string>> scored;
  for (auto& c : candidates()) {
    if (name.size() < 3 && c.size() != name.size()) continue;  // one-letter names: no wild guesses
    size_t d = edit_distance(name, c);
    if (name.size() < 3 && d > 0 && std::tolower(name[0]) != std::tolower(c[0])) continue;
    if (d <= std::max<size_t>(1, name.size() / 3)) scored.emplace_back(d, c);
  }
  std::sort(scored.begin(), scored.end());
  Diagnostic d;
  d.code = "E0110";
  d.message = "unknown name `" + name + "`";
  d.labels.push_back({span, "not a variable, unit, zoo entry or solver", true});
  if (!scored.empty()) {
    std::string alts;
    for (size_t k = 0; k < scored.size() && k < 3; ++k) {
      alts += (k ? ", " : "") + std::string("`") + scored[k].second + "`";
      d.fixes.push_back({"use `" + scored[k].second + "`", span, scored[k].second});  // each one alone fixes it
    }
    d.help = "did you mean " + alts + "?";
  } else {
    d.help = "define it first (`" + name + " = ...`), or see `mls zoo` for entry names";
  }
  error(d);
}

void Checker::error(Diagnostic d) {
  diags_->report(std::move(d));
  throw Abort{};
}

void Checker::error(const std::string& code, const std::string& msg, Span span, const std::string& label,
                    std::optional<std::string> help) {
  Diagnostic d;
  d.code = code;
  d.message = msg;
  d.labels.push_back({span, label, true});
  d.help = std::move(help);
  error(std::move(d));
}

std::string Checker::text(Span s) const {
  std::string t(sm_.get(s.file).slice(s));
  if (t.size() > 60) t = t.substr(0, 57) + "...";
  return t;
}

std::string Checker::line_of(Span s) const { return std::to_string(sm_.get(s.file).line_col(s.begin).line); }

std::string Checker::origin_of(const ast::Expr& e) const {
  const ast::Expr* x = &e;
  while (x->kind == ast::ExprKind::Paren) x = x->lhs.get();
  if (x->kind != ast::ExprKind::Ident) return "";
  for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it) {
    auto f = it->find(x->text);
    if (f != it->end()) return f->second.origin;
  }
  return "";
}

void Checker::note_type(const ast::Expr& e, const SType& t) {
  // Only `--emit=typed` and the analysis API (the language server) read these, and only of the user's
  // files: a run, a long REPL session and the built-in zoo do not keep them (a static type per
  // expression of a 200,000-line script is hundreds of MB).
  if (!opt_.keep_types || opt_.repl || opt_.builtin) return;
  std::string s = describe(t, units_);
  if (t.konst && t.is_num()) s += " = " + units::format_number(*t.konst, 6);
  typed_.push_back(TypedNote{e.span, std::move(s), t});
}

std::string Checker::typed_dump_of(FileId file) const {
  std::vector<std::pair<Span, std::string>> sorted;
  for (auto& t : typed_)
    if (t.span.file == file) sorted.emplace_back(t.span, t.text);
  std::stable_sort(sorted.begin(), sorted.end(), [](auto& a, auto& b) {
    if (a.first.file != b.first.file) return a.first.file < b.first.file;
    if (a.first.begin != b.first.begin) return a.first.begin < b.first.begin;
    return a.first.end > b.first.end;  // enclosing expression first
  });
  std::ostringstream os;
  std::vector<uint32_t> ends;
  for (auto& [span, ty] : sorted) {
    while (!ends.empty() && span.begin >= ends.back()) ends.pop_back();
    auto& f = sm_.get(span.file);
    auto lc = f.line_col(span.begin);
    os << std::string(ends.size() * 2, ' ') << lc.line << ":" << lc.column << "  `" << text(span) << "` : " << ty << "\n";
    ends.push_back(span.end);
  }
  return os.str();
}

ir::ValueId Checker::emit(ir::Inst i) {
  if (i.result == ir::kNoValue && i.type != ir::VType::None) i.result = module_.num_values++;
  ir::ValueId r = i.result;
  blocks_.back()->insts.push_back(std::move(i));
  return r;
}

ir::ValueId Checker::konst(double v, Span s) {
  ir::Inst i{ir::Op::ConstNum};
  i.num = v;
  i.type = ir::VType::F64;
  i.span = s;
  return emit(std::move(i));
}

ir::ValueId Checker::konst_str(const std::string& v, Span s) {
  ir::Inst i{ir::Op::ConstStr};
  i.str = v;
  i.type = ir::VType::Str;
  i.span = s;
  return emit(std::move(i));
}

ir::ValueId Checker::none_value(Span s) {
  ir::Inst i{ir::Op::ConstNone};
  i.type = ir::VType::None;
  i.result = module_.num_values++;
  i.span = s;
  return emit(std::move(i));
}

}  // namespace mls::sema
