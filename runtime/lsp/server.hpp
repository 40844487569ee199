// `mls lsp`: a Language Server Protocol server over stdio, a thin front end over the embedding API
// (mls/engine.hpp, mls/analysis.hpp). Single-threaded: the loop waits for a message with a timeout
// and re-checks a changed document once it has been quiet for the debounce interval.
#pragma once

#include "mls/analysis.hpp"
#include "mls/engine.hpp"
#include "runtime/lsp/document.hpp"
#include "runtime/lsp/transport.hpp"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mls::lsp {

// The catalogues completion, hover and go-to-definition read: loaded once, on first use.
struct Catalogue {
  std::vector<api::SolverInfo> solvers;
  std::vector<api::UnitInfo> units;
  std::vector<api::ZooEntrySource> zoo;
  const api::SolverInfo* solver(const std::string& name) const;
  const api::ZooEntrySource* entry(const std::string& name) const;
  const api::UnitInfo* unit(const std::string& symbol) const;
};

// A JSON-RPC error answer: code and message (thrown by a handler, sent by the loop).
struct RpcError {
  int code;
  std::string message;
};
inline constexpr int kParseError = -32700, kInvalidRequest = -32600, kMethodNotFound = -32601,
                     kInvalidParams = -32602, kInternalError = -32603, kServerNotInitialized = -32002;

class Server {
 public:
  struct Options {
    int debounce_ms = 200;  // a changed document is re-checked after this long without a change
  };
  Server(int in_fd, std::ostream& out, Options o);
  Server(int in_fd, std::ostream& out);
  // Serves until `exit` (or the end of the input). Returns the process exit code: 0 after a
  // shutdown request, 1 otherwise (as the protocol asks).
  int run();

 private:
  using json = nlohmann::json;
  void handle(const json& message);
  json request(const std::string& method, const json& params);
  void notification(const std::string& method, const json& params);
  json initialize(const json& params);

  // documents
  Document& doc(const json& params);  // params.textDocument.uri, or InvalidParams
  void analyse(Document& d);          // check now and publish its diagnostics
  void analyse_due();                 // the documents whose debounce interval has passed
  int wait_ms() const;                // how long the loop may wait for a message
  void publish(const Document& d);
  json to_lsp(const api::Diagnostic& diag, const Document& d) const;
  json range(const Document& d, const api::Span& s) const;
  std::size_t offset(const Document& d, const json& position) const;  // or InvalidParams
  std::string path_of(const std::string& uri) const;
  std::string uri_of(const std::string& path) const;
  std::optional<json> builtin_location(const std::string& file, int line, int column);

  // features (one file each)
  json hover(const json& params);
  json completion(const json& params);
  json signature_help(const json& params);
  json definition(const json& params);
  json document_symbols(const json& params);
  json code_actions(const json& params);

  const Catalogue& catalogue();

  Transport io_;
  Options opt_;
  api::Engine engine_;
  std::map<std::string, std::unique_ptr<Document>> docs_;
  std::optional<Catalogue> catalogue_;
  Encoding enc_ = Encoding::Utf16;
  bool initialized_ = false, shut_down_ = false, exited_ = false;
  std::string cache_dir_;  // where built-in files are written (read-only) for go-to-definition
};

// Locates the call whose argument list holds byte `offset` of `text`: the callee's name, the index of
// the argument the offset is in, and that argument's name when it is written `name = ...`.
struct CallContext {
  std::string callee;
  int argument = 0;
  std::string named;
  std::size_t open = 0;  // the offset of the `(`
};
std::optional<CallContext> call_at(const std::string& text, std::size_t offset);

}  // namespace mls::lsp
