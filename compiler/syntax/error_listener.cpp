#include "compiler/syntax/error_listener.hpp"

#include "MlsParser.h"
#include "compiler/syntax/keywords.hpp"

namespace mls::syntax {

using P = mls_gen::MlsParser;

std::string describe_token(antlr4::Token* t, antlr4::Recognizer*) {
  if (!t || t->getType() == antlr4::Token::EOF) return "the end of the file";
  if (is_name_token(t->getType())) return "the name `" + t->getText() + "`";
  switch (t->getType()) {
    case P::NL: return "the end of the line";
    case P::NUMBER: return "the number " + t->getText();
    case P::STRING: return "a string";
    default: break;
  }
  std::string text = t->getText();
  bool keyword = !text.empty() && std::isalpha(static_cast<unsigned char>(text[0]));
  return keyword ? "the keyword `" + text + "`" : "`" + text + "`";
}

// `where` or `step` right after a value (`x = y where`, `f(a step)`): when they were plain names, a
// juxtaposed operand was expected there and the message said "expected a value"; it still does. (When
// an expression could start after the word, `x = 2 where 3`, `hardware where tier == cloud`, that
// grammar's message named no expectation, nor does this one.)
bool right_after_juxtaposition(antlr4::Parser* parser, antlr4::Token* offending) {
  const antlr4::atn::ATN& atn = parser->getATN();
  size_t next = parser->getTokenStream()->get(offending->getTokenIndex() + 1)->getType();
  if (atn.nextTokens(atn.ruleToStartState[P::RuleExpr]).contains(next)) return false;
  antlr4::tree::ParseTree* t = parser->getContext();
  while (t && !t->children.empty()) {
    t = t->children.back();
    if (auto* j = dynamic_cast<P::JuxtExprContext*>(t))
      return j->getStop() && j->getStop()->getTokenIndex() + 1 == offending->getTokenIndex();
  }
  return false;
}

Span ErrorListener::span_of(antlr4::Token* t) const {
  auto at = [&](size_t cp) { return map_[std::min(cp, map_.size() - 1)]; };
  if (!t || t->getType() == antlr4::Token::EOF) return {file_, map_.back(), map_.back()};
  return {file_, at(t->getStartIndex()), at(t->getStopIndex() + 1)};
}

void ErrorListener::syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, size_t line, size_t,
                                const std::string&, std::exception_ptr) {
  if (!lines_.insert(line).second || out_.size() >= 20) return;
  auto* parser = dynamic_cast<antlr4::Parser*>(recognizer);
  Diagnostic d;
  d.code = "E0201";
  std::string got = describe_token(offending, recognizer);
  std::string expected;
  if (parser) {
    auto exp = parser->getExpectedTokens();
    bool value = exp.contains(static_cast<size_t>(P::NUMBER)) || exp.contains(static_cast<size_t>(P::IDENT)) ||
                 (offending && (offending->getType() == P::WHERE || offending->getType() == P::STEP) &&
                  right_after_juxtaposition(parser, offending));
    if (exp.contains(static_cast<size_t>(P::RPAREN)) && !value) expected = "`)`";
    else if (exp.contains(static_cast<size_t>(P::RBRACK)) && !value) expected = "`]`";
    else if (exp.contains(static_cast<size_t>(P::RBRACE)) && !value) expected = "`}`";
    else if (value) expected = "a value (a number, a name, or a parenthesised expression)";
    else if (exp.contains(static_cast<size_t>(P::ASSIGN))) expected = "`=`";
  }
  int type = offending ? static_cast<int>(offending->getType()) : -1;
  // The usual slips, each with its own code and hint.
  if (type == P::ASSIGN) {
    d.code = "E0203";
    d.message = "`=` binds a name; it cannot appear inside an expression";
    d.labels.push_back({span_of(offending), "here", true});
    d.help = "to compare two values write `==`";
  } else if (type == P::COLON) {
    d.code = "E0204";
    d.message = "unexpected `:`";
    d.labels.push_back({span_of(offending), "here", true});
    d.help = "named arguments and record fields use `=`: `batch = 32`, not `batch: 32`";
  } else if (type == P::NUMBER && parser && parser->getCurrentToken() == offending) {
    d.message = "two values in a row: " + got;
    d.labels.push_back({span_of(offending), "unexpected number", true});
    d.help = "add an operator between them (`*`, `/`, `+`, ...)";
  } else if (type == int(antlr4::Token::EOF) || type == P::NL) {
    d.message = "this statement is incomplete: " + (expected.empty() ? "unexpected " + got : "expected " + expected);
    d.labels.push_back({span_of(offending), "the statement ends here", true});
    if (expected.rfind("a value", 0) == 0) d.help = "an operator or `=` at the end of a line needs a value after it";
  } else {
    std::string kw = offending ? offending->getText() : "";
    bool reserved = !kw.empty() && std::isalpha(static_cast<unsigned char>(kw[0])) && !is_name_token(type);
    d.message = "did not expect " + got + " here" + (expected.empty() ? "" : "; expected " + expected);
    d.labels.push_back({span_of(offending), reserved ? "a reserved word" : "unexpected here", true});
    if (type == int(P::WHERE))
      d.help = "`where` filters the list of a `for` (`for hw in hardware where tier == cloud { … }`) or, after the "
               "loop's `}`, its points (`} where r.feasible`)";
    if (reserved) {
      d.code = "E0206";
      d.message = "`" + kw + "` is a reserved word";
      d.help = "choose another name, e.g. `" + kw + "_`";
    }
  }
  out_.push_back(std::move(d));
}

}  // namespace mls::syntax
