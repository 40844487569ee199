// `mls mcp`: a Model Context Protocol server over stdio for AI agents — JSON-RPC 2.0, one message per
// line. Its tools list the zoo, describe solvers, run a solver on JSON arguments and check-and-run a
// script, all through the embedding API; results come back as text and as structured data.
#pragma once

#include "mls/engine.hpp"

#include <nlohmann/json.hpp>

#include <istream>
#include <ostream>
#include <string>

namespace mls::mcp {

class Server {
 public:
  Server(std::istream& in, std::ostream& out);
  int run();  // until the end of the input; 0

 private:
  using json = nlohmann::json;
  std::optional<json> handle(const json& message);  // the reply, none for a notification
  json call_tool(const std::string& name, const json& args);
  std::istream& in_;
  std::ostream& out_;
  api::Engine engine_;
  bool initialized_ = false;
};

// The tools' descriptions with their JSON Schemas (tools/list).
nlohmann::json tool_list();

}  // namespace mls::mcp
