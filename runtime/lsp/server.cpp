// The server's loop, lifecycle and document synchronisation; the features are in their own files.
#include "runtime/lsp/server.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace mls::lsp {

namespace {
api::Options engine_options() {
  api::Options o;
  o.evaluator = api::Evaluator::Reference;  // nothing runs; hover's values come from the checker
  return o;
}
}  // namespace

Server::Server(int in_fd, std::ostream& out, Options o) : io_(in_fd, out), opt_(o), engine_(engine_options()) {}
Server::Server(int in_fd, std::ostream& out) : Server(in_fd, out, Options{}) {}

int Server::run() {
  std::string body;
  while (!exited_) {
    auto status = io_.next(body, wait_ms());
    if (status == Transport::Status::Closed) break;
    if (status == Transport::Status::Timeout) {
      analyse_due();
      continue;
    }
    if (status == Transport::Status::Malformed) {
      io_.send({{"jsonrpc", "2.0"}, {"id", nullptr},
                {"error", {{"code", kParseError}, {"message", "a message without a valid Content-Length header"}}}});
      continue;
    }
    json message = json::parse(body, nullptr, false);
    if (message.is_discarded()) {
      io_.send({{"jsonrpc", "2.0"}, {"id", nullptr}, {"error", {{"code", kParseError}, {"message", "the message is not JSON"}}}});
      continue;
    }
    handle(message);
    analyse_due();
  }
  return shut_down_ ? 0 : 1;
}

void Server::handle(const json& m) {
  const bool is_request = m.is_object() && m.contains("id");
  json id = is_request ? m["id"] : json(nullptr);
  if (!m.is_object() || !m.contains("method") || !m["method"].is_string()) {
    if (m.is_object() && m.contains("result")) return;  // a reply to a request of ours (none are sent)
    io_.send({{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", kInvalidRequest}, {"message", "not a JSON-RPC request"}}}});
    return;
  }
  const std::string method = m["method"];
  const json params = m.value("params", json::object());
  try {
    if (!is_request) {
      notification(method, params);
      return;
    }
    json result = request(method, params);
    io_.send({{"jsonrpc", "2.0"}, {"id", id}, {"result", result}});
  } catch (const RpcError& e) {
    if (is_request) io_.send({{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", e.code}, {"message", e.message}}}});
  } catch (const std::exception& e) {
    // A bug in a handler answers this request with an error; the server goes on.
    if (is_request)
      io_.send({{"jsonrpc", "2.0"}, {"id", id},
                {"error", {{"code", kInternalError}, {"message", std::string("internal error: ") + e.what()}}}});
  }
}

Server::json Server::request(const std::string& method, const json& params) {
  if (method == "initialize") return initialize(params);
  if (!initialized_) throw RpcError{kServerNotInitialized, "the server has not been initialized"};
  if (shut_down_) throw RpcError{kInvalidRequest, "the server is shutting down"};
  if (method == "shutdown") {
    shut_down_ = true;
    return nullptr;
  }
  if (method == "textDocument/hover") return hover(params);
  if (method == "textDocument/completion") return completion(params);
  if (method == "textDocument/signatureHelp") return signature_help(params);
  if (method == "textDocument/definition") return definition(params);
  if (method == "textDocument/documentSymbol") return document_symbols(params);
  if (method == "textDocument/codeAction") return code_actions(params);
  throw RpcError{kMethodNotFound, "mls lsp does not implement `" + method + "`"};
}

void Server::notification(const std::string& method, const json& params) {
  if (method == "exit") {
    exited_ = true;
    return;
  }
  if (!initialized_) return;  // notifications before initialize are dropped (the protocol says so)
  if (method == "initialized") {
    catalogue();  // load the catalogues now, while the user opens a file, not on the first hover
    return;
  }
  if (method == "textDocument/didOpen") {
    const json& td = params.at("textDocument");
    std::string uri = td.at("uri");
    auto d = std::make_unique<Document>(uri, td.at("text").get<std::string>(), td.value("version", 0));
    Document& ref = *d;
    docs_[uri] = std::move(d);
    analyse(ref);
  } else if (method == "textDocument/didChange") {
    Document& d = doc(params);
    int version = params.at("textDocument").value("version", d.version() + 1);
    for (auto& c : params.at("contentChanges")) {
      std::optional<std::pair<Position, Position>> r;
      if (c.contains("range")) {
        auto& rr = c["range"];
        r = std::make_pair(Position{rr["start"]["line"], rr["start"]["character"]},
                           Position{rr["end"]["line"], rr["end"]["character"]});
      }
      if (!d.change(r, c.at("text").get<std::string>(), version, enc_)) {
        // The client and the server disagree about the text: ask for nothing, re-check what we have.
        break;
      }
    }
  } else if (method == "textDocument/didSave") {
    Document& d = doc(params);
    if (d.dirty) analyse(d);
  } else if (method == "textDocument/didClose") {
    std::string uri = params.at("textDocument").at("uri");
    docs_.erase(uri);
    io_.send({{"jsonrpc", "2.0"}, {"method", "textDocument/publishDiagnostics"},
              {"params", {{"uri", uri}, {"diagnostics", json::array()}}}});
  }
}

Server::json Server::initialize(const json& params) {
  if (initialized_) throw RpcError{kInvalidRequest, "initialize was already received"};
  // Positions: UTF-16 unless the client also speaks UTF-32 (the API counts characters).
  enc_ = Encoding::Utf16;
  std::string encoding = "utf-16";
  if (params.contains("capabilities")) {
    auto& caps = params["capabilities"];
    if (caps.contains("general") && caps["general"].contains("positionEncodings"))
      for (auto& e : caps["general"]["positionEncodings"])
        if (e == "utf-32") {
          enc_ = Encoding::Utf32;
          encoding = "utf-32";
        }
  }
  initialized_ = true;
  json caps = {
      {"positionEncoding", encoding},
      {"textDocumentSync", {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
      {"hoverProvider", true},
      {"completionProvider", {{"triggerCharacters", {".", " ", "(", ">"}}, {"resolveProvider", false}}},
      {"signatureHelpProvider", {{"triggerCharacters", {"(", ","}}}},
      {"definitionProvider", true},
      {"documentSymbolProvider", true},
      {"codeActionProvider", {{"codeActionKinds", {"quickfix"}}}},
  };
  return {{"capabilities", caps}, {"serverInfo", {{"name", "mls"}}}};
}

Document& Server::doc(const json& params) {
  if (!params.contains("textDocument") || !params["textDocument"].contains("uri"))
    throw RpcError{kInvalidParams, "missing textDocument.uri"};
  auto it = docs_.find(params["textDocument"]["uri"].get<std::string>());
  if (it == docs_.end()) throw RpcError{kInvalidParams, "the document is not open (send didOpen first)"};
  return *it->second;
}

std::size_t Server::offset(const Document& d, const json& position) const {
  if (!position.is_object() || !position.contains("line") || !position.contains("character") ||
      !position["line"].is_number_integer() || !position["character"].is_number_integer())
    throw RpcError{kInvalidParams, "a position needs integer `line` and `character`"};
  auto o = d.offset(Position{position["line"], position["character"]}, enc_);
  if (!o)
    throw RpcError{kInvalidParams, "line " + std::to_string(position["line"].get<long long>()) +
                                       " is outside the document (" + std::to_string(d.line_count()) + " lines)"};
  return *o;
}

std::string Server::path_of(const std::string& uri) const {
  const std::string scheme = "file://";
  if (uri.rfind(scheme, 0) != 0) return uri;
  std::string out;
  for (std::size_t i = scheme.size(); i < uri.size(); ++i) {
    if (uri[i] == '%' && i + 2 < uri.size() && std::isxdigit(static_cast<unsigned char>(uri[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(uri[i + 2]))) {
      out += static_cast<char>(std::stoi(uri.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += uri[i];
    }
  }
  return out;
}

std::string Server::uri_of(const std::string& path) const {
  std::string out = "file://";
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') out += static_cast<char>(c);
    else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

void Server::analyse(Document& d) {
  std::string path = path_of(d.uri());
  std::string folder = std::filesystem::path(path).parent_path().string();
  std::error_code ec;
  if (folder.empty() || !std::filesystem::is_directory(folder, ec)) folder = "";
  d.analysis = api::analyze(engine_, d.text(), path, folder);
  d.analysed_text = d.text();
  d.dirty = false;
  if (!d.analysis->types.empty() || !d.analysis->symbols.empty()) {
    d.last_good = d.analysis;
    d.last_good_text = d.text();
  }
  publish(d);
}

void Server::analyse_due() {
  const auto now = std::chrono::steady_clock::now();
  for (auto& [_, d] : docs_)
    if (d->dirty && now - d->changed_at >= std::chrono::milliseconds(opt_.debounce_ms)) analyse(*d);
}

int Server::wait_ms() const {
  int wait = -1;
  const auto now = std::chrono::steady_clock::now();
  for (auto& [_, d] : docs_) {
    if (!d->dirty) continue;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(d->changed_at + std::chrono::milliseconds(opt_.debounce_ms) - now).count();
    int l = static_cast<int>(std::max<long long>(0, left));
    wait = wait < 0 ? l : std::min(wait, l);
  }
  return wait;
}

Server::json Server::range(const Document& d, const api::Span& s) const {
  Position b = d.from_api(s.line, s.column, enc_), e = d.from_api(s.end_line, s.end_column, enc_);
  return {{"start", {{"line", b.line}, {"character", b.character}}}, {"end", {{"line", e.line}, {"character", e.character}}}};
}

void Server::publish(const Document& d) {
  json list = json::array();
  for (auto& diag : d.analysis->diagnostics) list.push_back(to_lsp(diag, d));
  io_.send({{"jsonrpc", "2.0"}, {"method", "textDocument/publishDiagnostics"},
            {"params", {{"uri", d.uri()}, {"version", d.version()}, {"diagnostics", list}}}});
}

const Catalogue& Server::catalogue() {
  if (!catalogue_) {
    Catalogue c;
    c.solvers = engine_.solvers();
    c.units = api::units(engine_);
    c.zoo = api::zoo_sources(engine_);
    catalogue_ = std::move(c);
  }
  return *catalogue_;
}

const api::SolverInfo* Catalogue::solver(const std::string& name) const {
  for (auto& s : solvers)
    if (s.name == name) return &s;
  return nullptr;
}
const api::ZooEntrySource* Catalogue::entry(const std::string& name) const {
  for (auto& z : zoo)
    if (z.name == name) return &z;
  return nullptr;
}
const api::UnitInfo* Catalogue::unit(const std::string& symbol) const {
  auto it = std::lower_bound(units.begin(), units.end(), symbol, [](const api::UnitInfo& u, const std::string& s) { return u.symbol < s; });
  return it != units.end() && it->symbol == symbol ? &*it : nullptr;
}

// Built-in files are written once into a cache folder, read-only, so an editor can show them.
std::optional<Server::json> Server::builtin_location(const std::string& file, int line, int column) {
  auto text = api::builtin_file(file);
  if (!text) return std::nullopt;
  if (cache_dir_.empty()) {
    const char* xdg = std::getenv("XDG_CACHE_HOME");
    const char* home = std::getenv("HOME");
    std::string base = xdg && *xdg ? xdg : home && *home ? std::string(home) + "/.cache" : std::filesystem::temp_directory_path().string();
    cache_dir_ = base + "/mls/builtin";
  }
  std::filesystem::path p = std::filesystem::path(cache_dir_) / file;
  std::error_code ec;
  bool current = false;
  if (std::filesystem::exists(p, ec)) {
    std::ifstream in(p, std::ios::binary);
    std::string have((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    current = have == *text;
  }
  if (!current) {
    std::filesystem::create_directories(p.parent_path(), ec);
    std::filesystem::permissions(p, std::filesystem::perms::owner_write, std::filesystem::perm_options::add, ec);
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << *text;
    out.close();
    if (!out) return std::nullopt;
    std::filesystem::permissions(p, std::filesystem::perms::owner_read | std::filesystem::perms::group_read |
                                        std::filesystem::perms::others_read, ec);
  }
  Document shown(uri_of(p.string()), *text, 0);
  Position at = shown.from_api(line, column, enc_);
  return json{{"uri", shown.uri()},
              {"range", {{"start", {{"line", at.line}, {"character", at.character}}}, {"end", {{"line", at.line}, {"character", at.character}}}}}};
}

}  // namespace mls::lsp
