#include "compiler/diag/diagnostic.hpp"

namespace mls {

Span Diagnostic::primary_span() const {
  for (auto& l : labels)
    if (l.primary) return l.span;
  return labels.empty() ? Span{} : labels.front().span;
}

bool DiagnosticSink::has_errors() const { return error_count() > 0; }

size_t DiagnosticSink::error_count() const {
  size_t n = 0;
  for (auto& d : diags_) n += d.severity == Severity::Error;
  return n;
}

}  // namespace mls
