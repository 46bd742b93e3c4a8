#include <closecoach/facts.hpp>

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace closecoach {
namespace {

using nlohmann::json;

FactSpec spec(std::string id, FactType type, std::vector<std::string> values = {},
              std::optional<double> minimum = std::nullopt,
              std::optional<double> maximum = std::nullopt) {
  FactSpec fact;
  fact.id = std::move(id);
  fact.type = type;
  fact.values = std::move(values);
  fact.minimum = minimum;
  fact.maximum = maximum;
  return fact;
}

FactSchema deal_schema() {
  return FactSchema({
      spec("stage", FactType::enumeration,
           {"discovery", "presentation", "negotiation", "final_20_min", "follow_up"}),
      spec("has_need", FactType::boolean),
      spec("soft_closes_tried", FactType::integer, {}, 0.0),
      spec("budget_share", FactType::number, {}, 0.0, 1.0),
      spec("notes", FactType::string),
      spec("score", FactType::integer, {}, std::nullopt, 10.0),
  });
}

std::string error_of(const Result<Value>& result) {
  return result.ok() ? "(no error)" : result.error().message;
}

TEST(FactTypes, NameRoundTrips) {
  for (const auto type : {FactType::boolean, FactType::integer, FactType::number,
                          FactType::enumeration, FactType::string})
    EXPECT_EQ(fact_type_from_name(fact_type_name(type)), type);
  EXPECT_EQ(fact_type_name(FactType::enumeration), "enum");
  EXPECT_EQ(fact_type_from_name("date"), std::nullopt);
}

TEST(FactSchema, FindsEverySlotByIdAndNothingElse) {
  const FactSchema schema = deal_schema();
  EXPECT_EQ(schema.slot_of("stage"), 0);
  EXPECT_EQ(schema.slot_of("score"), 5);
  EXPECT_EQ(schema.slot_of("budget_ok"), -1);
  EXPECT_EQ(schema.slot_of(""), -1);
  EXPECT_EQ(FactSchema().slot_of("stage"), -1);
}

TEST(FactSchema, FindsSlotsAmongManyFacts) {
  std::vector<FactSpec> facts;
  for (int i = 0; i < 300; ++i) facts.push_back(spec(fmt::format("fact_{}", i), FactType::boolean));
  const FactSchema schema(std::move(facts));
  for (int i = 0; i < 300; ++i) EXPECT_EQ(schema.slot_of(fmt::format("fact_{}", i)), i);
  EXPECT_EQ(schema.slot_of("fact_300"), -1);
}

TEST(FactSchema, ReadsEnumAnswersIntoItsOwnStorage) {
  const FactSchema schema = deal_schema();
  const auto first = schema.value_from_json(0, "negotiation");
  const auto second = schema.value_from_text(0, "negotiation");
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(first->kind, Value::Kind::string);
  EXPECT_EQ(first->string, "negotiation");
  EXPECT_EQ(first->string.data(), second->string.data());  // the schema's copy, not the caller's
}

TEST(FactSchema, NumbersEnumValuesTheSameInACopy) {
  const FactSchema schema = deal_schema();
  const FactSchema copy = schema;
  const auto& values = schema.spec(0).values;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const Value from_json = schema.value_from_json(0, values[i]).value();
    const Value from_text = copy.value_from_text(0, fmt::format(" {}", values[i])).value();
    EXPECT_EQ(std::size_t{from_json.enum_index}, i);
    EXPECT_EQ(std::size_t{from_text.enum_index}, i);
    EXPECT_EQ(from_text.string, values[i]);
    EXPECT_EQ(std::size_t{copy.enum_value(0, i).enum_index}, i);
  }
  EXPECT_EQ(schema.value_from_json(4, "negotiation")->enum_index, Value::k_no_index);  // free text
  EXPECT_EQ(schema.value_from_json(1, true)->enum_index, Value::k_no_index);
  EXPECT_EQ(Value::of(std::string_view("negotiation")).enum_index, Value::k_no_index);
}

TEST(FactSchema, RejectsEnumValueNamingTheAllowedOnes) {
  const FactSchema schema = deal_schema();
  EXPECT_EQ(error_of(schema.value_from_json(0, "closing")),
            "fact 'stage' cannot be 'closing' (allowed: discovery, presentation, negotiation, "
            "final_20_min, follow_up)");
  EXPECT_EQ(error_of(schema.value_from_json(0, 3)),
            "fact 'stage' cannot be 3 (allowed: discovery, presentation, negotiation, "
            "final_20_min, follow_up)");
  EXPECT_EQ(error_of(schema.value_from_text(0, "Closing")),
            "fact 'stage' cannot be 'Closing' (allowed: discovery, presentation, negotiation, "
            "final_20_min, follow_up)");
}

TEST(FactSchema, ReadsTypedEnumValuesInAnyCaseButConditionValuesExactly) {
  const FactSchema schema = deal_schema();
  for (const auto& [typed, index] : {std::pair{"Negotiation", 2},
                                     {"NEGOTIATION", 2},
                                     {" negotiation ", 2},
                                     {"Final_20_Min", 3}}) {
    const auto value = schema.value_from_text(0, typed);
    ASSERT_TRUE(value.ok()) << typed;
    EXPECT_EQ(value->enum_index, index) << typed;
  }
  EXPECT_EQ(schema.value_from_text(0, "Final_20_Min")->string, "final_20_min");
  EXPECT_EQ(error_of(schema.value_from_json(0, "Negotiation")),
            "fact 'stage' cannot be 'Negotiation' (allowed: discovery, presentation, negotiation, "
            "final_20_min, follow_up)");
}

TEST(FactSchema, ReadsBoolAnswers) {
  const FactSchema schema = deal_schema();
  EXPECT_TRUE(schema.value_from_json(1, true)->boolean);
  for (const char* yes : {"true", "yes", "1", "TRUE", " Yes "})
    EXPECT_TRUE(schema.value_from_text(1, yes)->boolean) << yes;
  for (const char* no : {"false", "no", "0", "False"})
    EXPECT_FALSE(schema.value_from_text(1, no)->boolean) << no;
  EXPECT_EQ(error_of(schema.value_from_text(1, "maybe")),
            "fact 'has_need' must be true or false, not 'maybe'");
  EXPECT_EQ(error_of(schema.value_from_json(1, "true")),
            "fact 'has_need' must be true or false, not 'true'");
  EXPECT_EQ(error_of(schema.value_from_json(1, 1)), "fact 'has_need' must be true or false, not 1");
}

TEST(FactSchema, ReadsWholeNumbersWithinTheirRange) {
  const FactSchema schema = deal_schema();
  EXPECT_EQ(schema.value_from_json(2, 3)->number, 3);
  EXPECT_EQ(schema.value_from_json(2, 3.0)->number, 3);
  EXPECT_EQ(schema.value_from_text(2, "12")->number, 12);
  EXPECT_EQ(error_of(schema.value_from_text(2, "abc")),
            "fact 'soft_closes_tried' must be a whole number >= 0, not 'abc'");
  EXPECT_EQ(error_of(schema.value_from_json(2, -1)),
            "fact 'soft_closes_tried' must be a whole number >= 0, not -1");
  EXPECT_EQ(error_of(schema.value_from_json(2, 1.5)),
            "fact 'soft_closes_tried' must be a whole number >= 0, not 1.5");
  EXPECT_EQ(error_of(schema.value_from_json(2, "2")),
            "fact 'soft_closes_tried' must be a whole number >= 0, not '2'");
  EXPECT_EQ(error_of(schema.value_from_text(5, "11")),
            "fact 'score' must be a whole number <= 10, not '11'");
}

TEST(FactSchema, ReadsNumbersWithinTheirRange) {
  const FactSchema schema = deal_schema();
  EXPECT_EQ(schema.value_from_text(3, "0.25")->number, 0.25);
  EXPECT_EQ(schema.value_from_text(3, "+.5")->number, 0.5);
  EXPECT_EQ(error_of(schema.value_from_text(3, "1.5")),
            "fact 'budget_share' must be a number between 0 and 1, not '1.5'");
  EXPECT_EQ(error_of(schema.value_from_text(3, "inf")),
            "fact 'budget_share' must be a number between 0 and 1, not 'inf'");
  EXPECT_EQ(error_of(schema.value_from_text(3, "0x1")),
            "fact 'budget_share' must be a number between 0 and 1, not '0x1'");
}

TEST(FactSchema, ReadsFreeTextAsGiven) {
  const FactSchema schema = deal_schema();
  const json answer = "called twice";
  EXPECT_EQ(schema.value_from_json(4, answer)->string, "called twice");
  EXPECT_EQ(error_of(schema.value_from_json(4, 7)), "fact 'notes' must be text, not 7");
}

TEST(FactSchema, ChecksAValueWithTheMessageOfAnAnswer) {
  const FactSchema schema = deal_schema();
  const auto message_of = [](const Result<bool>& result) {
    return result.ok() ? std::string("(no error)") : result.error().message;
  };
  EXPECT_TRUE(schema.check_value(0, "negotiation").ok());
  EXPECT_TRUE(schema.check_value(2, 4).ok());
  EXPECT_EQ(message_of(schema.check_value(0, "closing")),
            "fact 'stage' cannot be 'closing' (allowed: discovery, presentation, negotiation, "
            "final_20_min, follow_up)");
  EXPECT_EQ(message_of(schema.check_value(1, "yes")),
            "fact 'has_need' must be true or false, not 'yes'");
  EXPECT_EQ(message_of(schema.check_value(2, 1.5)),
            "fact 'soft_closes_tried' must be a whole number >= 0, not 1.5");
  EXPECT_EQ(message_of(schema.check_value(3, nullptr)),
            "fact 'budget_share' must be a number between 0 and 1, not null");
  EXPECT_EQ(message_of(schema.check_value(4, 7)), "fact 'notes' must be text, not 7");
}

TEST(FactSchema, TreatsNullAndEmptyTextAsUnanswered) {
  const FactSchema schema = deal_schema();
  EXPECT_FALSE(schema.value_from_json(0, nullptr)->known());
  EXPECT_FALSE(schema.value_from_text(2, "")->known());
  EXPECT_FALSE(schema.value_from_text(1, "  ")->known());
}

TEST(FactSchema, WritesValuesBackAsJson) {
  const FactSchema schema = deal_schema();
  EXPECT_EQ(FactSchema::value_to_json(*schema.value_from_json(0, "follow_up")), json("follow_up"));
  EXPECT_EQ(FactSchema::value_to_json(Value::of(2.0)).dump(), "2");
  EXPECT_EQ(FactSchema::value_to_json(Value::of(0.5)).dump(), "0.5");
  EXPECT_EQ(FactSchema::value_to_json(Value::of(false)), json(false));
  EXPECT_EQ(FactSchema::value_to_json(Value::unknown_value()), json(nullptr));
}

TEST(FactSchema, CopyKeepsWorking) {
  FactSchema copy;
  {
    const FactSchema original = deal_schema();
    copy = original;
  }
  EXPECT_EQ(copy.slot_of("notes"), 4);
  EXPECT_EQ(copy.value_from_json(0, "discovery")->string, "discovery");
}

}  // namespace
}  // namespace closecoach
