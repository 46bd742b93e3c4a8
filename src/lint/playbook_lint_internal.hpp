#pragma once
// What the files of the playbook linter share: where a problem is reported,
// and what values a fact can take.

#include <closecoach/diagnostic.hpp>
#include <closecoach/facts.hpp>
#include <closecoach/json_text.hpp>
#include <closecoach/playbook.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace closecoach::lint {

// Collects diagnostics located in the playbook's text.
class Reporter {
 public:
  Reporter(std::string_view text, std::string_view file_name, std::vector<Diagnostic>& out);

  // At the start of the value that `pointer` names.
  void at(Severity severity, const std::string& pointer, std::string message);
  // At byte `offset` of the (decoded) string value that `pointer` names.
  void in_string(Severity severity, const std::string& pointer, std::size_t offset,
                 std::string message);
  bool has_errors() const;

 private:
  Diagnostic& add(Severity severity, const std::string& pointer, std::string message);
  // Built when first needed: a playbook without problems needs no positions.
  const JsonLocator& locator();

  std::string_view m_text;
  std::string m_file;
  std::vector<Diagnostic>& m_out;
  std::optional<JsonLocator> m_locator;
};

// A JSON value as a playbook author reads it: strings in single quotes.
std::string literal_text(const nlohmann::json& value);
// "a", "a and b", "a, b and c".
std::string join_names(const std::vector<std::string>& names);

// Rule conditions: unknown facts, impossible values, rules that never fire,
// `set` values and cycles among derived facts.
void check_rules(const Playbook& playbook, const FactSchema& schema, Reporter& reporter);

// Only the facts `rule`'s condition reads that `playbook` does not have.
void check_rule_facts(const Playbook& playbook, const FactSchema& schema, const Rule& rule,
                      Reporter& reporter);

// The ids of the facts that `rule`'s condition reads or its `set` gives.
std::set<std::string> facts_used(const Rule& rule);

}  // namespace closecoach::lint
