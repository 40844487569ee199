// The Python bindings of the engine (pybind11): `import mls; e = mls.Engine(); r = e.run(src)`.
// Quantities print with their unit and convert (`q.to("ms")`); diagnostics are objects with .code and
// .help; results, tables and records show as HTML in Jupyter (_repr_html_). An mls.Error carries the
// diagnostic of a mistake in a single value (an unknown unit, a unit of another dimension).
#include "python/bindings.hpp"

#include "mls/mls.hpp"

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <sstream>

namespace py = pybind11;
using namespace mls::api;

namespace {
py::object to_python(const Value& v);

py::dict record_dict(const Record& r) {
  py::dict d;
  for (auto& [name, fv] : r.fields) d[py::str(name)] = to_python(fv);
  return d;
}

// Values as Python sees them: a quantity stays a Quantity, a record a Record, the rest native.
py::object to_python(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::None: return py::none();
    case Value::Kind::Bool: return py::bool_(v.as_bool());
    case Value::Kind::Quantity: return py::cast(v.as_quantity());
    case Value::Kind::String: return py::str(v.as_string());
    case Value::Kind::List: {
      py::list l;
      for (auto& x : v.as_list()) l.append(to_python(x));
      return l;
    }
    case Value::Kind::Record: return py::cast(v.as_record());
  }
  return py::none();
}

std::string table_html(const Table& t) {
  std::ostringstream o;
  o << "<table><thead><tr>";
  for (auto& c : t.columns) o << "<th>" << html_escape(c) << "</th>";
  o << "</tr></thead><tbody>";
  for (auto& row : t.rows) {
    o << "<tr>";
    for (auto& cell : row) o << "<td>" << html_escape(cell.str()) << "</td>";
    o << "</tr>";
  }
  o << "</tbody></table>";
  return o.str();
}

std::string record_html(const Record& r) {
  std::ostringstream o;
  o << "<table><caption>" << html_escape(r.kind_display) << "</caption><tbody>";
  for (auto& [n, v] : r.fields)
    if (!v.is_none()) o << "<tr><th>" << html_escape(n) << "</th><td>" << html_escape(v.str()) << "</td></tr>";
  o << "</tbody></table>";
  return o.str();
}

std::string result_html(const RunResult& r) {
  std::ostringstream o;
  o << "<div class=\"mls-result\">";
  if (!r.text.empty() || r.tables.empty()) o << "<pre>" << html_escape(r.text) << "</pre>";
  for (auto& t : r.tables) o << table_html(t);
  for (auto& c : r.charts) o << "<p>chart " << html_escape(c.kind) << ": " << c.points.size() << " point(s)</p>";
  for (auto& d : r.diagnostics) o << "<pre class=\"mls-diagnostic\">" << html_escape(d.rendered) << "</pre>";
  o << "</div>";
  return o.str();
}

// A session entry's result with the output it wrote (the C++ Session writes to streams).
struct EntryOutput {
  EntryResult result;
  std::string text;
};

RenderOptions::Format format_named(const std::string& f) {
  using F = RenderOptions::Format;
  if (f == "text") return F::Text;
  if (f == "json") return F::Json;
  if (f == "csv") return F::Csv;
  if (f == "markdown") return F::Markdown;
  if (f == "html") return F::Html;
  throw py::value_error("format '" + f + "': the formats are text, json, csv, markdown and html");
}

// One Python exception type for a mistake in a single value; its .diagnostic holds the details.
PyObject* g_error = nullptr;
}  // namespace

void mls_python::define_module(py::module_& m) {
  m.doc() = "MLS, a units-checked language for machine-learning systems: the embedding API (docs/embedding.md)";

  g_error = PyErr_NewException("mls.Error", PyExc_ValueError, nullptr);
  m.attr("Error") = py::handle(g_error);

  py::enum_<Severity>(m, "Severity").value("Error", Severity::Error).value("Warning", Severity::Warning).value("Note", Severity::Note);
  py::class_<Span>(m, "Span")
      .def_readonly("file", &Span::file)
      .def_readonly("line", &Span::line)
      .def_readonly("column", &Span::column)
      .def_readonly("end_line", &Span::end_line)
      .def_readonly("end_column", &Span::end_column)
      .def("__repr__", [](const Span& s) { return s.file + ":" + std::to_string(s.line) + ":" + std::to_string(s.column); });
  py::class_<Label>(m, "Label").def_readonly("span", &Label::span).def_readonly("text", &Label::text).def_readonly("primary", &Label::primary);
  py::class_<Fix>(m, "Fix").def_readonly("title", &Fix::title).def_readonly("span", &Fix::span).def_readonly("replacement", &Fix::replacement);
  py::class_<Diagnostic>(m, "Diagnostic")
      .def_readonly("code", &Diagnostic::code)
      .def_readonly("severity", &Diagnostic::severity)
      .def_readonly("message", &Diagnostic::message)
      .def_readonly("span", &Diagnostic::span)
      .def_readonly("labels", &Diagnostic::labels)
      .def_readonly("notes", &Diagnostic::notes)
      .def_readonly("help", &Diagnostic::help)
      .def_readonly("fixes", &Diagnostic::fixes)
      .def_readonly("kind", &Diagnostic::kind)
      .def_readonly("rendered", &Diagnostic::rendered)
      .def("__str__", [](const Diagnostic& d) { return d.rendered; })
      .def("__repr__", [](const Diagnostic& d) { return "<mls.Diagnostic " + d.code + ": " + d.message + ">"; })
      .def("_repr_html_", [](const Diagnostic& d) { return "<pre>" + html_escape(d.rendered) + "</pre>"; });

  py::class_<Quantity>(m, "Quantity")
      .def_property_readonly("si", &Quantity::si)
      .def_property_readonly("value", &Quantity::value)
      .def_property_readonly("unit", &Quantity::unit)
      .def_property_readonly("dimension", &Quantity::dimension)
      .def_property_readonly("base_unit", &Quantity::base_unit)
      .def("to", &Quantity::to, py::arg("unit"), "the same quantity shown in `unit` (raises mls.Error for a unit of another dimension)")
      .def("in_", &Quantity::in, py::arg("unit"), "the exact number in `unit`")
      .def("__float__", &Quantity::si)
      .def("__str__", &Quantity::str)
      .def("__repr__", [](const Quantity& q) { return "<mls.Quantity " + q.str() + " [" + q.dimension() + "]>"; })
      .def("_repr_html_", [](const Quantity& q) { return html_escape(q.str()); });

  py::class_<Record>(m, "Record")
      .def_readonly("kind", &Record::kind)
      .def_readonly("kind_display", &Record::kind_display)
      .def("__getitem__", [](const Record& r, const std::string& k) { return to_python(r.at(k)); })
      .def("__getattr__", [](const Record& r, const std::string& k) {
        const Value* v = r.find(k);
        if (!v) throw py::attribute_error("a " + r.kind_display + " has no field '" + k + "'");
        return to_python(*v);
      })
      .def("__contains__", [](const Record& r, const std::string& k) { return r.find(k) != nullptr; })
      .def("keys", [](const Record& r) {
        std::vector<std::string> k;
        for (auto& [n, _] : r.fields) k.push_back(n);
        return k;
      })
      .def("to_dict", &record_dict)
      .def("__repr__", [](const Record& r) { return "<mls.Record " + r.kind_display + ">"; })
      .def("_repr_html_", &record_html);

  py::class_<Table>(m, "Table")
      .def_readonly("id", &Table::id)
      .def_readonly("columns", &Table::columns)
      .def_property_readonly("rows", [](const Table& t) {
        py::list rows;
        for (auto& row : t.rows) {
          py::list r;
          for (auto& c : row) r.append(to_python(c));
          rows.append(r);
        }
        return rows;
      })
      .def("_repr_html_", &table_html);
  py::class_<Chart>(m, "Chart").def_readonly("id", &Chart::id).def_readonly("kind", &Chart::kind).def_readonly("arguments", &Chart::arguments)
      .def_property_readonly("points", [](const Chart& c) {
        py::list pts;
        for (auto& p : c.points) {
          py::dict d;
          for (auto& [k, v] : p) d[py::str(k)] = to_python(v);
          pts.append(d);
        }
        return pts;
      });
  py::class_<Reduction>(m, "Reduction").def_readonly("kind", &Reduction::kind).def_readonly("key", &Reduction::key)
      .def_property_readonly("value", [](const Reduction& r) { return to_python(r.value); }).def_readonly("points", &Reduction::points);

  py::class_<RunResult>(m, "RunResult")
      .def_readonly("exit_code", &RunResult::exit_code)
      .def_property_readonly("ok", &RunResult::ok)
      .def_readonly("text", &RunResult::text)
      .def_readonly("diagnostics", &RunResult::diagnostics)
      .def_readonly("failures", &RunResult::failures)
      .def_readonly("tables", &RunResult::tables)
      .def_readonly("reductions", &RunResult::reductions)
      .def_readonly("charts", &RunResult::charts)
      .def_property_readonly("prints", [](const RunResult& r) {
        py::list out;
        for (auto& p : r.prints) {
          py::list vs;
          for (auto& v : p.values) vs.append(to_python(v));
          out.append(p.values.size() == 1 ? vs[0] : py::object(py::tuple(vs)));
        }
        return out;
      }, "the printed values, one entry per print (a tuple when it printed several)")
      .def("__str__", [](const RunResult& r) { return r.text; })
      .def("__repr__", [](const RunResult& r) { return "<mls.RunResult exit " + std::to_string(r.exit_code) + ">"; })
      .def("_repr_html_", &result_html);
  py::class_<CheckResult>(m, "CheckResult")
      .def_readonly("exit_code", &CheckResult::exit_code)
      .def_property_readonly("ok", &CheckResult::ok)
      .def_readonly("diagnostics", &CheckResult::diagnostics);

  py::enum_<Evaluator>(m, "Evaluator").value("Jit", Evaluator::Jit).value("Reference", Evaluator::Reference);
  py::class_<Engine>(m, "Engine")
      .def(py::init([](bool jit, double max_points, double max_memory, int digits) {
             Options o;
             o.evaluator = jit ? Evaluator::Jit : Evaluator::Reference;
             o.max_points = max_points;
             o.max_memory = max_memory;
             o.digits = digits;
             return Engine(o);
           }),
           py::arg("jit") = true, py::arg("max_points") = 1e9, py::arg("max_memory") = 2.0 * (1ull << 30), py::arg("digits") = 4)
      .def("check", [](const Engine& e, const std::string& s, const std::string& name, const std::string& folder) {
        return e.check(s, name, folder);
      }, py::arg("source"), py::arg("name") = "<input>", py::arg("folder") = "")
      .def("run", [](const Engine& e, const std::string& s, const std::string& name, const std::string& folder) {
        return e.run(s, name, folder);
      }, py::arg("source"), py::arg("name") = "<input>", py::arg("folder") = "",
         "runs a script (`name` is the file name diagnostics show; imports resolve from `folder`)")
      .def("evaluate", [](const Engine& e, const std::string& x) {
        EvalResult r = e.evaluate(x);
        if (!r.ok()) throw Error(r.diagnostics.front());
        return to_python(r.value);
      }, py::arg("expression"), "the value of one expression (raises mls.Error with the diagnostic)")
      .def("quantity", [](const Engine& e, const std::string& x) { return e.quantity(x); }, py::arg("text"))
      .def("zoo", [](const Engine& e, const std::string& n) { return to_python(e.zoo(n)); }, py::arg("name"))
      .def("solve", [](const Engine& e, const std::string& id, const std::string& json_args) {
        CallResult r = e.call_json(id, json_args);
        if (!r.ok()) throw Error(r.diagnostics.front());
        return to_python(r.result);
      }, py::arg("solver"), py::arg("json_args") = "{}", "a solver on JSON arguments, as `mls solve` (raises mls.Error)")
      .def("solvers", [](const Engine& e) {
        py::list out;
        for (auto& s : e.solvers()) {
          py::list params;
          for (auto& p : s.parameters)
            params.append(py::dict(py::arg("name") = p.name, py::arg("type") = p.type, py::arg("unit") = p.unit,
                                   py::arg("required") = p.required, py::arg("default") = p.default_value));
          out.append(py::dict(py::arg("id") = s.id, py::arg("name") = s.name, py::arg("doc") = s.doc,
                              py::arg("parameters") = params, py::arg("results") = s.results));
        }
        return out;
      })
      .def("zoo_entries", [](const Engine& e) {
        py::list out;
        for (auto& z : e.zoo_entries()) out.append(py::dict(py::arg("name") = z.name, py::arg("kind") = z.kind, py::arg("title") = z.title));
        return out;
      })
      .def("render", [](const Engine& e, const RunResult& r, const std::string& f) { return e.render(r, format_named(f)); },
           py::arg("result"), py::arg("format") = "text",
           "a run's outputs written as `mls --format FORMAT` writes them: text, json, csv, markdown or html")
      .def("session", [](const Engine& e) { return Session(e); }, "a session: entries run one after another, names persist");

  py::class_<EntryOutput>(m, "EntryResult")
      .def_property_readonly("exit_code", [](const EntryOutput& r) { return r.result.exit_code; })
      .def_property_readonly("ok", [](const EntryOutput& r) { return r.result.ok(); })
      .def_property_readonly("kept", [](const EntryOutput& r) { return r.result.kept; })
      .def_property_readonly("rebound", [](const EntryOutput& r) { return r.result.rebound; })
      .def_property_readonly("diagnostics", [](const EntryOutput& r) { return r.result.diagnostics; })
      .def_readonly("text", &EntryOutput::text)
      .def("__str__", [](const EntryOutput& r) { return r.text; })
      .def("__repr__", [](const EntryOutput& r) { return "<mls.EntryResult exit " + std::to_string(r.result.exit_code) + ">"; });
  py::class_<Session>(m, "Session", "entries run one after another against everything entered before (the REPL's model)")
      .def(py::init([](const Engine& e) { return Session(e); }), py::arg("engine"))
      .def("run", [](Session& s, const std::string& entry) {
        std::ostringstream out, err;
        EntryOutput o{s.run(entry, out, err), out.str()};
        return o;
      }, py::arg("entry"), "runs one entry; a failing entry leaves the session as it was")
      .def("type_of", [](Session& s, const std::string& x) {
        std::ostringstream err;
        auto t = s.type_of(x, err);
        return t ? py::object(py::str(*t)) : py::object(py::none());
      }, py::arg("expression"), "the static type of an expression (None when it does not check)")
      .def("variables", [](const Session& s) {
        py::list out;
        for (auto& v : s.variables()) out.append(py::dict(py::arg("name") = v.name, py::arg("type") = v.type, py::arg("value") = v.value));
        return out;
      })
      .def("script", &Session::script, "the kept entries as a script")
      .def_property_readonly("entries", &Session::entries)
      .def("reset", &Session::reset);

  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const Error& e) {
      py::object exc = py::reinterpret_borrow<py::object>(g_error)(e.diagnostic().code + ": " + e.diagnostic().message);
      exc.attr("diagnostic") = py::cast(e.diagnostic());
      exc.attr("code") = e.diagnostic().code;
      exc.attr("help") = e.diagnostic().help;
      PyErr_SetObject(g_error, exc.ptr());
    }
  });
}
