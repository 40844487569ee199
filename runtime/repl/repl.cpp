#include "runtime/repl/repl.hpp"

#include "mls/diagnostic.hpp"

#include "compiler/source/source.hpp"
#include "compiler/sema/stype.hpp"
#include "runtime/driver/zoo_index.hpp"
#include "runtime/repl/completion.hpp"
#include "runtime/repl/entry_reader.hpp"
#include "runtime/repl/line_editor.hpp"
#include "runtime/repl/session_script.hpp"
#include "runtime/solve/solver_docs.hpp"
#include "runtime/zoo/zoo_commands.hpp"
#include "stdlib/registry/solver_registry.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
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

class Repl {
 public:
  Repl(const driver::Options& o, bool interactive) : o_(o), interactive_(interactive) {
    session_ = std::make_unique<driver::Session>();
    if (interactive_) o_.output.result_prefix = "= ";
    if (const char* t = std::getenv("MLS_REPL_TIMES")) times_ = std::make_unique<std::ofstream>(t);
  }

  int loop() {
    std::unique_ptr<LineEditor> ed;
    if (interactive_) {
      ed = std::make_unique<LineEditor>(session_.get());
      editor_ = ed.get();
      std::cout << "MLS — units-checked reasoning about ML systems. :help for help, Ctrl-D to leave.\n";
    }
    std::string entry, line;
    EntryScanner scan;
    bool command_entry = false;  // a `:` command is one line
    while (true) {
      bool more = !entry.empty();
      if (interactive_) {
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
    return o_.render.color ? "\001\033[1;36m\002" + p + "\001\033[0m\002" : p;
  }

  // Notes go to stderr: stdout carries exactly what a script would print (`:save` relies on it).
  void note(const std::string& text) {
    std::cout.flush();
    if (o_.render.color) std::cerr << "\033[2m" << text << "\033[0m\n";
    else std::cerr << text << "\n";
  }

  // Returns true to quit.
  bool handle(const std::string& entry) {
    std::size_t b = entry.find_first_not_of(" \t\n");
    if (b == std::string::npos) return false;
    if (entry[b] == ':') return command(entry.substr(b));
    std::string text = entry + "\n";
    auto t0 = std::chrono::steady_clock::now();
    auto r = session_->run_entry(text, o_, std::cout, std::cerr);
    if (times_)  // MLS_REPL_TIMES=FILE: each entry's time in µs, for bench/repl_soak.py
      *times_ << std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count() << "\n";
    worst_ = std::max(worst_, r.code);
    if (r.kept) entries_.push_back({text, r.program});
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
      worst_ = std::max(worst_, static_cast<int>(driver::kUsage));
    };
    if (cmd == ":quit" || cmd == ":q" || cmd == ":exit") return true;
    if (cmd == ":help" || cmd == ":h" || cmd == ":?") {
      std::cout << kHelpExamples << "\nCommands:\n";
      for (auto& [name, doc] : commands()) std::cout << "  " << name << std::string(10 - std::min<std::size_t>(9, name.size()), ' ') << doc << "\n";
    } else if (cmd == ":type" || cmd == ":t") {
      if (arg.empty()) return usage(":type EXPR"), false;
      if (auto t = session_->type_of(arg, o_, std::cerr)) std::cout << arg << " : " << *t << "\n";
      else worst_ = std::max(worst_, static_cast<int>(driver::kCompileError));
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
      if (!read_source(arg, text)) {
        std::cerr << "mls: cannot read '" << arg << "'\n";
        worst_ = std::max(worst_, static_cast<int>(driver::kUsage));
        return false;
      }
      handle(text);
    } else if (cmd == ":save") {
      if (arg.empty()) return usage(":save FILE"), false;
      // Success only once every byte is out: flushed and closed without error (`:save /dev/full`).
      std::ofstream f(arg);
      f << "# Saved from an MLS REPL session (" << entries_.size() << " entries); runs as a script.\n";
      f << to_script(entries_);
      f.flush();
      f.close();
      if (f.fail()) {
        std::cerr << "mls: cannot write '" << arg << "'\n";
        worst_ = std::max(worst_, static_cast<int>(driver::kUsage));
      } else {
        note("saved " + std::to_string(entries_.size()) + " entries to " + arg);
      }
    } else if (cmd == ":reset") {
      session_ = std::make_unique<driver::Session>();
      if (editor_) editor_->set_session(session_.get());
      entries_.clear();
      note("session reset");
    } else {
      std::cerr << "unknown command " << cmd << " (:help lists them)\n";
      worst_ = std::max(worst_, static_cast<int>(driver::kUsage));
    }
    return false;
  }

  void info(const std::string& name) {
    bool found = false;
    const auto& units = session_->units().all();
    if (auto it = units.find(name); it != units.end()) {
      const units::UnitEntry& u = it->second;
      found = true;
      std::string dim = session_->units().dimension_name(u.dim);
      std::cout << "unit " << u.symbol << (u.long_name.empty() ? "" : " (" + u.long_name + ")") << ": 1 " << u.symbol
                << " = " << units::format_number(u.scale, 6) << " " << u.dim.base_unit_form() << "   ["
                << (dim.empty() ? u.dim.base_form() : dim) << "]\n";
      if (!u.prefix.empty()) std::cout << "  prefix " << u.prefix << " of " << u.base << "\n";
      std::vector<std::string> aliases;
      for (auto& [sym, e] : units)
        if (e.base == u.base && e.prefix.empty() && sym != u.symbol && sym != u.base && e.scale == units.at(u.base).scale)
          aliases.push_back(sym);
      if (!aliases.empty()) {
        std::cout << "  aliases:";
        for (auto& a : aliases) std::cout << " " << a;
        std::cout << "\n";
      }
      const char* px = u.prefixes == units::PrefixSystem::SI    ? "SI (k M G T P E; m u n p where the unit allows)"
                       : u.prefixes == units::PrefixSystem::IEC ? "SI and binary (Ki Mi Gi Ti)"
                       : u.prefixes == units::PrefixSystem::Time ? "time (ns us ms)"
                                                                 : "none";
      if (u.prefix.empty()) std::cout << "  prefixes: " << px << "\n";
      if (!u.defined_in.empty()) std::cout << "  defined in " << u.defined_in << "\n";
    }
    if (driver::ZooIndex::builtin().closure({name}).size() > 0 &&
        std::find(driver::ZooIndex::builtin().names().begin(), driver::ZooIndex::builtin().names().end(), name) !=
            driver::ZooIndex::builtin().names().end()) {
      found = true;
      std::ostringstream err;
      zoo::show(*session_, name, zoo::ZooFormat::Text, std::cout, err);
    }
    if (print_solver_info(session_->units(), name, std::cout)) found = true;
    auto g = session_->globals().find(name);
    if (!found && g != session_->globals().end()) {
      found = true;
      std::cout << name << " : " << sema::describe(g->second.type, session_->units()) << "\n  bound by " << g->second.origin << "\n";
    }
    if (!found) {
      std::cerr << "no unit, zoo entry, solver or variable named `" << name << "`\n";
      worst_ = std::max(worst_, static_cast<int>(driver::kUsage));
    }
  }

  void list(const std::string& what) {
    if (what == "vars") {
      for (auto& [n, b] : session_->globals())
        if (!b.zoo && n.rfind("__", 0) != 0) std::cout << n << " : " << sema::describe(b.type, session_->units()) << "\n";
    } else if (what == "units") {
      std::map<std::string, std::vector<std::string>> by_dim;
      for (auto& [sym, u] : session_->units().all())
        if (u.prefix.empty()) {
          std::string d = session_->units().dimension_name(u.dim);
          by_dim[d.empty() ? u.dim.base_form() : d].push_back(sym);
        }
      for (auto& [d, syms] : by_dim) {
        std::cout << d << ":";
        for (auto& s : syms) std::cout << " " << s;
        std::cout << "\n";
      }
    } else if (what == "dims") {
      for (auto& [n, d] : session_->units().dimensions()) std::cout << n << " = " << d.base_form() << "\n";
    } else if (what == "zoo") {
      zoo::list(*session_, zoo::ZooFormat::Text, std::cout);
    } else if (what == "solvers") {
      for (auto& s : reg::solvers()) std::cout << s.name << " — " << s.summary << "\n";
    } else {
      std::cerr << "usage: :list vars|units|dims|zoo|solvers\n";
      worst_ = std::max(worst_, static_cast<int>(driver::kUsage));
    }
  }

  driver::Options o_;
  bool interactive_;
  std::unique_ptr<driver::Session> session_;
  LineEditor* editor_ = nullptr;
  std::vector<SavedEntry> entries_;
  int worst_ = 0;
  std::unique_ptr<std::ofstream> times_;
};

}  // namespace

int run(const driver::Options& o, bool interactive) { return Repl(o, interactive).loop(); }

}  // namespace mls::repl
