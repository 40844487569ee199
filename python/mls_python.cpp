// `mls-python SCRIPT.py [ARGS]`: the Python interpreter with the `mls` module built in. It needs no
// position-independent build (the importable module does), so the suite runs the Python API on every
// build (tests/api/check_python.py). SystemExit's code is the exit code.
#include "python/bindings.hpp"

#include <pybind11/embed.h>

#include <iostream>

namespace py = pybind11;

PYBIND11_EMBEDDED_MODULE(mls, m) { mls_python::define_module(m); }

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: mls-python SCRIPT.py [ARGS]\n";
    return 64;
  }
  py::scoped_interpreter interpreter;
  try {
    py::list args;
    for (int k = 1; k < argc; ++k) args.append(argv[k]);
    py::module_::import("sys").attr("argv") = args;
    py::module_::import("runpy").attr("run_path")(argv[1], py::arg("run_name") = "__main__");
  } catch (py::error_already_set& e) {
    if (e.matches(PyExc_SystemExit)) {
      py::object code = e.value().attr("code");
      if (code.is_none()) return 0;
      if (py::isinstance<py::int_>(code)) return code.cast<int>();
      std::cerr << py::str(code).cast<std::string>() << "\n";
      return 1;
    }
    std::cerr << e.what() << "\n";
    return 1;
  }
  return 0;
}
