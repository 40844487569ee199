// The importable Python module `mls` (build/python/mls*.so; docs/embedding.md).
#include "python/bindings.hpp"

PYBIND11_MODULE(mls, m) { mls_python::define_module(m); }
