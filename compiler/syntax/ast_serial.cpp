#include "compiler/syntax/ast_serial.hpp"

#include <cstring>
#include <optional>
#include <type_traits>

namespace mls::syntax {

namespace {

// Each AST struct's fields are listed once, in `io` below, for both directions: the Writer reads
// them, the Reader fills them, so the two cannot drift apart.
struct Writer {
  std::string out;
  FileId file;
  bool ok = true;
  void num(std::uint64_t v) {  // LEB128
    do {
      unsigned char b = v & 0x7F;
      v >>= 7;
      out.push_back(static_cast<char>(v ? b | 0x80 : b));
    } while (v);
  }
  void f64(double& d) { out.append(reinterpret_cast<const char*>(&d), sizeof d); }
  void str(std::string& s) {
    num(s.size());
    out += s;
  }
  void flag(bool& b) { num(b ? 1 : 0); }
  template <class E>
  void en(E& e) {
    num(static_cast<std::uint64_t>(e));
  }
  void span(Span& s) {
    // 1: a span of the program's file, 0: a span of no file (Span{}); the program's file is not 0.
    if (s.file != file && s.file != 0) ok = false;
    num(s.file == file ? 1 : 0);
    num(s.begin);
    num(s.end);
  }
  template <class T>
  bool count(std::vector<T>& v) {
    num(v.size());
    return true;
  }
  static constexpr bool reading = false;
};

struct Reader {
  std::string_view in;
  std::size_t at = 0;
  FileId file;
  bool ok = true;
  std::uint64_t num() {
    std::uint64_t v = 0;
    for (int shift = 0; ok; shift += 7) {
      if (at >= in.size() || shift > 63) {
        ok = false;
        break;
      }
      unsigned char b = static_cast<unsigned char>(in[at++]);
      v |= std::uint64_t(b & 0x7F) << shift;
      if (!(b & 0x80)) break;
    }
    return v;
  }
  void num(std::uint64_t& v) { v = num(); }
  void f64(double& d) {
    if (at + sizeof d > in.size()) {
      ok = false;
      return;
    }
    std::memcpy(&d, in.data() + at, sizeof d);
    at += sizeof d;
  }
  void str(std::string& s) {
    std::uint64_t n = num();
    if (!ok || n > in.size() - at) {
      ok = false;
      return;
    }
    s.assign(in.substr(at, n));
    at += n;
  }
  void flag(bool& b) { b = num() != 0; }
  template <class E>
  void en(E& e) {
    e = static_cast<E>(num());
  }
  void span(Span& s) {
    s.file = num() ? file : 0;
    s.begin = static_cast<std::uint32_t>(num());
    s.end = static_cast<std::uint32_t>(num());
  }
  template <class T>
  bool count(std::vector<T>& v) {
    std::uint64_t n = num();
    if (!ok || n > in.size() - at) return ok = false;  // every element takes at least one byte
    v.resize(n);
    return true;
  }
  static constexpr bool reading = true;
};

// Every field type the AST uses, declared before any use (the calls below find them by ordinary
// lookup: argument-dependent lookup would search mls::ast and std only).
template <class A> void io(A& a, ast::Expr& e);
template <class A> void io(A& a, ast::Stmt& s);
template <class A> void io(A& a, ast::ExprPtr& p);
template <class A> void io(A& a, ast::StmtPtr& p);
template <class A> void io(A& a, ast::Arg& x);
template <class A> void io(A& a, ast::FieldInit& x);
template <class A> void io(A& a, ast::Annotation& x);
template <class A> void io(A& a, ast::Param& x);
template <class A> void io(A& a, ast::RecordField& x);
template <class A> void io(A& a, ast::ForBinding& x);
template <class A> void io(A& a, ast::LoopClause& x);
template <class A, class T> void io(A& a, std::vector<T>& v);
template <class A, class T> void io(A& a, std::optional<T>& o);

template <class A> void io(A& a, std::string& s) { a.str(s); }
template <class A> void io(A& a, Span& s) { a.span(s); }
template <class A> void io(A& a, double& d) { a.f64(d); }
template <class A> void io(A& a, bool& b) { a.flag(b); }
template <class A, class E>
std::enable_if_t<std::is_enum_v<E>> io(A& a, E& e) {
  a.en(e);
}

template <class A, class... T>
void fields(A& a, T&... x) {
  ((a.ok ? io(a, x) : void()), ...);
}

template <class A, class T>
void io(A& a, std::optional<T>& o) {
  bool has = o.has_value();
  a.flag(has);
  if (!has || !a.ok) return;
  if constexpr (A::reading) o.emplace();
  io(a, *o);
}

template <class A>
void io(A& a, ast::ExprPtr& p) {
  bool has = p != nullptr;
  a.flag(has);
  if (!has || !a.ok) return;
  if constexpr (A::reading) p = std::make_unique<ast::Expr>(ast::ExprKind::Number, Span{});
  io(a, *p);
}

template <class A>
void io(A& a, ast::StmtPtr& p) {
  if constexpr (A::reading) p = std::make_unique<ast::Stmt>(ast::StmtKind::Let, Span{});
  io(a, *p);
}

template <class A, class T>
void io(A& a, std::vector<T>& v) {
  if (!a.count(v)) return;
  for (auto& x : v) fields(a, x);
}

template <class A> void io(A& a, ast::Arg& x) { fields(a, x.name, x.name_span, x.value); }
template <class A> void io(A& a, ast::FieldInit& x) { fields(a, x.name, x.name_span, x.value); }
template <class A> void io(A& a, ast::Annotation& x) { fields(a, x.name, x.span, x.args); }
template <class A> void io(A& a, ast::Param& x) { fields(a, x.name, x.span, x.type); }
template <class A> void io(A& a, ast::RecordField& x) { fields(a, x.name, x.name_span, x.value, x.annotations); }
template <class A> void io(A& a, ast::ForBinding& x) { fields(a, x.name, x.name_span, x.iterable, x.filter); }
template <class A> void io(A& a, ast::LoopClause& x) { fields(a, x.word, x.span, x.top, x.by, x.exprs); }

template <class A>
void io(A& a, ast::Expr& e) {
  fields(a, e.kind, e.span, e.number, e.text, e.text_span, e.unop, e.binop, e.lhs, e.rhs, e.step, e.geometric,
         e.cond, e.then_e, e.else_e, e.args, e.fields, e.items, e.pieces, e.boolean);
}

template <class A>
void io(A& a, ast::Stmt& s) {
  fields(a, s.kind, s.span, s.name, s.name_span, s.kind_name, s.kind_span, s.type, s.value, s.value2, s.tolerance,
         s.message, s.exprs, s.params, s.annotations, s.fields, s.bindings, s.body, s.clauses);
}

}  // namespace

std::optional<std::string> serialize(const ast::Program& p) {
  if (p.file == 0) return std::nullopt;  // its spans could not be told from spans of no file
  Writer w{{}, p.file};
  io(w, const_cast<std::vector<ast::StmtPtr>&>(p.stmts));  // the Writer only reads
  if (!w.ok) return std::nullopt;
  return std::move(w.out);
}

std::optional<ast::Program> deserialize(std::string_view bytes, FileId file) {
  Reader r{bytes, 0, file};
  ast::Program p;
  p.file = file;
  io(r, p.stmts);
  if (!r.ok || r.at != bytes.size()) return std::nullopt;
  return p;
}

}  // namespace mls::syntax
