// A quantity literal followed by a token that may follow an expression somewhere but not here
// (`x = 2 m )`, `for x in 2 m⏎`, `f(2 m ]`). While the grammar had a quantityLit rule, ANTLR told it
// from a juxtaposition by looking ahead to that token with the full context, found no alternative, and
// reported "expected a value" from the start of the literal, recovering there (so the next line's
// errors were reported too). The grammar now parses the literal on one-token decisions (grammar/Mls.g4,
// juxtExpr) and would only notice the token once the statement is over, with another message and a
// recovery that skips to the end of the file. This strategy raises the error where ANTLR did: in the
// juxtaposition, after the literal's last unit atom, so the message, its span and the recovery stay
// what they were (scripts/same-parse checks them against a build of the earlier grammar).
#include "compiler/syntax/error_strategy.hpp"

#include "MlsParser.h"
#include "compiler/syntax/quantity.hpp"

#include <algorithm>
#include <vector>

namespace mls::syntax {

namespace {
using P = mls_gen::MlsParser;

// The tokens that may follow a juxtaposition anywhere in the grammar (its FOLLOW set): the lookahead
// ANTLR's context-free (SLL) prediction allowed after a literal, which sent it on to the full context.
const antlr4::misc::IntervalSet& juxt_follow(const antlr4::atn::ATN& atn) {
  static const antlr4::misc::IntervalSet set = [&] {
    std::vector<antlr4::misc::IntervalSet> follow(atn.ruleToStartState.size());
    for (bool changed = true; changed;) {
      changed = false;
      for (antlr4::atn::ATNState* s : atn.states) {
        if (!s) continue;
        for (antlr4::atn::Transition* t : s->transitions) {
          auto* call = dynamic_cast<antlr4::atn::RuleTransition*>(t);
          if (!call) continue;
          antlr4::misc::IntervalSet next = atn.nextTokens(call->followState);
          if (next.contains(static_cast<ssize_t>(antlr4::Token::EPSILON))) {
            next.remove(static_cast<ssize_t>(antlr4::Token::EPSILON));
            next.addAll(follow[s->ruleIndex]);
          }
          auto& into = follow[call->target->ruleIndex];
          size_t before = into.size();
          into.addAll(next);
          changed = changed || into.size() != before;
        }
      }
    }
    return follow[P::RuleJuxtExpr];
  }();
  return set;
}

// `u` ends with a quantity literal (under its signs): `-2 m`.
bool ends_in_quantity(P::UnaryExprContext* u) {
  while (u->unaryExpr()) u = u->unaryExpr();
  return u->juxtExpr() && quantity_head(u->juxtExpr());
}

// The juxtaposition being parsed, `j`, so far consists of a quantity literal's unit atoms: it is one
// (`2 m s`), or it continues one through `* / · × ÷` (`2 m / s`), as compiler/syntax/quantity.cpp
// regroups them.
bool in_quantity(P::JuxtExprContext* j) {
  if (quantity_head(j)) return true;
  auto* pf = j->powExpr() ? j->powExpr()->postfixExpr() : nullptr;
  auto* pn = pf && pf->primary() ? pf->primary()->primaryNoNumber() : nullptr;
  if (!pn || !unit_atom(pn, pf->postfix()) || !unit_atoms(j->juxtOperand())) return false;
  auto* u = dynamic_cast<P::UnaryExprContext*>(j->parent);
  auto* m = u ? dynamic_cast<P::MulExprContext*>(u->parent) : nullptr;
  if (!m) return false;
  auto parts = m->unaryExpr();
  size_t i = size_t(std::find(parts.begin(), parts.end(), u) - parts.begin());
  if (i == 0 || i >= parts.size()) return false;
  bool open = false;
  for (size_t k = 0; k < i; ++k)
    if (!(k > 0 && open && continues_quantity(parts[k]))) open = ends_in_quantity(parts[k]);
  return open;
}

// The loop `(sep statement?)*` of `rule` (program, block or recordBlock): of the rule's two loops, the
// one that cannot start a statement.
size_t separator_loop(const antlr4::atn::ATN& atn, size_t rule) {
  for (antlr4::atn::ATNState* s : atn.states)
    if (s && s->ruleIndex == rule && s->getStateType() == antlr4::atn::ATNState::STAR_LOOP_ENTRY &&
        !atn.nextTokens(s).contains(static_cast<size_t>(P::IDENT)))
      return s->stateNumber;
  return antlr4::atn::ATNState::INVALID_STATE_NUMBER;
}

// After a run of separators, a token that starts no statement (record item) and cannot close the list:
// the earlier grammar's adaptive loops (`sep* (statement (sep+ statement)*)? sep*`) found no alternative
// there. After a statement it reported from the loop between statements, expecting a separator or the
// closing `}` (or the end of the file), not a value.
bool bad_after_separator(antlr4::Parser* parser, bool& has_item) {
  auto* ctx = parser->getContext();
  if (auto* p = dynamic_cast<P::ProgramContext*>(ctx)) has_item = !p->statement().empty();
  else if (auto* b = dynamic_cast<P::BlockContext*>(ctx)) has_item = !b->statement().empty();
  else if (auto* r = dynamic_cast<P::RecordBlockContext*>(ctx)) has_item = !r->recordItem().empty();
  else return false;
  const antlr4::atn::ATN& atn = parser->getATN();
  antlr4::atn::ATNState* s = atn.states[parser->getState()];
  antlr4::TokenStream* in = parser->getTokenStream();
  return in->index() > 0 &&
         ErrorStrategy::separator(in->get(in->index() - 1)->getType()) && !atn.nextTokens(s).contains(in->LA(1));
}
}  // namespace

void ErrorStrategy::sync(antlr4::Parser* parser) {
  auto* j = dynamic_cast<P::JuxtExprContext*>(parser->getContext());
  if (j && in_quantity(j)) {
    size_t la = parser->getTokenStream()->LA(1);
    if (juxt_follow(parser->getATN()).contains(la) && !parser->getExpectedTokens().contains(la))
      throw antlr4::NoViableAltException(parser);
  }
  bool has_item = false;
  if (!inErrorRecoveryMode(parser) && bad_after_separator(parser, has_item)) {
    size_t loop = has_item ? separator_loop(parser->getATN(), parser->getContext()->getRuleIndex()) : parser->getState();
    if (loop != antlr4::atn::ATNState::INVALID_STATE_NUMBER) {
      // As the earlier loop decision did: before the run of separators (recovery starts there), and
      // still recovering from an earlier error when nothing but separators was matched since.
      antlr4::TokenStream* in = parser->getTokenStream();
      antlr4::Token* offending = in->LT(1);
      size_t first = in->index();
      while (first > 0 && separator(in->get(first - 1)->getType())) --first;
      if (separators_since_error_) beginErrorCondition(parser);
      in->seek(first);
      parser->setState(loop);  // the state the report's expectation is read from
      throw antlr4::NoViableAltException(parser, in, in->get(first), offending, nullptr, parser->getContext(), false);
    }
  }
  antlr4::DefaultErrorStrategy::sync(parser);
}

void ErrorStrategy::reportMatch(antlr4::Parser* parser) {
  if (inErrorRecoveryMode(parser)) separators_since_error_ = true;
  if (!separator(parser->getTokenStream()->LA(1))) separators_since_error_ = false;
  antlr4::DefaultErrorStrategy::reportMatch(parser);
}

bool ErrorStrategy::separator(size_t token_type) {
  return token_type == P::NL || token_type == P::SEMI || token_type == P::COMMA;
}

}  // namespace mls::syntax
