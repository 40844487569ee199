// The Python module's contents, shared by the importable module (mls_module.cpp) and the Python
// launcher with the module built in (mls_python.cpp).
#pragma once

#include <pybind11/pybind11.h>

namespace mls_python {
void define_module(pybind11::module_& m);
}
