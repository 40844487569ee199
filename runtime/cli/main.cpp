// The `mls` command line.
//   mls FILE | mls run FILE | mls check FILE | mls -e EXPR | mls solve ID --args JSON | mls schema | ...
// Exit codes: runtime/driver/exit_codes.hpp (the table is also in `mls --help`).
#include "mls/mls.hpp"
#include "mls_version.h"  // generated: MLS_GIT_COMMIT, MLS_LLVM_VERSION (cmake/version.cmake)
#include "runtime/cli/completions.hpp"
#include "runtime/cli/eval_command.hpp"
#include "runtime/lsp/server.hpp"
#include "runtime/mcp/mcp_server.hpp"
#include "runtime/repl/repl.hpp"
#include "runtime/solve/solve_command.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <new>
#include <sstream>
#include <thread>
#include <unistd.h>

namespace {
// `mls --version`: the release, the commit it was built from and the LLVM its JIT links (set by CMake).
constexpr const char* kVersion = "mls 0.1.0 (commit " MLS_GIT_COMMIT ", LLVM " MLS_LLVM_VERSION ")";

constexpr const char* kExitCodes =
    "Exit codes: 0 ok; 1 an assert or expect failed; 2 compile error (nothing ran); 3 run-time error;\n"
    "64 usage error (a wrong flag, argument or --format for the command); 70 internal error.\n"
    "docs/output.md describes the text, CSV, JSON, markdown and HTML outputs; `mls schema` prints the JSON Schema.";

bool utf8_terminal() {
  for (const char* var : {"LC_ALL", "LC_CTYPE", "LANG"}) {
    const char* v = std::getenv(var);
    if (v && *v) {
      std::string s(v);
      return s.find("UTF-8") != std::string::npos || s.find("utf8") != std::string::npos ||
             s.find("UTF8") != std::string::npos || s.find("utf-8") != std::string::npos;
    }
  }
  return true;  // no locale set: assume a modern UTF-8 terminal
}

// Whether a line of `-e` text is a REPL command (`:info serve`): its first non-blank character is `:`.
bool has_repl_command(const std::string& text) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);)
    if (auto b = line.find_first_not_of(" \t"); b != std::string::npos && line[b] == ':') return true;
  return false;
}
}  // namespace

static int run_command_line(int argc, char** argv) {
  using namespace mls;
  CLI::App app{"MLS — a units-checked language for reasoning about machine-learning systems"};
  app.footer(kExitCodes);
  app.set_version_flag("--version", kVersion);
  app.require_subcommand(0, 1);
  app.fallthrough();

  std::string expr, emit = "run", format = "text", diagnostics = "text", color = "auto";
  int digits = 4;
  bool no_jit = false;
  app.add_option("-e,--expr", expr, "evaluate an expression or statements and print the result; a line starting with "
                                    "`:` is a REPL command (-e ':info H100')");
  app.add_option("--emit", emit, "show a stage instead of running: tokens|ast|typed|ir|llvm")
      ->check(CLI::IsMember({"run", "tokens", "ast", "typed", "ir", "llvm"}));
  app.add_option("--format", format, "output format: text|json|csv|markdown|html for runs; each command names the ones it writes")
      ->check(CLI::IsMember({"text", "json", "csv", "markdown", "html"}));
  app.add_option("--diagnostics", diagnostics, "diagnostics format: text|json")->check(CLI::IsMember({"text", "json"}));
  app.add_option("--color", color, "colour diagnostics: auto|always|never")->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_option("--digits", digits, "significant digits shown (default 4)")->check(CLI::Range(1, 17));
  app.add_flag("--no-jit", no_jit, "run on the IR reference evaluator");
  std::string fidelity = "textbook";
  app.add_option("--fidelity", fidelity, "textbook|calibrated: the level of solver calls that do not choose one (docs/fidelity.md)")
      ->check(CLI::IsMember({"textbook", "calibrated"}));
  std::string plots_dir, plot_formats = "svg,png";
  bool plot_text = false;
  app.add_option("--plots", plots_dir, "write the script's charts into DIR (the script never chooses where files go)");
  app.add_option("--plot-format", plot_formats, "chart file formats: any of svg,png,pdf (default svg,png)");
  app.add_flag("--plot-text", plot_text, "draw charts as text on stdout (the default on a terminal without --plots)");
  std::string max_points = "1e9", max_memory = "2GiB", shard;
  app.add_option("--max-points", max_points, "the largest loop nest a script may run, in points (default 1e9, at most 1e15)");
  app.add_option("--max-memory", max_memory, "the lists and ranges a script may hold (default 2GiB, at most 1TiB)");
  app.add_option("--shard", shard, "run the K-th of N slices of every top-level loop (K/N, K from 1): spread a sweep over machines");
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  app.add_option("--threads", threads, "run a top-level loop of 4096+ points on N threads (default: all cores); the output is the same")
      ->check(CLI::Range(1, 256));
  bool as_zoo = false, whole_zoo = false;
  app.add_flag("--whole-zoo", whole_zoo, "compile every zoo file, not only those the script names (the build's self-check)");
  app.add_flag("--as-zoo", as_zoo, "hold the script to the zoo's rules: every entry needs @source provenance");

  std::string file;
  app.add_option("file", file, "script to run");

  auto* run = app.add_subcommand("run", "run a script");
  std::string run_file;
  run->add_option("file", run_file, "script")->required();
  auto* check = app.add_subcommand("check", "check a script without running it (exit 2 on errors)");
  std::string check_file;
  check->add_option("file", check_file, "script")->required();
  auto* solve = app.add_subcommand("solve", "run one solver on JSON arguments, print its result as JSON");
  std::string solve_id, solve_args = "{}";
  solve->add_option("id", solve_id, "solver id (spec id or MLS name)")->required();
  solve->add_option("--args", solve_args, "arguments as a JSON object");

  auto* eval_cmd = app.add_subcommand("eval", "a model on a device (MODEL HARDWARE [batch=N precision=P efficiency=E prompt=S tp=T]: "
                                              "memory, roofline, serving) or a scenario's scorecard (SCENARIO [k=v ...]); alone: the scenarios");
  std::vector<std::string> eval_args;
  eval_cmd->add_option("args", eval_args, "SCENARIO or MODEL HARDWARE, then settings: batch=32 precision=int8");
  auto* opt_cmd = app.add_subcommand("optimize", "run an optimizer: parallelism|batching|placement ARGS (= `print optimize_KIND(ARGS)`)");
  std::string opt_kind;
  std::vector<std::string> opt_args;
  opt_cmd->add_option("kind", opt_kind, "parallelism, batching or placement")->required()
      ->check(CLI::IsMember({"parallelism", "batching", "placement"}));
  opt_cmd->add_option("args", opt_args, "arguments as MLS: GPT3_175B_R4 H100_2K_NDR batch=1536");
  auto* explain_cmd = app.add_subcommand("explain", "the lesson behind a diagnostic code (no code: list them all; --format text|json)");
  std::string explain_code;
  explain_cmd->add_option("code", explain_code, "e.g. E0301");
  auto* solvers_cmd = app.add_subcommand("solvers", "list every solver with its parameters and results (--format text|json|markdown); `solvers NAME`: one solver");
  std::string solver_name;
  solvers_cmd->add_option("name", solver_name, "one solver, by its MLS name or spec id (serve, serving)");
  auto* zoo_cmd = app.add_subcommand("zoo", "list the zoo; `zoo show NAME`, `zoo search TEXT` (--format text|json|markdown|html)");
  std::vector<std::string> zoo_args;
  zoo_cmd->add_option("args", zoo_args, "show NAME | search TEXT | import hf CONFIG.json");
  std::string import_name;
  zoo_cmd->add_option("--name", import_name, "zoo import: the imported entry's name");
  auto* audit_cmd = app.add_subcommand("audit", "check provenance and physical plausibility of the zoo (or of FILE's entries; --format text|json)");
  std::string audit_file;
  audit_cmd->add_option("file", audit_file, "a file of entries to audit instead of the built-in zoo");
  auto* repl_cmd = app.add_subcommand("repl", "the interactive REPL (also `mls` alone on a terminal; reads stdin when piped)");
  auto* lsp_cmd = app.add_subcommand("lsp", "a Language Server Protocol server on stdin/stdout for editors (docs/editors.md)");
  int lsp_debounce = 200;
  lsp_cmd->add_option("--debounce", lsp_debounce, "milliseconds without a change before a document is checked again")
      ->check(CLI::Range(0, 10000));
  auto* mcp_cmd = app.add_subcommand("mcp", "a Model Context Protocol server on stdin/stdout for AI agents (docs/agents.md)");
  auto* schema_cmd = app.add_subcommand("schema", "print the JSON Schema of every JSON output (docs/mls-output.schema.json)");
  auto* units_cmd = app.add_subcommand("units", "every dimension, prefix, unit and alias (--format text|json|markdown; docs/units.md)");
  auto* completions_cmd = app.add_subcommand("completions", "print the shell completion script: bash|zsh|fish");
  std::string shell;
  completions_cmd->add_option("shell", shell, "bash, zsh or fish")->required();
  for (auto* sc : {repl_cmd, run, check, solve, zoo_cmd, audit_cmd, eval_cmd, opt_cmd, solvers_cmd, explain_cmd, schema_cmd,
                   units_cmd, completions_cmd})
    sc->fallthrough();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : api::kUsage;
  }

  // Every command goes through the embedding API (include/mls/): the engine's options, and how a run
  // writes (RenderOptions), as any other host gives them.
  api::Options eo;
  eo.evaluator = no_jit ? api::Evaluator::Reference : api::Evaluator::Jit;
  eo.digits = digits;
  eo.fidelity = fidelity;
  eo.threads = threads;
  std::string why;
  auto points = api::parse_max_points(max_points, why);
  auto memory = api::parse_memory_size(max_memory, why);
  if (!points || !memory) {
    std::cerr << "mls: " << why << "\n";
    return api::kUsage;
  }
  eo.max_points = *points;
  eo.max_memory = *memory;
  api::RenderOptions ro;
  ro.format = format == "json"       ? api::RenderOptions::Format::Json
              : format == "csv"      ? api::RenderOptions::Format::Csv
              : format == "markdown" ? api::RenderOptions::Format::Markdown
              : format == "html"     ? api::RenderOptions::Format::Html
                                     : api::RenderOptions::Format::Text;
  ro.diagnostics_json = diagnostics == "json";
  ro.color = color == "always" || (color == "auto" && isatty(2) && !std::getenv("NO_COLOR"));
  ro.unicode = utf8_terminal();
  ro.whole_zoo = whole_zoo;
  ro.as_zoo = as_zoo;
  if (!shard.empty()) {
    int k = 0, n = 0;
    char slash = 0;
    std::istringstream in(shard);
    if (!(in >> k >> slash >> n) || slash != '/' || n < 1 || k < 1 || k > n || !in.eof()) {
      std::cerr << "mls: --shard takes K/N with 1 <= K <= N, e.g. --shard 2/8\n";
      return api::kUsage;
    }
    ro.shard_k = k - 1;
    ro.shard_n = n;
  }
  // --format is checked per command: a format the command does not write is a usage error, never
  // silently replaced by text.
  auto writes = [&](const std::string& command, const std::vector<std::string>& formats) {
    if (app.count("--format") == 0 || std::find(formats.begin(), formats.end(), format) != formats.end()) return true;
    std::string list;
    for (auto& f : formats) list += (list.empty() ? "" : "|") + f;
    std::cerr << "mls " << command << ": --format " << format << " is not supported: " << command << " writes " << list << "\n";
    return false;
  };
  // Runs stream text, JSON lines or CSV, or write one document (markdown, html) from their outputs as data.
  const std::vector<std::string> run_formats{"text", "json", "csv", "markdown", "html"},
      repl_formats{"text", "json", "csv"}, listing_formats{"text", "json", "markdown"},
      zoo_formats{"text", "json", "markdown", "html"};
  if (emit != "run" && !writes("--emit", {"text"})) return api::kUsage;
  // Charts drawn as text share stdout with the run's output: only beside text output.
  if (plot_text && format != "text") {
    std::cerr << "mls: --plot-text draws charts on stdout, which --format " << format << " keeps for its own output: give --plots DIR\n";
    return api::kUsage;
  }
  ro.plots_dir = plots_dir;
  ro.plot_text = plot_text || (plots_dir.empty() && isatty(1) && format == "text");
  ro.plot_formats.clear();
  for (std::size_t b = 0; b <= plot_formats.size();) {
    std::size_t e = plot_formats.find(',', b);
    if (e == std::string::npos) e = plot_formats.size();
    std::string f = plot_formats.substr(b, e - b);
    if (f != "svg" && f != "png" && f != "pdf") {
      std::cerr << "mls: --plot-format takes svg, png and pdf, not '" << f << "'\n";
      return api::kUsage;
    }
    ro.plot_formats.push_back(f);
    b = e + 1;
  }
  using E = api::RenderOptions::Emit;
  ro.emit = emit == "tokens" ? E::Tokens : emit == "ast" ? E::Ast : emit == "typed" ? E::Typed : emit == "ir" ? E::Ir
            : emit == "llvm" ? E::Llvm : E::Run;

  if (*mcp_cmd) {
    mcp::Server server(std::cin, std::cout);
    return server.run();
  }
  if (*lsp_cmd) {
    lsp::Server server(0, std::cout, lsp::Server::Options{lsp_debounce});
    return server.run();
  }
  if (*schema_cmd) {
    if (!writes("schema", {"json"})) return api::kUsage;
    std::cout << api::output_schema();
    return api::kOk;
  }
  if (*explain_cmd) {
    if (!writes("explain", {"text", "json"})) return api::kUsage;
    const bool json = format == "json";
    if (explain_code.empty()) {
      nlohmann::json a = nlohmann::json::array();
      for (auto& c : api::lessons()) {
        if (json) a.push_back({{"code", c.code}, {"title", c.title}});
        else std::cout << c.code << "  " << c.title << "\n";
      }
      if (json) std::cout << a.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
      return api::kOk;
    }
    std::optional<api::Lesson> c = api::lesson(explain_code);
    if (!c) {
      std::cerr << "mls explain: no code '" << explain_code << "' (`mls explain` lists them)\n";
      return api::kUsage;
    }
    if (json) std::cout << nlohmann::json{{"code", c->code}, {"title", c->title}, {"lesson", c->text}}.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    else std::cout << c->code << ": " << c->title << "\n\n" << c->text << "\n";
    return api::kOk;
  }
  const api::Engine engine(eo);
  if (*units_cmd) {
    if (!writes("units", listing_formats)) return api::kUsage;
    return engine.write_units(format == "markdown" ? api::ListingFormat::Markdown
                              : format == "json"   ? api::ListingFormat::Json
                                                   : api::ListingFormat::Text, std::cout);
  }
  if (*completions_cmd) {
    if (!writes("completions", {"text"})) return api::kUsage;
    if (cli::write_completions(app, api::Engine(), shell, std::cout)) return api::kOk;
    std::cerr << "mls completions: no completions for `" << shell << "`; the shells are bash, zsh and fish\n";
    return api::kUsage;
  }
  // `mls` alone (or `mls repl`): the REPL, interactive on a terminal, reading entries from a pipe.
  bool other = *run || *check || *solve || *zoo_cmd || *audit_cmd || *eval_cmd || *opt_cmd || *solvers_cmd;
  if (*repl_cmd || (!other && expr.empty() && file.empty())) {
    if (!writes("repl", repl_formats)) return api::kUsage;
    return repl::run(engine, ro, isatty(0) && isatty(1));
  }
  // `mls -e ':info serve'`: a line that starts with `:` is never MLS but a REPL command, so such text
  // runs as REPL entries — read from the text exactly as the REPL reads piped input from stdin.
  if (!expr.empty() && has_repl_command(expr)) {
    if (!writes("repl", repl_formats)) return api::kUsage;
    std::istringstream entries(expr + "\n");
    std::streambuf* stdin_buffer = std::cin.rdbuf(entries.rdbuf());
    int rc = repl::run(engine, ro, false);
    std::cin.rdbuf(stdin_buffer);
    return rc;
  }
  const api::ListingFormat lf = format == "json"       ? api::ListingFormat::Json
                                : format == "markdown" ? api::ListingFormat::Markdown
                                : format == "html"     ? api::ListingFormat::Html
                                                       : api::ListingFormat::Text;
  if (*zoo_cmd) {
    const bool show = !zoo_args.empty() && zoo_args[0] == "show" && zoo_args.size() == 2;
    const bool search = !zoo_args.empty() && zoo_args[0] == "search" && zoo_args.size() == 2;
    const bool import = zoo_args.size() == 3 && zoo_args[0] == "import" && zoo_args[1] == "hf";
    if (import) return writes("zoo import", {"text"}) ? engine.import_hf(zoo_args[2], import_name, std::cout, std::cerr) : api::kUsage;
    if (!zoo_args.empty() && !show && !search) {
      std::cerr << "mls zoo: '" << zoo_args[0] << "' is not a zoo command\n"
                << "usage: mls zoo [show NAME | search TEXT | import hf CONFIG.json [--name NAME]] [--format text|json|markdown]\n";
      return api::kUsage;
    }
    if (!writes(show ? "zoo show" : "zoo", show ? std::vector<std::string>{"text", "json"} : zoo_formats)) return api::kUsage;
    if (show) return engine.write_zoo_entry(zoo_args[1], lf, std::cout, std::cerr);
    if (search) return engine.write_zoo_search(zoo_args[1], lf, std::cout);
    return engine.write_zoo(lf, std::cout);
  }
  if (*audit_cmd) {
    if (!writes("audit", {"text", "json"})) return api::kUsage;
    return engine.write_audit(audit_file, lf, std::cout, std::cerr);
  }
  if (*solvers_cmd) {
    if (!writes("solvers", listing_formats)) return api::kUsage;
    if (!solver_name.empty()) {
      if (format != "text") {
        std::cerr << "mls solvers " << solver_name << ": one solver is shown as text; `mls solvers --format "
                  << format << "` lists them all\n";
        return api::kUsage;
      }
      if (engine.write_solver(solver_name, std::cout)) return api::kOk;
      std::cerr << "mls solvers: no solver named `" << solver_name << "`" << api::Engine::nearest_solver(solver_name)
                << "; `mls solvers` lists them all\n";
      return api::kUsage;
    }
    return engine.write_solvers(lf, std::cout);
  }
  if (*solve && !writes("solve", {"json"})) return api::kUsage;
  if (*check && !writes("check", run_formats)) return api::kUsage;  // a run's flags, nothing printed
  if (!*solve && !*check && !writes(*eval_cmd ? "eval" : *opt_cmd ? "optimize" : "run", run_formats)) return api::kUsage;
  // `mls optimize` (and `mls eval SCENARIO`) are shortcuts for one-line scripts, so they print exactly
  // what the equivalent script prints (and report errors against that line).
  auto call_args = [](const std::vector<std::string>& args) {
    std::string s;
    for (auto& a : args) {
      auto eq = a.find('=');
      s += ", " + (eq == std::string::npos ? a : a.substr(0, eq) + " = " + a.substr(eq + 1));
    }
    return s;
  };
  if (*eval_cmd) return cli::eval_command(engine, eval_args, ro, std::cout, std::cerr);
  if (*opt_cmd) {
    std::string args = call_args(opt_args);
    if (args.size() >= 2) args = args.substr(2);
    return engine.run_to("<optimize>", "print optimize_" + opt_kind + "(" + args + ")\n", ro, std::cout, std::cerr);
  }
  if (*solve) return run_solve_command(engine, solve_id, solve_args, ro.diagnostics_json, std::cout, std::cerr);
  if (*check) {
    ro.emit = E::Check;
    return engine.run_to(check_file, std::nullopt, ro, std::cout, std::cerr);
  }
  if (*run) file = run_file;
  if (!expr.empty()) {
    ro.command_line = true;
    return engine.run_to("<expr>", expr + "\n", ro, std::cout, std::cerr);
  }
  if (file.empty()) {
    std::cerr << app.help() << "\n";
    return api::kUsage;
  }
  return engine.run_to(file, std::nullopt, ro, std::cout, std::cerr);
}

// Start-up's other end (issue 24, goal 4): returning from main runs every static destructor — LLVM's
// ~1,000 command-line options, the unit tables, ANTLR's caches — ~0.8 M instructions (5 % of `mls -e
// '1 m'`) that free memory the kernel reclaims anyway. By the time run_command_line returns, every file
// and child process of the run is closed by its own scope, so flushing the standard streams and leaving
// with _exit loses nothing. Sanitizer builds exit normally: LeakSanitizer's check runs at exit; so does
// a run with LD_PRELOAD, whose library (bench/alloc_count.c, a profiler) may report from its destructor.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define MLS_NORMAL_EXIT 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define MLS_NORMAL_EXIT 1
#endif
#endif
static int finish(int rc) {
#ifndef MLS_NORMAL_EXIT
  std::cout.flush();
  std::cerr.flush();
  std::clog.flush();
  if (std::getenv("LD_PRELOAD") == nullptr && std::fflush(nullptr) == 0 && std::cout.good()) _exit(rc);
#endif
  return rc;  // a stream that failed to flush: the normal exit reports it as it always did
}

// Every error path ends in a message and an exit code, never an abort. An allocation that fails
// anywhere (a memory limit such as `ulimit -v`) is the run's E0507; any other exception that escapes
// is a bug in mls (exit 70).
int main(int argc, char** argv) {
  try {
    return finish(run_command_line(argc, argv));
  } catch (const std::bad_alloc&) {
    std::cout.flush();
    bool json = false;
    for (int k = 1; k < argc; ++k)
      json = json || std::string(argv[k]) == "--diagnostics=json" ||
             (std::string(argv[k]) == "--diagnostics" && k + 1 < argc && std::string(argv[k + 1]) == "json");
    const mls::api::Diagnostic d = mls::api::out_of_memory();
    if (json) std::cerr << mls::api::to_json({d}) << "\n";
    else std::cerr << "error[E0507]: " << d.message << "\n";
    return mls::api::kRuntimeError;
  } catch (const std::exception& e) {
    std::cerr << "mls: internal error: " << e.what() << "\n";
  }
  return mls::api::kInternal;
}
