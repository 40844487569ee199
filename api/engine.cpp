// The engine: every check and run compiles in a fresh driver::Session through the one pipeline
// (runtime/driver/pipeline.cpp); the API turns what it reports into data.
#include "api/collecting_sink.hpp"
#include "api/conversion.hpp"
#include "api/engine_impl.hpp"
#include "api/quantity_data.hpp"
#include "api/run_render.hpp"
#include "runtime/driver/exit_codes.hpp"
#include "runtime/format/document_writer.hpp"

#include <new>
#include <sstream>

namespace mls::api {

namespace {
// What an allocation failure or an escaped exception becomes: a diagnostic, never a throw.
template <class R> R failed(std::exception_ptr e) {
  R r;
  try {
    std::rethrow_exception(e);
  } catch (const std::bad_alloc&) {
    SourceManager none;
    r.diagnostics.push_back(to_api(driver::out_of_memory(), none));
    r.exit_code = driver::kRuntimeError;
  } catch (const std::exception& x) {
    r.diagnostics.push_back(diagnostic("", std::string("internal error: ") + x.what(), "", "InternalError"));
    r.exit_code = driver::kInternal;
  }
  return r;
}

// A run that stopped before it compiled (an unreadable file, a broken built-in zoo) writes its reason
// on the error stream and reports no diagnostic: the reason becomes one.
void reason_from(const std::string& err, int code, std::vector<Diagnostic>& ds) {
  if (code == driver::kOk || code == driver::kFailed || !ds.empty() || err.empty()) return;
  std::string message = err.substr(0, err.find('\n'));
  if (message.rfind("mls: ", 0) == 0) message = message.substr(5);
  ds.push_back(diagnostic("", message, "", code == driver::kInternal ? "InternalError" : ""));
}

bool unit_text_ok(const std::string& s) {
  for (char c : s)
    if (c == '\n' || c == '\r' || c == '#' || c == '+' || c == ',' || c == ';' || c == '=' || c == '"') return false;
  return true;
}
}  // namespace

std::string unit_expression(const std::string& unit) {
  std::string u = unit;
  while (!u.empty() && u.front() == ' ') u.erase(u.begin());
  while (!u.empty() && u.back() == ' ') u.pop_back();
  if (u.empty() || u == "1") return "1";
  if (u.rfind("1/", 0) == 0) return "1 / (1 " + u.substr(2) + ")";
  return "1 " + u;
}

driver::Options Engine::Impl::driver_options() const {
  driver::Options o;
  o.jit = options.evaluator == Evaluator::Jit;
  o.max_points = options.max_points;
  o.max_memory = options.max_memory;
  o.threads = options.threads;
  o.output.digits = options.digits;
  o.fidelity = options.fidelity;
  return o;
}

RunResult Engine::Impl::run(std::string_view source, std::string_view name, std::string_view folder, bool check) const {
  try {
    RunResult r;
    driver::Session s;
    driver::Options o = driver_options();
    if (check) o.emit = driver::Emit::Check;
    std::ostringstream text, err;
    CollectingSink sink(text, s.units(), o.output, r, shared_from_this());
    r.exit_code = s.run(std::string(name), std::string(source), o, text, err, &sink, std::string(folder));
    sink.finish(s.sources());
    r.text = text.str();
    r.diagnostics = to_api(s.reported(), s.sources());
    reason_from(err.str(), r.exit_code, r.diagnostics);
    return r;
  } catch (...) {
    return failed<RunResult>(std::current_exception());
  }
}

EvalResult Engine::Impl::evaluate(std::string_view expression) const {
  EvalResult e;
  if (expression.find('\n') != std::string_view::npos) {
    e.diagnostics.push_back(diagnostic("E0201", "evaluate takes one expression on one line",
                                       "run() takes statements; evaluate() the expression whose value you want"));
    e.exit_code = driver::kCompileError;
    return e;
  }
  RunResult r = run(std::string(expression) + "\n", "<expr>", "", false);
  e.diagnostics = std::move(r.diagnostics);
  e.exit_code = r.exit_code;
  if (!r.ok()) return e;
  if (r.prints.size() != 1 || !r.prints[0].bare || r.prints[0].values.size() != 1 || !r.tables.empty()) {
    e.diagnostics.push_back(diagnostic("E0201", "`" + std::string(expression) + "` is not one expression",
                                       "give evaluate() one expression, such as `3.35 TB/s * 2`; run() takes statements"));
    e.exit_code = driver::kCompileError;
    return e;
  }
  e.value = r.prints[0].values[0];
  return e;
}

std::optional<std::pair<double, Dimension>> Engine::Impl::read_number(const std::string& expression) const {
  // Only text that cannot mean more than one expression here: no statement separators or line
  // breaks, and no `__` name (the session's own binding). Anything else takes the fresh-session path.
  if (expression.find_first_of(";\n\r{}") != std::string::npos || expression.find("__") != std::string::npos)
    return std::nullopt;
  // A session's entries accumulate: a fresh one every so many reads bounds a long-lived engine's memory.
  constexpr int kReadsPerSession = 256;
  if (reader_ && ++reader_reads_ > kReadsPerSession) reader_.reset();
  reader();
  static const std::string kName = "__mls_read";
  std::ostringstream out, err;
  auto r = reader_->run_entry(kName + " = " + expression + "\n", driver_options(), out, err);
  if (r.code != driver::kOk || !r.kept || !out.str().empty()) return std::nullopt;
  auto g = reader_->globals().find(kName);
  auto v = reader_->global_value(kName);
  if (g == reader_->globals().end() || !v || !g->second.type.is_num() || !v->is_num()) return std::nullopt;
  return std::make_pair(v->num(), g->second.type.dim);
}

driver::Session& Engine::Impl::reader() const {
  if (!reader_) {
    reader_ = std::make_unique<driver::Session>();
    reader_reads_ = 1;
  }
  return *reader_;
}

const units::UnitTable& Engine::Impl::units() const { return reader().units(); }

std::shared_ptr<const Engine::Impl> Engine::Impl::json_reader() const {
  if (!json_reader_) {
    // Quantity strings and units are read as MLS on the reference evaluator (no JIT start-up) under
    // small budgets: an argument is one value, never a sweep (docs/security.md).
    auto reader = std::make_shared<Engine::Impl>();
    reader->options = options;
    reader->options.evaluator = Evaluator::Reference;
    reader->options.max_points = 1e4;
    reader->options.max_memory = 16.0 * (1 << 20);
    json_reader_ = std::move(reader);
  }
  return json_reader_;
}

Engine::Impl::Unit Engine::Impl::unit(const std::string& text) const {
  if (!unit_text_ok(text))
    throw Error(diagnostic("E0106", "`" + text + "` is not a unit", "write a unit as in a script: `ms`, `GB/s`, `m^3/J`, `1/s`"));
  if (auto n = read_number(unit_expression(text))) {
    const Dimension& dim = n->second;
    std::string name = reader_->units().dimension_name(dim);
    return Unit{n->first, dim, !name.empty() ? name : dim.dimensionless() ? "Dimensionless" : dim.base_form()};
  }
  EvalResult e = evaluate(unit_expression(text));
  if (!e.ok()) {
    if (e.diagnostics.empty()) throw Error(diagnostic("E0106", "`" + text + "` is not a unit", ""));
    // The language's diagnostic, without the span: it points into the expression made here, not the caller's text.
    Diagnostic d = e.diagnostics.front();
    d.span.reset();
    d.labels.clear();
    d.rendered = "error[" + d.code + "]: " + d.message + (d.help.empty() ? "" : "\n  = help: " + d.help);
    throw Error(d);
  }
  if (e.value.kind() != Value::Kind::Quantity)
    throw Error(diagnostic("E0106", "`" + text + "` is not a unit", "write a unit as in a script: `ms`, `GB/s`, `m^3/J`, `1/s`"));
  auto& q = e.value.as_quantity();
  return Unit{q.si(), q.data().dim, q.dimension()};
}

Engine::Engine(Options o) : impl_(std::make_shared<Impl>()) { impl_->options = o; }
Engine::~Engine() = default;
Engine::Engine(Engine&&) noexcept = default;
Engine& Engine::operator=(Engine&&) noexcept = default;

const Options& Engine::options() const { return impl_->options; }

CheckResult Engine::check(std::string_view source, std::string_view name, std::string_view folder) const {
  RunResult r = impl_->run(source, name, folder, true);
  return CheckResult{std::move(r.diagnostics), r.exit_code};
}

RunResult Engine::run(std::string_view source, std::string_view name, std::string_view folder) const {
  return impl_->run(source, name, folder, false);
}

EvalResult Engine::evaluate(std::string_view expression) const { return impl_->evaluate(expression); }

Quantity Engine::quantity(std::string_view text) const {
  EvalResult e = impl_->evaluate(text);
  if (!e.ok()) throw Error(e.diagnostics.front());
  if (e.value.kind() != Value::Kind::Quantity)
    throw Error(diagnostic("E0410", "`" + std::string(text) + "` is not a quantity", "write a number with its unit: `3.35 TB/s`"));
  return e.value.as_quantity();
}

Value Engine::zoo(std::string_view name) const {
  bool word = !name.empty() && !std::isdigit(static_cast<unsigned char>(name.front()));
  for (char c : name) word = word && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
  if (!word) throw Error(diagnostic("E0110", "`" + std::string(name) + "` is not a zoo entry's name", "`mls zoo` lists them"));
  EvalResult e = impl_->evaluate(name);
  if (!e.ok()) throw Error(e.diagnostics.front());
  return e.value;
}

const Table* RunResult::table(int id) const {
  for (auto& t : tables)
    if (t.id == id) return &t;
  return nullptr;
}

driver::Options Engine::Impl::driver_options(const RenderOptions& r) const {
  driver::Options o = driver_options();
  o.output.format = r.format == RenderOptions::Format::Json  ? out::Format::Json
                    : r.format == RenderOptions::Format::Csv ? out::Format::Csv
                                                             : out::Format::Text;
  o.diagnostics_json = r.diagnostics_json;
  o.render.color = r.color;
  o.render.unicode = r.unicode;
  o.plots.dir = r.plots_dir;
  o.plots.formats = r.plot_formats;
  o.plots.text = r.plot_text;
  o.shard_k = r.shard_k;
  o.shard_n = r.shard_n;
  o.whole_zoo = r.whole_zoo;
  o.as_zoo = r.as_zoo;
  o.command_line = r.command_line;
  using E = RenderOptions::Emit;
  o.emit = r.emit == E::Check    ? driver::Emit::Check
           : r.emit == E::Tokens ? driver::Emit::Tokens
           : r.emit == E::Ast    ? driver::Emit::Ast
           : r.emit == E::Typed  ? driver::Emit::Typed
           : r.emit == E::Ir     ? driver::Emit::Ir
           : r.emit == E::Llvm   ? driver::Emit::Llvm
                                 : driver::Emit::Run;
  return o;
}

int Engine::run_to(const std::string& path, const std::optional<std::string>& text, const RenderOptions& r,
                   std::ostream& out, std::ostream& err) const {
  if (r.format == RenderOptions::Format::Markdown || r.format == RenderOptions::Format::Html)
    return impl_->run_document(path, text, r, out, err);
  driver::Session s;
  return s.run(path, text, impl_->driver_options(r), out, err);
}

int Engine::Impl::run_document(const std::string& path, const std::optional<std::string>& text, const RenderOptions& r,
                               std::ostream& out, std::ostream& err) const {
  RunResult result;
  driver::Session s;
  driver::Options o = driver_options(r);  // diagnostics and charts as the options say; the outputs kept as data
  std::ostringstream streamed;             // the text a streaming run would write: the document replaces it
  CollectingSink sink(streamed, s.units(), o.output, result, shared_from_this());
  result.exit_code = s.run(path, text, o, streamed, err, &sink);
  if (result.exit_code == driver::kUsage || result.exit_code == driver::kInternal) return result.exit_code;
  sink.finish(s.sources());
  result.diagnostics = to_api(s.reported(), s.sources());
  auto w = r.format == RenderOptions::Format::Html ? out::html_writer(out) : out::markdown_writer(out);
  write_document(result, *w, options.digits, text ? "mls -e" : path, r.emit == RenderOptions::Emit::Check);
  return result.exit_code;
}

std::string html_escape(const std::string& text) { return out::html_text(text); }

std::string Engine::render(const RunResult& r, RenderOptions::Format format) const {
  std::ostringstream o;
  using F = RenderOptions::Format;
  if (format == F::Markdown || format == F::Html) {
    auto w = format == F::Html ? out::html_writer(o) : out::markdown_writer(o);
    write_document(r, *w, impl_->options.digits, "", false);
  } else {
    replay(r, format == F::Json ? out::Format::Json : format == F::Csv ? out::Format::Csv : out::Format::Text,
           impl_->units(), impl_->options.digits, o);
  }
  return o.str();
}

}  // namespace mls::api
