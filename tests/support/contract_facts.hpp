#pragma once
// The contract's thirteen input facts, built by hand for tests and benchmarks
// that compile conditions without loading a playbook.

#include <closecoach/facts.hpp>

#include <string>
#include <utility>
#include <vector>

namespace closecoach::testing {

inline FactSpec fact_spec(std::string id, FactType type, std::vector<std::string> values = {}) {
  FactSpec fact;
  fact.id = std::move(id);
  fact.type = type;
  fact.values = std::move(values);
  if (type == FactType::integer) fact.minimum = 0;
  return fact;
}

inline std::vector<FactSpec> contract_fact_specs() {
  return {
      fact_spec("contact_role", FactType::enumeration,
                {"first_kp", "second_kp", "third_kp", "unknown"}),
      fact_spec("has_need", FactType::boolean),
      fact_spec("can_pay", FactType::boolean),
      fact_spec("sees_value", FactType::enumeration, {"yes", "not_yet", "no"}),
      fact_spec("on_shortlist", FactType::boolean),
      fact_spec("stage", FactType::enumeration,
                {"discovery", "presentation", "negotiation", "final_20_min", "follow_up"}),
      fact_spec("last_response", FactType::enumeration,
                {"none", "interested", "think_about_it", "objection", "late_change", "ready_to_buy",
                 "refused"}),
      fact_spec("soft_closes_tried", FactType::integer),
      fact_spec("hard_close_tried", FactType::boolean),
      fact_spec("win_lose_negotiator", FactType::boolean),
      fact_spec("days_in_cycle", FactType::integer),
      fact_spec("relationship_value", FactType::enumeration, {"low", "normal", "high"}),
      fact_spec("real_urgency", FactType::boolean),
  };
}

}  // namespace closecoach::testing
