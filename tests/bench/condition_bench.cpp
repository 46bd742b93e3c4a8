// Rule evaluations per second: 30 rules of 3-5 comparisons (equality, numeric
// comparison, membership in a list, nested and/or) over the contract's facts,
// evaluated on 10,000 random deals.
//
//   cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DCLOSECOACH_BUILD_BENCH=ON
//   cmake --build build-bench --target condition_bench && build-bench/tests/bench/condition_bench

#include <closecoach/condition.hpp>

#include <benchmark/benchmark.h>

#include <random>
#include <stdexcept>

#include "support/contract_facts.hpp"

namespace {

using closecoach::Condition;
using closecoach::FactSchema;
using closecoach::FactType;
using closecoach::Truth;
using closecoach::Value;
using nlohmann::json;

constexpr int k_rules = 30;
constexpr int k_records = 10000;

const FactSchema& schema() {
  static const FactSchema k_schema(closecoach::testing::contract_fact_specs());
  return k_schema;
}

class Workload {
 public:
  explicit Workload(double unanswered) : m_random(1234) {
    for (int r = 0; r < k_rules; ++r) {
      auto condition = Condition::compile(rule(), schema());
      if (!condition.ok()) throw std::runtime_error(condition.error().message);
      m_rules.push_back(std::move(condition.value()));
    }
    for (int d = 0; d < k_records; ++d)
      for (int s = 0; s < static_cast<int>(schema().size()); ++s)
        m_values.push_back(chance(unanswered) ? Value::unknown_value() : answer(s));
  }

  const std::vector<Condition>& rules() const { return m_rules; }
  closecoach::FactValues record(int d) const {
    return closecoach::FactValues(m_values).subspan(static_cast<std::size_t>(d) * schema().size(),
                                                    schema().size());
  }

 private:
  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(m_random) < p; }
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(m_random); }
  const std::string& value_of(int s) {
    const auto& values = schema().spec(s).values;
    return values[static_cast<std::size_t>(pick(static_cast<int>(values.size())))];
  }
  json var(int s) const { return {{"var", schema().spec(s).id}}; }

  Value answer(int s) {
    switch (schema().spec(s).type) {
      case FactType::enumeration:
        return schema().value_from_json(s, value_of(s)).value();
      case FactType::boolean:
        return Value::of(chance(0.5));
      default:
        return Value::of(
            static_cast<double>(pick(s == schema().slot_of("days_in_cycle") ? 30 : 5)));
    }
  }

  json comparison() {
    const int s = pick(static_cast<int>(schema().size()));
    switch (schema().spec(s).type) {
      case FactType::enumeration:
        if (chance(0.4)) return {{"in", {var(s), {value_of(s), value_of(s)}}}};
        return {{chance(0.8) ? "==" : "!=", {var(s), value_of(s)}}};
      case FactType::boolean:
        return chance(0.5) ? var(s) : json{{"==", {var(s), chance(0.5)}}};
      default: {
        const int limit = s == schema().slot_of("days_in_cycle") ? 30 : 5;
        if (chance(0.2)) return {{"<=", {pick(limit), var(s), pick(limit)}}};
        static const std::array<const char*, 4> k_ops = {"<", "<=", ">", ">="};
        return {{k_ops[static_cast<std::size_t>(pick(4))], {var(s), pick(limit)}}};
      }
    }
  }

  // 3-5 comparisons: all anded, or an and with a nested or, or an or of ands.
  json rule() {
    const int n = 3 + pick(3);
    std::vector<json> parts;
    for (int i = 0; i < n; ++i) parts.push_back(comparison());
    switch (pick(3)) {
      case 0:
        return {{"and", parts}};
      case 1:
        return {
            {"and",
             {parts[0], parts[1], {{"or", std::vector<json>(parts.begin() + 2, parts.end())}}}}};
      default:
        return {{"or",
                 {{{"and", {parts[0], parts[1]}}},
                  {{"and", std::vector<json>(parts.begin() + 2, parts.end())}}}}};
    }
  }

  std::mt19937 m_random;
  std::vector<Condition> m_rules;
  std::vector<Value> m_values;
};

void evaluate_all(benchmark::State& state, const Workload& workload) {
  std::int64_t fired = 0;
  for (auto _ : state) {
    for (int d = 0; d < k_records; ++d) {
      const auto record = workload.record(d);
      for (const Condition& rule : workload.rules()) fired += rule.evaluate(record) == Truth::yes;
    }
    benchmark::DoNotOptimize(fired);
  }
  state.SetItemsProcessed(state.iterations() * k_records * k_rules);
}

void BM_RulesOnCompleteDeals(benchmark::State& state) {
  static const Workload workload(0.0);
  evaluate_all(state, workload);
}
BENCHMARK(BM_RulesOnCompleteDeals)->Unit(benchmark::kMillisecond);

void BM_RulesOnDealsWithAThirdUnanswered(benchmark::State& state) {
  static const Workload workload(1.0 / 3);
  evaluate_all(state, workload);
}
BENCHMARK(BM_RulesOnDealsWithAThirdUnanswered)->Unit(benchmark::kMillisecond);

}  // namespace
