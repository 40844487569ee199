// The C API (include/mls/mls.h) over the C++ engine. Every entry point catches everything: C callers
// get a status and a diagnostic, never an exception.
#include "mls/mls.h"

#include "mls/mls.hpp"

#include <cmath>
#include <new>
#include <sstream>

struct mls_engine {
  mls::api::Engine engine;
};

struct mls_session {
  mls::api::Session session;
};

struct mls_result {
  int status = MLS_OK;
  std::string text, unit, dimension, json;
  double si = NAN, value = NAN;
  std::vector<mls::api::Diagnostic> diagnostics;
};

namespace {
using namespace mls::api;

mls_result* make(int status, std::vector<Diagnostic> ds, std::string text = "") {
  auto* r = new (std::nothrow) mls_result;
  if (!r) return nullptr;
  r->status = status;
  r->diagnostics = std::move(ds);
  r->text = std::move(text);
  return r;
}

mls_result* usage(const char* what) {
  Diagnostic d;
  d.code = "";
  d.message = std::string(what) + " is NULL";
  d.help = "pass a UTF-8 string";
  return make(MLS_USAGE, {d});
}

mls_result* with_quantity(mls_result* r, const Value& v) {
  if (r && v.kind() == Value::Kind::Quantity) {
    const Quantity& q = v.as_quantity();
    r->si = q.si();
    r->value = q.value();
    r->unit = q.unit();
    r->dimension = q.dimension();
  }
  return r;
}

template <class F> mls_result* guarded(F f) {
  try {
    return f();
  } catch (const Error& e) {
    return make(MLS_COMPILE_ERROR, {e.diagnostic()});
  } catch (const std::bad_alloc&) {
    Diagnostic d;
    d.code = "E0507";
    d.message = "out of memory";
    return make(MLS_RUNTIME_ERROR, {d});
  } catch (const std::exception& e) {
    Diagnostic d;
    d.message = std::string("internal error: ") + e.what();
    return make(MLS_INTERNAL, {d});
  } catch (...) {
    return make(MLS_INTERNAL, {});
  }
}

const Diagnostic* at(const mls_result* r, size_t i) { return r && i < r->diagnostics.size() ? &r->diagnostics[i] : nullptr; }
}  // namespace

extern "C" {

const char* mls_version(void) { return "0.1.0"; }

mls_engine* mls_engine_new(int use_jit) {
  try {
    Options o;
    o.evaluator = use_jit ? Evaluator::Jit : Evaluator::Reference;
    return new mls_engine{Engine(o)};
  } catch (...) {
    return nullptr;
  }
}

void mls_engine_free(mls_engine* engine) { delete engine; }

mls_session* mls_session_new(mls_engine* engine) {
  if (!engine) return nullptr;
  try {
    return new mls_session{Session(engine->engine)};
  } catch (...) {
    return nullptr;
  }
}

void mls_session_free(mls_session* session) { delete session; }

mls_result* mls_session_run(mls_session* s, const char* entry) {
  if (!s || !entry) return usage(!s ? "the session" : "the entry");
  return guarded([&] {
    std::ostringstream out, err;  // the diagnostics come as data; their text is in each one's `rendered`
    EntryResult r = s->session.run(entry, out, err);
    return make(r.exit_code, std::move(r.diagnostics), out.str());
  });
}
void mls_result_free(mls_result* result) { delete result; }

mls_result* mls_check(mls_engine* e, const char* source) {
  if (!e || !source) return usage(!e ? "the engine" : "the source");
  return guarded([&] {
    CheckResult c = e->engine.check(source);
    return make(c.exit_code, std::move(c.diagnostics));
  });
}

mls_result* mls_run(mls_engine* e, const char* source) {
  if (!e || !source) return usage(!e ? "the engine" : "the source");
  return guarded([&] {
    RunResult r = e->engine.run(source);
    return make(r.exit_code, std::move(r.diagnostics), std::move(r.text));
  });
}

mls_result* mls_evaluate(mls_engine* e, const char* expression) {
  if (!e || !expression) return usage(!e ? "the engine" : "the expression");
  return guarded([&] {
    EvalResult v = e->engine.evaluate(expression);
    return with_quantity(make(v.exit_code, std::move(v.diagnostics), v.ok() ? v.value.str() : ""), v.value);
  });
}

mls_result* mls_convert(mls_engine* e, const char* quantity, const char* unit) {
  if (!e || !quantity || !unit) return usage(!e ? "the engine" : !quantity ? "the quantity" : "the unit");
  return guarded([&] {
    Quantity q = e->engine.quantity(quantity).to(unit);
    return with_quantity(make(MLS_OK, {}, q.str()), Value(q));
  });
}

mls_result* mls_call_json(mls_engine* e, const char* solver, const char* json_args) {
  if (!e || !solver || !json_args) return usage(!e ? "the engine" : !solver ? "the solver" : "the arguments");
  return guarded([&] {
    CallResult c = e->engine.call_json(solver, json_args);
    return make(c.exit_code, std::move(c.diagnostics), std::move(c.json));
  });
}

mls_status mls_result_status(const mls_result* r) { return r ? static_cast<mls_status>(r->status) : MLS_USAGE; }
const char* mls_result_text(const mls_result* r) { return r ? r->text.c_str() : ""; }
double mls_result_si(const mls_result* r) { return r ? r->si : NAN; }
double mls_result_value(const mls_result* r) { return r ? r->value : NAN; }
const char* mls_result_unit(const mls_result* r) { return r ? r->unit.c_str() : ""; }
const char* mls_result_dimension(const mls_result* r) { return r ? r->dimension.c_str() : ""; }
size_t mls_result_diagnostic_count(const mls_result* r) { return r ? r->diagnostics.size() : 0; }
const char* mls_result_diagnostic_code(const mls_result* r, size_t i) { return at(r, i) ? at(r, i)->code.c_str() : ""; }
const char* mls_result_diagnostic_message(const mls_result* r, size_t i) { return at(r, i) ? at(r, i)->message.c_str() : ""; }
const char* mls_result_diagnostic_help(const mls_result* r, size_t i) { return at(r, i) ? at(r, i)->help.c_str() : ""; }
const char* mls_result_diagnostic_rendered(const mls_result* r, size_t i) {
  return at(r, i) ? at(r, i)->rendered.c_str() : "";
}
size_t mls_result_diagnostic_fix_count(const mls_result* r, size_t i) { return at(r, i) ? at(r, i)->fixes.size() : 0; }
const char* mls_result_diagnostic_fix_title(const mls_result* r, size_t i, size_t j) {
  return mls_result_diagnostic_fix_count(r, i) > j ? at(r, i)->fixes[j].title.c_str() : "";
}
const char* mls_result_diagnostic_fix_replacement(const mls_result* r, size_t i, size_t j) {
  return mls_result_diagnostic_fix_count(r, i) > j ? at(r, i)->fixes[j].replacement.c_str() : "";
}
int mls_result_diagnostic_fix_span(const mls_result* r, size_t i, size_t j, int* line, int* column, int* end_line,
                                   int* end_column) {
  if (mls_result_diagnostic_fix_count(r, i) <= j) return 0;
  const Span& s = at(r, i)->fixes[j].span;
  if (line) *line = s.line;
  if (column) *column = s.column;
  if (end_line) *end_line = s.end_line;
  if (end_column) *end_column = s.end_column;
  return 1;
}
const char* mls_result_diagnostics_json(const mls_result* r) {
  if (!r) return "[]";
  try {
    if (r->json.empty()) const_cast<mls_result*>(r)->json = to_json(r->diagnostics);
    return r->json.c_str();
  } catch (...) {
    return "[]";
  }
}

}  // extern "C"
