// REPL entries as transactions (Checker::begin_entry): what an entry changed is undone on error.
#include "compiler/sema/checker.hpp"

#include <algorithm>

namespace mls::sema {

void Checker::begin_entry(bool declares_units) {
  Transaction t;
  t.insts = module_.body.insts.size();
  t.values = module_.num_values;
  t.tables = module_.num_tables;
  t.plots = module_.num_plots;
  t.zoo = zoo_.size();
  t.typed = typed_.size();
  t.owned = owned_.size();
  t.poisoned = poisoned_;
  t.imported = imported_;
  t.fidelity = fidelity_;
  if (declares_units) t.units = units_;
  tx_ = std::move(t);
}

void Checker::rollback_entry() {
  if (!tx_) return;
  Transaction& t = *tx_;
  auto& globals = scopes_.front();
  for (auto it = t.undo.rbegin(); it != t.undo.rend(); ++it) {
    if (it->second) globals[it->first] = *it->second;
    else globals.erase(it->first);
  }
  module_.body.insts.resize(t.insts);
  module_.num_values = t.values;
  module_.num_tables = t.tables;
  module_.num_plots = t.plots;
  zoo_.resize(t.zoo);
  typed_.resize(t.typed);
  owned_.resize(t.owned);
  poisoned_ = std::move(t.poisoned);
  imported_ = std::move(t.imported);
  fidelity_ = std::move(t.fidelity);
  if (t.units) units_ = std::move(*t.units);
  tx_.reset();
}

std::vector<std::string> Checker::commit_entry() {
  std::vector<std::string> rebound;
  if (tx_)
    for (auto& [name, old] : tx_->undo)
      if (old && name != "ans" && std::find(rebound.begin(), rebound.end(), name) == rebound.end()) rebound.push_back(name);
  tx_.reset();
  return rebound;
}

}  // namespace mls::sema
