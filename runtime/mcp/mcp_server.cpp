// The MCP lifecycle and framing: initialize (version negotiation), ping, tools/list, tools/call.
// A tool's failure (a script that does not check, a solver that refuses) is a result with `isError`,
// as the protocol asks; JSON-RPC errors are for malformed messages and unknown tools.
#include "runtime/mcp/mcp_server.hpp"

#include <algorithm>

namespace mls::mcp {

namespace {
// Revisions of the protocol this server speaks, newest first (structuredContent needs 2025-06-18).
const std::vector<std::string> kVersions = {"2025-06-18", "2025-03-26", "2024-11-05"};

nlohmann::json error(const nlohmann::json& id, int code, const std::string& message) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}};
}

api::Options engine_options() {
  api::Options o;
  o.max_points = 1e7;                 // an agent's script is bounded like any untrusted script
  o.max_memory = 512.0 * (1 << 20);
  return o;
}
}  // namespace

Server::Server(std::istream& in, std::ostream& out) : in_(in), out_(out), engine_(engine_options()) {}

int Server::run() {
  std::string line;
  while (std::getline(in_, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    json m = json::parse(line, nullptr, false);
    std::optional<json> reply = m.is_discarded() ? std::optional<json>(error(nullptr, -32700, "the line is not JSON"))
                                                 : handle(m);
    if (reply) {
      out_ << reply->dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
      out_.flush();
    }
  }
  return 0;
}

std::optional<nlohmann::json> Server::handle(const json& m) {
  if (!m.is_object() || !m.contains("method") || !m["method"].is_string()) {
    if (m.is_object() && (m.contains("result") || m.contains("error"))) return std::nullopt;  // a reply to us
    return error(m.is_object() && m.contains("id") ? m["id"] : json(nullptr), -32600, "not a JSON-RPC request");
  }
  const std::string method = m["method"];
  if (!m.contains("id")) {  // a notification: nothing to answer
    if (method == "notifications/initialized") initialized_ = true;
    return std::nullopt;
  }
  const json id = m["id"];
  const json params = m.value("params", json::object());
  try {
    if (method == "initialize") {
      std::string asked = params.value("protocolVersion", kVersions.front());
      std::string version = std::find(kVersions.begin(), kVersions.end(), asked) != kVersions.end() ? asked : kVersions.front();
      initialized_ = true;
      return json{{"jsonrpc", "2.0"}, {"id", id},
                  {"result", {{"protocolVersion", version},
                              {"capabilities", {{"tools", {{"listChanged", false}}}}},
                              {"serverInfo", {{"name", "mls"}, {"version", "0.1.0"}}},
                              {"instructions", "MLS checks units at compile time and runs analytical ML-systems solvers "
                                               "(roofline, serving, training, TCO, carbon, ...) against a zoo with provenance. "
                                               "Use list_zoo and describe_solver to find names, run_solver for one solver "
                                               "call, run_script for MLS code (diagnostics come back with codes and fixes)."}}}};
    }
    if (method == "ping") return json{{"jsonrpc", "2.0"}, {"id", id}, {"result", json::object()}};
    if (!initialized_) return error(id, -32002, "the server has not been initialized");
    if (method == "tools/list") return json{{"jsonrpc", "2.0"}, {"id", id}, {"result", {{"tools", tool_list()}}}};
    if (method == "tools/call") {
      if (!params.contains("name") || !params["name"].is_string()) return error(id, -32602, "tools/call needs a tool `name`");
      const json args = params.value("arguments", json::object());
      if (!args.is_object()) return error(id, -32602, "a tool's `arguments` is an object");
      const std::string name = params["name"];
      bool known = false;
      for (auto& t : tool_list()) known = known || t["name"] == name;
      if (!known) return error(id, -32602, "no tool `" + name + "` (tools/list lists them)");
      return json{{"jsonrpc", "2.0"}, {"id", id}, {"result", call_tool(name, args)}};
    }
    return error(id, -32601, "mls mcp does not implement `" + method + "`");
  } catch (const std::exception& e) {
    return error(id, -32603, std::string("internal error: ") + e.what());
  }
}

}  // namespace mls::mcp
