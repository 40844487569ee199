// A C++ host program embedding MLS (docs/embedding.md): a mistake as data, a roofline run from the
// zoo with its latency converted, and a solver called with typed arguments.
#include <mls/mls.hpp>

#include <iostream>

int main() {
  mls::api::Engine engine;

  // 1. A mistake is data: its stable code, where it is, and the one computed fix.
  mls::api::CheckResult check = engine.check("bw = 3.35 TB/s\npeak = 989 TFLOP/s\ntotal = peak + bw\n", "mistake.mls");
  const mls::api::Diagnostic& d = check.diagnostics.at(0);
  std::cout << d.code << " at " << d.span->file << ":" << d.span->line << ": " << d.message << "\n  help: " << d.help << "\n";

  // 2. A script's output as data: the roofline of Llama-3 70B on an H100, its latency converted.
  mls::api::RunResult run = engine.run("r = roofline(Llama3_70B, H100, batch = 1)\nprint r\n");
  if (!run.ok()) {
    for (auto& x : run.diagnostics) std::cerr << x.rendered << "\n";
    return 1;
  }
  const mls::api::Record& r = run.prints.at(0).values.at(0).as_record();
  mls::api::Quantity latency = r.at("latency").as_quantity();
  std::cout << r.kind_display << ": latency " << latency.str() << " = " << latency.to("us").str() << " ("
            << latency.si() << " s), " << r.at("bottleneck").as_string() << "-bound\n";

  // 3. A solver called by name with typed arguments.
  mls::api::CallResult call = engine.call("roofline", {{"model", engine.zoo("Llama3_70B")},
                                                       {"hardware", engine.zoo("B200")},
                                                       {"batch", mls::api::Value(engine.quantity("8"))}});
  if (!call.ok()) return 1;
  std::cout << "B200, batch 8: " << call.result.as_record().at("latency").as_quantity().to("ms").str() << "\n";

  // 4. A unit of another dimension is refused with the language's diagnostic.
  try {
    latency.to("GB");
    return 1;
  } catch (const mls::api::Error& e) {
    std::cout << "refused: " << e.diagnostic().code << " " << e.diagnostic().message << "\n";
  }
  return check.exit_code == 2 && d.code == "E0301" ? 0 : 1;
}
