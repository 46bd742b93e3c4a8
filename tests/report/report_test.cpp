// The report's figures: the contract's counts, per owner, over shards, and
// the attention list and its order.

#include <closecoach/report.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "report_internal.hpp"
#include "support/test_support.hpp"

namespace closecoach {
namespace {

using nlohmann::json;

const std::vector<std::string>& sample_lines() {
  static const std::vector<std::string> k_lines{
      R"({"id":"1","line":1,"name":"Acme","owner":"Ann","closed":null,"class":"A","moves":[{"technique":"trial_close","rules":["r"]},{"technique":"assumptive_close","rules":["r"]}],"avoid":[{"technique":"hard_close","rule":"r"}],"warnings":[{"id":"a_class_overdue","rule":"r"}],"error":null})",
      R"({"id":"2","line":2,"name":"Globex","owner":"Ann","closed":null,"class":"D","moves":[{"technique":"graceful_exit","rules":["r"]}],"avoid":[],"warnings":[],"error":null})",
      R"({"id":"3","line":3,"name":"Initech","owner":"Bob","closed":null,"class":"B","moves":["reach_decision_maker"],"avoid":[],"warnings":[],"error":null})",
      R"({"id":"4","line":4,"name":"Umbrella","owner":"Bob","closed":"won","class":null,"moves":[],"avoid":[],"warnings":[],"error":null})",
      R"({"id":"5","line":5,"name":null,"owner":null,"closed":null,"class":null,"moves":[],"avoid":[],"warnings":[],"error":"line 5: invalid JSON"})",
      R"({"id":"6","line":6,"name":"Hooli","owner":null,"closed":null,"class":null,"moves":[{"technique":"alternatives_probe","rules":["r"]}],"avoid":[{"technique":"hard_close","rule":"r"}],"warnings":[{"id":"fatigue_concession","rule":"r"}],"error":null})",
      R"({"id":"7","line":7,"name":"Soylent","owner":"Bob","closed":null,"class":"A","moves":["graceful_exit"],"avoid":["hard_close","assumptive_close"],"warnings":[],"error":null})",
  };
  return k_lines;
}

ReportAggregator aggregate(const std::vector<std::string>& lines, std::size_t limit = 50) {
  ReportAggregator report(limit);
  for (const auto& line : lines) (void)report.add_line(line);
  return report;
}

json figures_json(const ReportAggregator& report) {
  return json::parse(render_report(report, ReportFormat::json, testing::default_engine().playbook(),
                                   ReportContext{}));
}

TEST(ReportFigures, CountEachOpenDealOnceByClassMoveAndWarning) {
  const json figures = figures_json(aggregate(sample_lines()));
  EXPECT_EQ(figures["deals"], 7);
  EXPECT_EQ(figures["errors"], 1);
  EXPECT_EQ(figures["closed"], 1);
  EXPECT_EQ(figures["by_class"], json::parse(R"({"A":2,"B":1,"C":0,"D":1,"none":1})"));
  EXPECT_EQ(figures["by_move"],
            json::parse(R"({"alternatives_probe":1,"graceful_exit":2,"reach_decision_maker":1,
                            "trial_close":1})"));
  EXPECT_EQ(figures["by_warning"], json::parse(R"({"a_class_overdue":1,"fatigue_concession":1})"));
}

TEST(ReportFigures, HaveTheContractKeysInTheContractOrderThenTheirOwn) {
  const std::string text = render_report(aggregate(sample_lines()), ReportFormat::json,
                                         testing::default_engine().playbook(), ReportContext{});
  std::vector<std::string> keys;
  const auto parsed = nlohmann::ordered_json::parse(text);
  for (const auto& item : parsed.items()) keys.push_back(item.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"deals", "errors", "closed", "by_class", "by_move",
                                            "by_warning", "by_owner", "bad_lines",
                                            "attention_total", "attention", "owners_ranked"}));
  EXPECT_EQ(text.back(), '\n');
}

TEST(ReportFigures, CountPerOwnerWithNoOwnerUnderTheEmptyKey) {
  const json owners = figures_json(aggregate(sample_lines()))["by_owner"];
  EXPECT_EQ(owners.size(), 3U);
  EXPECT_EQ(owners["Ann"], json::parse(R"({"deals":2,"by_class":{"A":1,"B":0,"C":0,"D":1,"none":0},
      "by_move":{"graceful_exit":1,"trial_close":1},"by_warning":{"a_class_overdue":1}})"));
  EXPECT_EQ(owners["Bob"], json::parse(R"({"deals":3,"by_class":{"A":1,"B":1,"C":0,"D":0,"none":0},
      "by_move":{"graceful_exit":1,"reach_decision_maker":1},"by_warning":{}})"));
  EXPECT_EQ(owners[""], json::parse(R"({"deals":2,"by_class":{"A":0,"B":0,"C":0,"D":0,"none":1},
      "by_move":{"alternatives_probe":1},"by_warning":{"fatigue_concession":1}})"));
}

TEST(ReportFigures, OverShardsEqualOneRunInAnyOrder) {
  std::vector<std::string> lines;
  for (int copy = 0; copy < 30; ++copy)
    for (const auto& line : sample_lines()) {
      std::string changed = line;
      changed.replace(changed.find("\"id\":\"") + 6, 0, std::to_string(copy) + "-");
      lines.push_back(changed);
    }
  const std::string one_run = figures_json(aggregate(lines, 10)).dump();
  std::mt19937 random(7);
  std::shuffle(lines.begin(), lines.end(), random);
  ReportAggregator merged(10);
  for (std::size_t start = 0; start < lines.size(); start += 37) {
    const auto end =
        lines.begin() + static_cast<std::ptrdiff_t>(std::min(start + 37, lines.size()));
    merged.merge(aggregate({lines.begin() + static_cast<std::ptrdiff_t>(start), end}, 10));
  }
  EXPECT_EQ(figures_json(merged).dump(), one_run);
}

TEST(ReportAttention, NamesEachConcernOfADeal) {
  const json figures = figures_json(aggregate(sample_lines()));
  std::map<std::string, json> by_id;
  for (const auto& deal : figures["attention"]) by_id[deal["id"]] = deal["concerns"];
  EXPECT_EQ(by_id.size(), 5U);
  EXPECT_EQ(by_id["1"], json::parse(R"(["a_class_overdue"])"));
  EXPECT_EQ(by_id["2"], json::parse(R"(["class_d_worked"])"));
  EXPECT_EQ(by_id["3"], json::parse(R"(["waiting_on_decision_maker"])"));
  EXPECT_EQ(by_id["6"], json::parse(R"(["fatigue"])"));
  EXPECT_EQ(by_id["7"], json::parse(R"(["hard_close_against"])"));
  EXPECT_EQ(figures["attention_total"], 5);
}

TEST(ReportAttention, ReadsATriedHardCloseFromTheFactsWhenReviewExplained) {
  const auto report = aggregate(
      {R"({"id":"x","class":"A","moves":["trial_close"],"avoid":["hard_close"],"warnings":[],
           "facts":{"hard_close_tried":true}})",
       R"({"id":"y","class":"A","moves":["graceful_exit"],"avoid":["hard_close"],"warnings":[],
           "facts":{"hard_close_tried":false}})"});
  ASSERT_EQ(report.attention().size(), 1U);
  EXPECT_EQ(report.attention()[0].id, "x");
}

TEST(ReportAttention, PutsTheMostUrgentFirstAndKeepsOnlyTheLimit) {
  const auto report = aggregate(sample_lines(), 2);
  const auto list = report.attention();
  ASSERT_EQ(list.size(), 2U);
  EXPECT_EQ(list[0].id, "7");  // hard close against
  EXPECT_EQ(list[1].id, "2");  // class D still worked
  EXPECT_EQ(report.attention_total(), 5U);
}

TEST(ReportOwners, RankTheOwnerWithMostDealsNeedingAttentionFirst) {
  const auto ranked = aggregate(sample_lines()).owners_ranked();
  EXPECT_EQ(ranked, (std::vector<std::string>{"Ann", "Bob", ""}));
}

TEST(ReportLines, CountWhatIsNotReviewOutputAndSaySo) {
  ReportAggregator report;
  const std::vector<std::pair<std::string, std::string>> cases{
      {"not json", "not review output: invalid JSON"},
      {"[1,2]", "not review output: not a JSON object"},
      {R"({"id":"1","facts":{}})", "not review output: no \"moves\" and no \"error\""},
      {R"({"id":"1","moves":"trial_close"})", "not review output: \"moves\" is not a list of ids"},
      {R"({"id":true,"moves":[]})", "not review output: \"id\" is not a string or number"},
      {R"({"id":"1","moves":[{"rules":[]}]})", "not review output: \"moves\" is not a list of ids"},
  };
  for (const auto& [line, message] : cases) {
    auto added = report.add_line(line);
    ASSERT_FALSE(added.ok()) << line;
    EXPECT_EQ(added.error().message, message);
  }
  EXPECT_FALSE(*report.add_line("   "));
  report.add_bad_line();  // one too long for the caller to read
  EXPECT_EQ(report.bad_lines(), cases.size() + 1);
  EXPECT_EQ(report.total().deals, 0U);
}

}  // namespace
}  // namespace closecoach
