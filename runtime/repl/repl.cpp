#include "runtime/repl/repl.hpp"

#include "mls/diagnostic.hpp"
#include "mls/session.hpp"

#include "runtime/repl/completion.hpp"
#include "runtime/repl/entry_reader.hpp"
#include "runtime/repl/line_editor.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

namespace mls::repl {

namespace {

const char* kHelpExamples = R"(Type MLS statements; a bare expression prints its value, unit and dimension, and `ans` holds it.
Try:
  bw = 3.35 TB/s
  peak = 989 TFLOP/s
  peak / bw -> FLOP/B                      # the ridge point
  r = roofline(Llama3_70B, H100, batch = 1)
  r.bottleneck
  bw = 4.8 TB/s                            # rebinding is allowed here (and announced)
  for b in [1, 8, 64] { row batch = b, t = roofline(Llama3_70B, H100, batch = b).latency }
Tab completes names, units, zoo entries, fields after `.` and a solver's named arguments.
Ctrl-R searches the history, Ctrl-C cancels the entry being typed, Ctrl-D leaves.
)";

// Exit codes the REPL gives itself (the entries' come from the session): docs/output.md.
constexpr int kCompileError = 2, kUsage = 64;
// An entry is bounded as a script is (the parser refuses more: E0507).
const std::size_t kMaxSourceBytes = api::max_source_bytes();

class Repl {
 public:
  Repl(const api::Engine& engine, const api::RenderOptions& render, bool interactive)
      : engine_(engine), render_(render), interactive_(interactive) {
    session_ = std::make_unique<api::Session>(engine_, render_, interactive_ ? "= " : "");
    if (const char* t = std::getenv("MLS_REPL_TIMES")) times_ = std::make_unique<std::ofstream>(t);
  }

  int loop() {
    std::unique_ptr<LineEditor> ed;
    if (interactive_) {
      ed = std::make_unique<LineEditor>(session_.get());
      std::cout << "MLS — units-checked reasoning about ML systems. :help for help, Ctrl-D to leave.\n";
    }
    std::string entry, line;
    std::deque<std::string> recalled;
    EntryScanner scan;
    bool command_entry = false;  // a `:` command is one line
    while (true) {
      bool more = !entry.empty();
      if (!recalled.empty()) {  // the next line of a multi-line entry recalled from the history
        line = recalled.front();
        recalled.pop_front();
      } else if (interactive_) {
        auto r = ed->read(prompt(more), line);
        if (r == LineEditor::Read::Interrupted) {  // Ctrl-C: drop what was typed
          std::cout << "\n";
          entry.clear();
          continue;
        }
        if (r == LineEditor::Read::End) {
          if (!entry.empty()) {  // Ctrl-D inside a block: cancel it, stay
            std::cout << "\n";
            entry.clear();
            continue;
          }
          std::cout << "\n";
          break;
        }
        if (line.find('\n') != std::string::npos) {  // a recalled multi-line entry: its lines one by one
          std::istringstream lines(line);
          for (std::string l; std::getline(lines, l);) recalled.push_back(l);
          line = recalled.front();
          recalled.pop_front();
        }
      } else if (!read_line(std::cin, line, kMaxSourceBytes)) {
        if (!entry.empty()) handle(entry);
        break;
      }
      if (entry.empty()) {
        scan.reset();
        std::size_t b = line.find_first_not_of(" \t");
        command_entry = b != std::string::npos && line[b] == ':';
      } else {
        entry += '\n';
      }
      entry += line;
      scan.add_line(line);
      // An open entry grows until it is complete, but never past the source limit: the parser then
      // refuses it (E0507), and piped input cannot make the REPL hold more.
      if (!command_entry && scan.needs_more() && entry.size() <= kMaxSourceBytes) continue;
      if (entry.size() > kMaxSourceBytes) {  // refused (E0507); what follows is not a script either
        handle(entry);
        break;
      }
      if (interactive_) ed->remember(entry);
      bool quit = handle(entry);
      entry.clear();
      if (quit) break;
    }
    return worst_;
  }

 private:
  std::string prompt(bool more) const {
    std::string p = more ? "...> " : "mls> ";
    return render_.color ? "\001\033[1;36m\002" + p + "\001\033[0m\002" : p;
  }

  // Notes go to stderr: stdout carries exactly what a script would print (`:save` relies on it).
  void note(const std::string& text) {
    std::cout.flush();
    if (render_.color) std::cerr << "\033[2m" << text << "\033[0m\n";
    else std::cerr << text << "\n";
  }

  // Returns true to quit.
  bool handle(const std::string& entry) {
    std::size_t b = entry.find_first_not_of(" \t\n");
    if (b == std::string::npos) return false;
    if (entry[b] == ':') return command(entry.substr(b));
    auto t0 = std::chrono::steady_clock::now();
    auto r = session_->run(entry, std::cout, std::cerr);
    if (times_)  // MLS_REPL_TIMES=FILE: each entry's time in µs, for bench/repl_soak.py
      *times_ << std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count() << "\n";
    worst_ = std::max(worst_, r.exit_code);
    for (auto& n : r.rebound) note("(" + n + " rebound)");
    std::cout.flush();
    return false;
  }

  bool command(const std::string& text) {
    std::istringstream in(text);
    std::string cmd, arg;
    in >> cmd;
    std::getline(in, arg);
    arg.erase(0, arg.find_first_not_of(" \t"));
    while (!arg.empty() && std::isspace(static_cast<unsigned char>(arg.back()))) arg.pop_back();
    auto usage = [&](const std::string& u) {
      std::cerr << "usage: " << u << "\n";
      worst_ = std::max(worst_, kUsage);
    };
    if (cmd == ":quit" || cmd == ":q" || cmd == ":exit") return true;
    if (cmd == ":help" || cmd == ":h" || cmd == ":?") {
      std::cout << kHelpExamples << "\nCommands:\n";
      for (auto& [name, doc] : commands()) std::cout << "  " << name << std::string(10 - std::min<std::size_t>(9, name.size()), ' ') << doc << "\n";
    } else if (cmd == ":type" || cmd == ":t") {
      if (arg.empty()) return usage(":type EXPR"), false;
      if (auto t = session_->type_of(arg, std::cerr)) std::cout << arg << " : " << *t << "\n";
      else worst_ = std::max(worst_, kCompileError);
    } else if (cmd == ":info" || cmd == ":i") {
      if (arg.empty()) return usage(":info NAME"), false;
      info(arg);
    } else if (cmd == ":list" || cmd == ":ls") {
      list(arg.empty() ? "vars" : arg);
    } else if (cmd == ":explain") {
      std::optional<api::Lesson> c = api::lesson(arg);
      if (!c) return usage(":explain CODE (e.g. :explain E0301; `mls explain` lists them)"), false;
      std::cout << c->code << ": " << c->title << "\n\n" << c->text << "\n";
    } else if (cmd == ":load") {
      if (arg.empty()) return usage(":load FILE"), false;
      // Read as a script is: at most the source limit (and a byte more, which the parser refuses as
      // E0507), so `:load /dev/zero` ends at once.
      std::string text;
      if (!api::read_source(arg, text)) {
        std::cerr << "mls: cannot read '" << arg << "'\n";
        worst_ = std::max(worst_, kUsage);
        return false;
      }
      handle(text);
    } else if (cmd == ":save") {
      if (arg.empty()) return usage(":save FILE"), false;
      // Success only once every byte is out: flushed and closed without error (`:save /dev/full`).
      std::ofstream f(arg);
      f << "# Saved from an MLS REPL session (" << session_->entries() << " entries); runs as a script.\n";
      f << session_->script();
      f.flush();
      f.close();
      if (f.fail()) {
        std::cerr << "mls: cannot write '" << arg << "'\n";
        worst_ = std::max(worst_, kUsage);
      } else {
        note("saved " + std::to_string(session_->entries()) + " entries to " + arg);
      }
    } else if (cmd == ":reset") {
      session_->reset();
      note("session reset");
    } else {
      std::cerr << "unknown command " << cmd << " (:help lists them)\n";
      worst_ = std::max(worst_, kUsage);
    }
    return false;
  }

  void info(const std::string& name) {
    if (!session_->info(name, std::cout)) {
      std::cerr << "no unit, zoo entry, solver or variable named `" << name << "`\n";
      worst_ = std::max(worst_, kUsage);
    }
  }

  // `:list vars` shows each variable's value beside its type (issue 29); the rest are the session's listings.
  void list(const std::string& what) {
    if (what == "vars") {
      for (auto& v : session_->variables())
        std::cout << v.name << " : " << v.type << (v.value.empty() ? "" : " = " + v.value) << "\n";
    } else if (!session_->list(what, std::cout)) {
      std::cerr << "usage: :list vars|units|dims|zoo|solvers\n";
      worst_ = std::max(worst_, kUsage);
    }
  }

  const api::Engine& engine_;
  api::RenderOptions render_;
  bool interactive_;
  std::unique_ptr<api::Session> session_;
  int worst_ = 0;
  std::unique_ptr<std::ofstream> times_;
};

}  // namespace

int run(const api::Engine& engine, const api::RenderOptions& render, bool interactive) {
  return Repl(engine, render, interactive).loop();
}

}  // namespace mls::repl
