#include "runtime/repl/line_editor.hpp"

#include "runtime/repl/completion.hpp"

#include <editline/readline.h>

#include <clocale>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace mls::repl {

namespace {

constexpr int kHistoryLines = 1000;
api::Session* g_session = nullptr;
volatile std::sig_atomic_t g_interrupted = 0;
std::vector<std::string> g_matches;

void on_sigint(int) { g_interrupted = 1; }

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
  return s;
}

char* next_match(const char*, int state) {
  static std::size_t k;
  if (state == 0) k = 0;
  if (k >= g_matches.size()) return nullptr;
  return strdup(g_matches[k++].c_str());
}

// libedit gives the word between break characters; repl::complete decides what the word is.
char** attempt(const char* text, int start, int end) {
  rl_attempted_completion_over = 1;  // no file-name fallback
  if (!g_session) return nullptr;
  std::string line(rl_line_buffer ? rl_line_buffer : "");
  Completion c = complete(*g_session, line, static_cast<std::size_t>(end));
  g_matches.clear();
  std::size_t have = static_cast<std::size_t>(start) >= c.start ? static_cast<std::size_t>(start) - c.start : 0;
  for (auto& cand : c.candidates)
    if (cand.size() >= have) g_matches.push_back(cand.substr(have));
  (void)text;
  if (g_matches.empty()) return nullptr;
  return rl_completion_matches(text, next_match);
}

}  // namespace

std::string LineEditor::history_path() {
  if (const char* p = std::getenv("MLS_HISTORY")) return p;
  const char* state = std::getenv("XDG_STATE_HOME");
  const char* home = std::getenv("HOME");
  std::filesystem::path dir = state && *state ? std::filesystem::path(state) / "mls"
                              : home && *home ? std::filesystem::path(home) / ".local" / "state" / "mls"
                                              : std::filesystem::path();
  if (dir.empty()) return "";
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  return (dir / "history").string();
}

LineEditor::LineEditor(api::Session* session) {
  g_session = session;
  // libedit converts lines to wide characters by the locale: without the user's (UTF-8) one, a line
  // holding ↵ or any non-ASCII text is not searchable with Ctrl-R.
  std::setlocale(LC_CTYPE, "");
  rl_readline_name = const_cast<char*>("mls");
  rl_attempted_completion_function = attempt;
  rl_basic_word_break_characters = " \t\n\"\\'`@$><=;|&{(,.:[]+-*/^";
  rl_completion_append_character = '\0';
  using_history();
  stifle_history(kHistoryLines);
  std::string h = history_path();
  if (!h.empty()) read_history(h.c_str());
  struct sigaction sa {};
  sa.sa_handler = on_sigint;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;  // no SA_RESTART: the read returns and readline gives back control
  sigaction(SIGINT, &sa, nullptr);
}

LineEditor::~LineEditor() {
  std::string h = history_path();
  if (!h.empty()) write_history(h.c_str());
  g_session = nullptr;
}

void LineEditor::set_session(api::Session* s) { g_session = s; }

LineEditor::Read LineEditor::read(const std::string& prompt, std::string& line) {
  g_interrupted = 0;
  char* l = readline(prompt.c_str());
  if (g_interrupted) {
    std::free(l);
    return Read::Interrupted;
  }
  if (!l) return Read::End;
  line = replace_all(l, kLineMark, "\n");
  std::free(l);
  return Read::Line;
}

void LineEditor::remember(const std::string& entry) {
  if (entry.find_first_not_of(" \t\n") == std::string::npos) return;
  add_history(replace_all(entry, "\n", kLineMark).c_str());
  std::string h = history_path();
  if (!h.empty()) write_history(h.c_str());  // bounded by stifle_history; survives a crash
}

}  // namespace mls::repl
