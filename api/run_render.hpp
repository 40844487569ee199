// A run's outputs as data (RunResult) written in each output format: every format renders the same
// objects (docs/output.md).
#pragma once

#include "compiler/units/unit_table.hpp"
#include "mls/engine.hpp"
#include "runtime/format/document_writer.hpp"
#include "runtime/output/output_sink.hpp"

#include <iosfwd>
#include <string>

namespace mls::api {

// Text, JSON lines or CSV: the bytes the streaming run writes on stdout.
void replay(const RunResult& r, out::Format format, const units::UnitTable& units, int digits, std::ostream& out);

// A document (markdown or HTML): the fidelity marker, each print as a line or (a record) a field
// table, each table with one unit per number column, each reduction's result, the charts' points and
// the diagnostics (failed checks, warnings, errors). `check`: the document of `mls check` (no run).
void write_document(const RunResult& r, out::DocumentWriter& w, int digits, const std::string& title, bool check);

}  // namespace mls::api
