// libFuzzer target (c): front end + the IR reference evaluator (ir::evaluate) on the inputs that
// type-check: the built-ins and the script run as one module, as `mls --no-jit` runs it, printing
// through the text and JSON output sinks. Loops are bounded at 1e5 items (EvalLimits) instead of
// the language's 1e9, so a legal long sweep is not reported as a hang. Only ir::RuntimeError may
// escape the evaluator (a run-time diagnostic, rendered like the driver does).
#include "compiler/ir/evaluator.hpp"
#include "fuzz/harness.hpp"
#include "runtime/output/output_sink.hpp"

#include <cstddef>
#include <cstdint>
#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mls;
  fuzz::Frontend fe;
  std::string text = fuzz::input_text(data, size);
  const SourceFile& file = fe.sm.add(fuzz::script_path(), text);
  DiagnosticSink diags;
  auto program = syntax::parse(file, diags);
  if (!program) return 0;
  fe.require_zoo_for(text);
  if (fe.builtin_diags.has_errors()) __builtin_trap();  // the built-ins must always compile
  fe.checker->set_diagnostics(diags);
  fe.checker->check_program(*program, sema::Options{}, fuzz::sandbox_dir());
  fe.checker->set_diagnostics(fe.builtin_diags);
  if (diags.has_errors()) return -1;  // not a program: keep it out of the corpus of this target
  ir::EvalLimits limits;
  limits.max_loop_iterations = 1e5;
  for (auto format : {out::Format::Text, out::Format::Json}) {
    std::ostringstream out;
    out::OutputOptions oo;
    oo.format = format;
    out::OutputSink sink(out, fe.units, oo);
    try {
      ir::evaluate(fe.checker->module(), sink, limits);
    } catch (const ir::RuntimeError& e) {
      (void)render_text(e.diag, fe.sm, RenderOptions{});
    }
    for (auto& d : sink.failures) (void)render_text(d, fe.sm, RenderOptions{});
    (void)render_json(sink.failures, fe.sm);
  }
  return 0;
}
