// MLS embedding API (C++). docs/embedding.md has a complete example; the C API is mls/mls.h.
//
//   mls::api::Engine engine;
//   auto r = engine.run("print 7e9 param * 2 B/param / (3.35 TB/s) -> ms\n");
//   double ms = r.prints[0].values[0].as_quantity().in("ms");   // 4.179...
#pragma once

#include "mls/diagnostic.hpp"
#include "mls/engine.hpp"
#include "mls/error.hpp"
#include "mls/exit_codes.hpp"
#include "mls/outputs.hpp"
#include "mls/quantity.hpp"
#include "mls/session.hpp"
#include "mls/value.hpp"
