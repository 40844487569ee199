#include "api/session_script.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace mls::api {

namespace {

// Identifier uses in an expression: names that may refer to a global binding.
void uses(const ast::Expr* e, std::vector<std::pair<Span, std::string>>& out) {
  if (!e) return;
  using K = ast::ExprKind;
  if (e->kind == K::Ident) out.emplace_back(e->span, e->text);
  uses(e->lhs.get(), out);
  if (e->kind != K::Convert) uses(e->rhs.get(), out);  // the target of `->` is a unit
  uses(e->step.get(), out);
  uses(e->cond.get(), out);
  uses(e->then_e.get(), out);
  uses(e->else_e.get(), out);
  for (auto& a : e->args) uses(a.value.get(), out);
  for (auto& f : e->fields) uses(f.value.get(), out);
  for (auto& i : e->items) uses(i.get(), out);
}

void uses(const ast::Stmt& s, std::vector<std::pair<Span, std::string>>& out) {
  // Names local to the statement (fn parameters, loop variables) are not the globals of that name.
  std::set<std::string> local;
  for (auto& p : s.params) local.insert(p.name);
  if (!local.empty() || !s.bindings.empty()) {
    std::vector<std::pair<Span, std::string>> inner;
    uses(s.value.get(), inner);  // fn body
    for (auto& b : s.bindings) uses(b.iterable.get(), out);
    for (auto& b : s.bindings) local.insert(b.name);
    for (auto& b : s.bindings) uses(b.filter.get(), inner);
    for (auto& b : s.body) uses(*b, inner);
    for (auto& u : inner)
      if (!local.count(u.second)) out.push_back(u);
    return;
  }
  uses(s.value.get(), out);
  uses(s.value2.get(), out);
  uses(s.tolerance.get(), out);
  uses(s.message.get(), out);
  for (auto& e : s.exprs) uses(e.get(), out);
  for (auto& f : s.fields) uses(f.value.get(), out);
  for (auto& b : s.bindings) uses(b.iterable.get(), out);
  for (auto& b : s.body) uses(*b, out);
}

struct Edit {
  std::size_t begin, end;
  std::string text;
};

}  // namespace

std::string to_script(const std::vector<SavedEntry>& entries) {
  // Every name the session wrote, so fresh names never collide; and which bare expressions a later
  // `ans` reads (only those are bound to a name: the others stay as they were typed).
  std::set<std::string> taken;
  std::set<const ast::Stmt*> read_by_ans;
  const ast::Stmt* last_expr = nullptr;
  for (auto& e : entries)
    for (auto& s : e.program->stmts) {
      std::vector<std::pair<Span, std::string>> u;
      uses(*s, u);
      for (auto& [_, n] : u) {
        taken.insert(n);
        if (n == "ans" && last_expr) read_by_ans.insert(last_expr);
      }
      if (!s->name.empty()) taken.insert(s->name);
      if (s->kind == ast::StmtKind::ExprStmt) last_expr = s.get();
    }
  auto fresh = [&](const std::string& base) {
    for (int k = 2;; ++k) {
      std::string n = base + "_" + std::to_string(k);
      if (taken.insert(n).second) return n;
    }
  };

  std::map<std::string, std::string> current;  // global name → its name in the script
  std::set<std::string> bound;
  std::string ans;                              // the script name of the last result
  std::string out;
  for (auto& e : entries) {
    std::vector<Edit> edits;
    for (auto& s : e.program->stmts) {
      std::vector<std::pair<Span, std::string>> u;
      uses(*s, u);
      for (auto& [span, n] : u) {
        if (n == "ans" && !ans.empty()) edits.push_back({span.begin, span.end, ans});
        else if (auto it = current.find(n); it != current.end() && it->second != n)
          edits.push_back({span.begin, span.end, it->second});
      }
      bool binds = s->kind == ast::StmtKind::Let || s->kind == ast::StmtKind::Fn;
      if (binds) {
        std::string name = bound.count(s->name) ? fresh(s->name) : s->name;
        bound.insert(s->name);
        current[s->name] = name;
        if (name != s->name) edits.push_back({s->name_span.begin, s->name_span.end, name});
      }
      if (read_by_ans.count(s.get())) {
        // `expr` → `ans_N = expr` + newline + `ans_N` (prints the same: a bare expression)
        ans = fresh("ans");
        edits.push_back({s->span.begin, s->span.begin, ans + " = "});
        edits.push_back({s->span.end, s->span.end, "\n" + ans});
      }
    }
    std::string text = e.text;
    std::stable_sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) { return a.begin > b.begin; });
    for (auto& ed : edits)
      if (ed.end <= text.size()) text.replace(ed.begin, ed.end - ed.begin, ed.text);
    while (!text.empty() && text.back() == '\n') text.pop_back();
    out += text + "\n";
  }
  return out;
}

}  // namespace mls::api
