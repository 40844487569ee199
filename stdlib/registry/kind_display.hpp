// The names users read for record kinds (issue 20.6). A solver's result kind is its spec id
// ("engine_solve"), which the user never types: it is shown as the function the user calls
// ("roofline result") or the name the docs give it ("Scorecard"). Other kinds show as declared, with
// underscores read as spaces ("feasibility level").
#pragma once

#include <string>

namespace mls::reg {

// "roofline result", "Scorecard", "hardware", "feasibility level"; "record" for an untyped record.
std::string kind_display(const std::string& kind);
// True when `kind` is the result of a solver (shown without the word "record").
bool is_result_kind(const std::string& kind);
// The type as a noun phrase: "roofline result", "Scorecard", "hardware record", "record".
std::string record_noun(const std::string& kind);
// "a roofline result", "an engine", "an SSM" is not attempted: vowels by letter only.
std::string with_article(const std::string& noun);

}  // namespace mls::reg
