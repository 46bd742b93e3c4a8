// CRM profiles on in-memory text: dates, the loader's located errors, the
// built-ins, header matching and rows read through a profile; and the
// fixtures of tests/data/crm/ (every export of one CRM, as the CRM wrote it and
// as Excel re-saved it, reads to the same deals).

#include <closecoach/crm_dates.hpp>
#include <closecoach/crm_profile.hpp>
#include <closecoach/csv.hpp>
#include <closecoach/json_text.hpp>
#include <closecoach/playbook.hpp>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "support/test_support.hpp"

namespace closecoach {
namespace {

using Lines = std::vector<std::string>;

const FactSchema& schema() {
  static const FactSchema facts = [] {
    PlaybookLoad load = load_playbook(default_playbook_text(), "playbook.json");
    return load.playbook->fact_schema();
  }();
  return facts;
}

CrmProfile builtin(const std::string& name) {
  ProfileLoad load = load_profile(*builtin_profile_text(name), name + ".json", schema());
  EXPECT_TRUE(load.diagnostics.empty()) << format_diagnostic(load.diagnostics.at(0));
  load.profile->builtin = true;
  return std::move(*load.profile);
}

Lines diagnostics_of(std::string_view text) {
  Lines out;
  for (const auto& diagnostic : load_profile(text, "my.json", schema()).diagnostics)
    out.push_back(format_diagnostic(diagnostic));
  return out;
}

const CivilDate k_today{2026, 11, 3};

// A row read through `profile` from a header and one data row.
struct Read {
  std::vector<std::string> fields;  // the row's cells, which `row` views
  ProfileRow row;
  std::string notes;
  std::vector<Value> facts;
  std::optional<std::string> error;
  std::string describe;
};

Value fact(const Read& read, std::string_view id) {
  return read.facts[static_cast<std::size_t>(schema().slot_of(id))];
}

std::string shown(const Value& value) {
  if (!value.known()) return "unknown";
  return FactSchema::value_to_json(value).dump();
}

Read read_row(const CrmProfile& profile, const std::vector<std::string>& header,
              const std::vector<std::string>& fields, const std::vector<bool>& claimed = {}) {
  const ProfileLayout layout(profile, schema(), header, claimed, k_today);
  Read read;
  read.fields = fields;
  read.facts.assign(schema().size(), Value::unknown_value());
  read.error = layout.read(read.fields, read.row, read.notes, read.facts);
  read.describe = layout.describe(header);
  return read;
}

TEST(CrmDates, ReadsTheFormsCrmsAndSpreadsheetsWrite) {
  EXPECT_EQ(parse_date("11/3/2026", "M/D/YYYY"), (CivilDate{2026, 11, 3}));
  EXPECT_EQ(parse_date("11/03/2026", "M/D/YYYY"), (CivilDate{2026, 11, 3}));
  EXPECT_EQ(parse_date(" 2026-11-03 09:15 ", "YYYY-MM-DD HH:mm"), (CivilDate{2026, 11, 3}));
  EXPECT_EQ(parse_date("2026-11-03 09:15:00", "YYYY-MM-DD HH:mm:ss"), (CivilDate{2026, 11, 3}));
  EXPECT_EQ(parse_date("11/3/2026, 9:15 PM", "M/D/YYYY, h:mm A"), (CivilDate{2026, 11, 3}));
  EXPECT_EQ(parse_date("03.11.2026 09:15", "D.M.YYYY H:mm"), (CivilDate{2026, 11, 3}));
  EXPECT_EQ(parse_date("3-nov-26", "D-MMM-YY"), (CivilDate{2026, 11, 3}));
  EXPECT_EQ(parse_date("2026-11-03T09:15:00Z", "YYYY-MM-DDTHH:mm:ssZ"), (CivilDate{2026, 11, 3}));
}

TEST(CrmDates, RefusesWhatIsNotADayInTheFormat) {
  EXPECT_EQ(parse_date("2/30/2026", "M/D/YYYY"), std::nullopt);
  EXPECT_EQ(parse_date("2/29/2026", "M/D/YYYY"), std::nullopt);
  EXPECT_EQ(parse_date("13/3/2026", "M/D/YYYY"), std::nullopt);
  EXPECT_EQ(parse_date("11/3/2026 9:15", "M/D/YYYY"), std::nullopt);
  EXPECT_EQ(parse_date("2026-11-03", "M/D/YYYY"), std::nullopt);
  EXPECT_EQ(parse_date("11/3/2026 13:15 PM", "M/D/YYYY h:mm A"), std::nullopt);
  EXPECT_EQ(parse_date("11/3/2026 9:61", "M/D/YYYY H:mm"), std::nullopt);
  EXPECT_EQ(parse_date("", "M/D/YYYY"), std::nullopt);
  EXPECT_EQ(parse_date("2/29/2028", "M/D/YYYY"), (CivilDate{2028, 2, 29}));
}

TEST(CrmDates, ChecksThatAFormatNamesYearMonthAndDayOnce) {
  EXPECT_EQ(check_date_format("M/D/YYYY h:mm A"), std::nullopt);
  EXPECT_EQ(check_date_format("DD/MM"), "date format 'DD/MM' has no year (YYYY)");
  EXPECT_EQ(check_date_format("YYYY-DD"), "date format 'YYYY-DD' has no month (M)");
  EXPECT_EQ(check_date_format("YYYY-MM"), "date format 'YYYY-MM' has no day (D)");
  EXPECT_EQ(check_date_format("YYYY-MM-DD YYYY"),
            "date format 'YYYY-MM-DD YYYY' has the year (YYYY) more than once");
}

TEST(CrmDates, CountsDaysAcrossMonthsYearsAndLeapDays) {
  EXPECT_EQ(days_between({2026, 9, 6}, k_today), 58);
  EXPECT_EQ(days_between({2027, 11, 3}, k_today), -365);
  EXPECT_EQ(days_between({2028, 2, 28}, {2028, 3, 1}), 2);
  EXPECT_EQ(days_between({1999, 12, 31}, {2000, 1, 1}), 1);
  EXPECT_EQ(parse_iso_date("2026-11-03"), k_today);
  EXPECT_EQ(parse_iso_date("2026-11-3"), std::nullopt);
  EXPECT_EQ(to_iso({2026, 1, 5}), "2026-01-05");
}

TEST(CrmProfileLoad, LoadsEveryBuiltInAgainstTheDefaultPlaybook) {
  EXPECT_EQ(builtin_profile_names(), (Lines{"salesforce", "hubspot", "pipedrive"}));
  for (const auto& name : builtin_profile_names()) {
    const CrmProfile profile = builtin(name);
    EXPECT_EQ(profile.name, name);
    EXPECT_FALSE(profile.detect.empty()) << name;
  }
  EXPECT_EQ(builtin_profile_text("zoho"), std::nullopt);
}

TEST(CrmProfileLoad, KeepsFactsAndValuesInTheOrderOfTheFile) {
  const CrmProfile profile = builtin("salesforce");
  ASSERT_EQ(profile.facts.size(), 2u);
  EXPECT_EQ(profile.facts[0].fact, "stage");
  EXPECT_EQ(profile.facts[1].fact, "days_in_cycle");
  Lines values;
  for (const auto& [crm, value] : profile.facts[0].sources[0].values) values.push_back(crm);
  EXPECT_EQ(values, (Lines{"Prospecting", "Qualification", "Needs Analysis", "Value Proposition",
                           "Id. Decision Makers", "Perception Analysis", "Proposal/Price Quote",
                           "Negotiation/Review"}));
}

TEST(CrmProfileLoad, NamesAProfileWithoutANameAfterItsFile) {
  ProfileLoad load = load_profile(R"({"columns": {"id": "Ref"}})", "dir/my-crm.json", schema());
  ASSERT_TRUE(load.profile);
  EXPECT_EQ(load.profile->name, "my-crm");
  EXPECT_EQ(load.profile->id, Lines{"Ref"});
}

TEST(CrmProfileLoad, LocatesEveryProblem) {
  const std::string text = R"({
  "detcet": ["Stage"],
  "columns": {"id": ["Ref", ""], "owner": 3},
  "closed": {"column": "Status"},
  "facts": {
    "stagee": {"column": "Stage"},
    "stage": {"column": "Stage", "values": {"Won": "closing", "Pitch": "presentation", "PITCH": "discovery"}},
    "customer_class": {"column": "Class"},
    "days_in_cycle": [{"column": "Created", "days_since": ["DD/MM"]}, {"values": {}}],
    "has_need": {"column": "Need", "days_since": ["YYYY-MM-DD"]}
  }
})";
  EXPECT_EQ(
      diagnostics_of(text),
      (Lines{
          "my.json:2:3: error: unknown key 'detcet' in a profile (known: $schema, name, "
          "description, detect, columns, closed, facts) (/detcet)",
          "my.json:3:29: error: column names cannot be empty (/columns/id/1)",
          "my.json:3:34: error: column names must be a string or an array of strings, not an "
          "integer (/columns/owner)",
          "my.json:4:3: error: 'closed' needs the values that mean 'won' or 'lost' (/closed)",
          "my.json:6:5: error: unknown fact 'stagee'; did you mean 'stage'? (known facts: "
          "contact_role, has_need, "
          "can_pay, sees_value, stage, last_response, soft_closes_tried, hard_close_tried, "
          "on_shortlist, real_urgency, relationship_value, win_lose_negotiator, days_in_cycle) "
          "(/facts/stagee)",
          "my.json:7:45: error: fact 'stage' cannot be 'closing' (allowed: discovery, "
          "presentation, negotiation, final_20_min, follow_up) (/facts/stage/values/Won)",
          "my.json:7:88: error: 'Pitch' and 'PITCH' are the same CRM value (values match "
          "ignoring case, spaces, '-', '_' and '.') (/facts/stage/values/PITCH)",
          "my.json:8:5: error: fact 'customer_class' is derived from other answers and cannot be "
          "given (/facts/customer_class)",
          "my.json:9:60: error: date format 'DD/MM' has no year (YYYY) "
          "(/facts/days_in_cycle/0/days_since/0)",
          "my.json:9:71: error: missing required key 'column' (/facts/days_in_cycle/1)",
          "my.json:10:36: error: 'days_since' counts days, but fact 'has_need' is bool, not a "
          "number (/facts/has_need/days_since)",
      }));
}

TEST(CrmProfileLoad, ReportsMalformedJsonWhereItIs) {
  const std::string text = "{\"name\": \"x\",\n}";
  EXPECT_EQ(diagnostics_of(text), Lines{format_diagnostic(parse_json(text, "my.json").error())});
  EXPECT_EQ(diagnostics_of("[]"), Lines{"my.json:1:1: error: a profile must be a JSON object"});
}

TEST(CrmProfileDetect, KnowsEachCrmByItsHeaderRow) {
  const CrmProfile salesforce = builtin("salesforce");
  const CrmProfile hubspot = builtin("hubspot");
  const CrmProfile pipedrive = builtin("pipedrive");
  const Lines sf{"Opportunity Owner", "Account Name", "Opportunity Name", "Stage", "Amount"};
  const Lines hs{"Record ID", "Deal Name", "Pipeline", "Deal Stage", "Deal owner"};
  const Lines pd{"Deal - ID", "Deal - Title", "Deal - Stage", "Deal - Status", "Deal - Owner"};
  EXPECT_TRUE(profile_detects(salesforce, sf));
  EXPECT_FALSE(profile_detects(salesforce, hs));
  EXPECT_TRUE(profile_detects(hubspot, hs));
  EXPECT_FALSE(profile_detects(hubspot, pd));
  EXPECT_TRUE(profile_detects(pipedrive, pd));
  EXPECT_FALSE(profile_detects(pipedrive, sf));
  // Headers match as review's do: "OPPORTUNITY_OWNER" is "Opportunity Owner".
  EXPECT_TRUE(profile_detects(salesforce, {"OPPORTUNITY_OWNER", "opportunity name", "STAGE"}));
  // A file named like facts is no CRM export.
  EXPECT_FALSE(profile_detects(salesforce, {"Opportunity Name", "Stage", "Contact Role"}));
}

const Lines k_salesforce_header{
    "Opportunity Owner", "Opportunity Name", "Opportunity ID", "Stage", "Age",
    "Created Date",      "Next Step",        "Description"};

TEST(CrmProfileLayout, SaysWhichColumnsItReadsForWhat) {
  const Read read = read_row(builtin("salesforce"), k_salesforce_header, {});
  EXPECT_EQ(read.describe,
            "id 'Opportunity ID', name 'Opportunity Name', owner 'Opportunity Owner', notes "
            "'Description' + 'Next Step', closed 'Stage', stage 'Stage', days_in_cycle 'Created "
            "Date' (days to 2026-11-03)");
}

TEST(CrmProfileLayout, ReadsADealThroughTheProfile) {
  const Read read = read_row(builtin("salesforce"), k_salesforce_header,
                             {"Maria Schäfer", "Acme - 500 seats", "006A1", " Negotiation/Review ",
                              "58", "9/6/2026", "Send the contract", "CFO: think it over"});
  EXPECT_EQ(read.error, std::nullopt);
  EXPECT_EQ(read.row.id, "006A1");
  EXPECT_EQ(read.row.name, "Acme - 500 seats");
  EXPECT_EQ(read.row.owner, "Maria Schäfer");
  EXPECT_EQ(read.row.closed, DealClosed::open);
  EXPECT_EQ(read.notes, "CFO: think it over\nSend the contract");
  EXPECT_EQ(shown(fact(read, "stage")), R"("negotiation")");
  EXPECT_EQ(shown(fact(read, "days_in_cycle")), "58");
}

TEST(CrmProfileLayout, MatchesValuesIgnoringCaseAndSpacing) {
  const CrmProfile profile = builtin("salesforce");
  for (const std::string stage : {"negotiation/review", "NEGOTIATION/REVIEW", "Id.Decision.Makers"})
    EXPECT_EQ(read_row(profile, {"Stage"}, {stage}).error, std::nullopt) << stage;
  EXPECT_EQ(shown(fact(read_row(profile, {"Stage"}, {"id decision makers"}), "stage")),
            R"("presentation")");
  // A value the fact itself has needs no mapping.
  EXPECT_EQ(shown(fact(read_row(profile, {"Stage"}, {"negotiation"}), "stage")),
            R"("negotiation")");
}

TEST(CrmProfileLayout, MarksClosedDealsAndLeavesTheirStageUnanswered) {
  const CrmProfile profile = builtin("salesforce");
  const Read won = read_row(profile, {"Stage"}, {"Closed Won"});
  EXPECT_EQ(won.error, std::nullopt);
  EXPECT_EQ(won.row.closed, DealClosed::won);
  EXPECT_EQ(shown(fact(won, "stage")), "unknown");
  EXPECT_EQ(read_row(profile, {"Stage"}, {"closed lost"}).row.closed, DealClosed::lost);
  const Read pipedrive =
      read_row(builtin("pipedrive"), {"Deal - Stage", "Deal - Status"}, {"Proposal Made", "Lost"});
  EXPECT_EQ(pipedrive.row.closed, DealClosed::lost);
  EXPECT_EQ(shown(fact(pipedrive, "stage")), R"("negotiation")");
}

TEST(CrmProfileLayout, NamesTheColumnTheValueAndTheChoicesOfAValueItDoesNotKnow) {
  const Read read =
      read_row(builtin("salesforce"), {"Opportunity ID", "Stage"}, {"006A1", "Negotiation Review"});
  EXPECT_EQ(read.row.id, "006A1");
  EXPECT_EQ(read.error,
            "column 2 ('Stage'): 'Negotiation Review' is not a value the salesforce profile maps "
            "to stage (it maps Prospecting, Qualification, Needs Analysis, Value Proposition, Id. "
            "Decision Makers, Perception Analysis, Proposal/Price Quote, Negotiation/Review; "
            "closed: Closed Won, Closed Lost; stage's own values: discovery, presentation, "
            "negotiation, final_20_min, follow_up); map it under facts.stage.values in a profile "
            "file (start from: closecoach profile show salesforce)");
}

TEST(CrmProfileLayout, NamesTheProfileFileToEditForAValueItDoesNotKnow) {
  ProfileLoad load = load_profile(
      R"({"facts": {"stage": [{"column": "Phase", "values": {"Pitch": "presentation"}}]}})",
      "crm/my-crm.json", schema());
  ASSERT_TRUE(load.profile);
  EXPECT_EQ(read_row(*load.profile, {"Phase"}, {"Closing"}).error,
            "column 1 ('Phase'): 'Closing' is not a value the my-crm profile maps to stage (it "
            "maps Pitch; stage's own values: discovery, presentation, negotiation, final_20_min, "
            "follow_up); map it under facts.stage[0].values in crm/my-crm.json");
}

TEST(CrmProfileLayout, CountsDaysInCycleFromTheCreatedDateOrElseTheAge) {
  const CrmProfile profile = builtin("salesforce");
  EXPECT_EQ(
      shown(fact(read_row(profile, {"Age", "Created Date"}, {"12", "11/3/2026"}), "days_in_cycle")),
      "0");
  EXPECT_EQ(shown(fact(read_row(profile, {"Age"}, {"12"}), "days_in_cycle")), "12");
  EXPECT_EQ(read_row(profile, {"Created Date"}, {"11/4/2026"}).error,
            "column 1 ('Created Date'): '11/4/2026' is after today (2026-11-03), so days_in_cycle "
            "would be negative; give the day the export was made with --today YYYY-MM-DD");
  EXPECT_EQ(read_row(builtin("hubspot"), {"Create Date"}, {"yesterday"}).error,
            "column 1 ('Create Date'): 'yesterday' is not a date in the form YYYY-MM-DD HH:mm or "
            "YYYY-MM-DD HH:mm:ss or YYYY-MM-DD or M/D/YYYY H:mm or M/D/YYYY h:mm A or M/D/YYYY or "
            "D.M.YYYY H:mm or D.M.YYYY");
  // A column read as the fact reads text fails as the fact does.
  EXPECT_EQ(read_row(profile, {"Age"}, {"-3"}).error,
            "column 1 ('Age'): " +
                schema().value_from_text(schema().slot_of("days_in_cycle"), "-3").error().message);
}

TEST(CrmProfileLayout, LeavesColumnsThatSomethingElseClaimsAlone) {
  const Read read = read_row(builtin("salesforce"), {"Opportunity ID", "Stage"},
                             {"006A1", "whatever"}, std::vector<bool>{false, true});
  EXPECT_EQ(read.error, std::nullopt);
  EXPECT_EQ(read.describe, "id 'Opportunity ID'");
  EXPECT_EQ(shown(fact(read, "stage")), "unknown");
}

TEST(CrmProfileLayout, GivesBlankCellsAndMissingColumnsNoValue) {
  const Read read =
      read_row(builtin("hubspot"), {"Record ID", "Deal owner", "Deal Stage"}, {"  ", "", ""});
  EXPECT_EQ(read.error, std::nullopt);
  EXPECT_TRUE(read.row.has_id);
  EXPECT_EQ(read.row.id, "");
  EXPECT_EQ(read.row.owner, "");
  EXPECT_EQ(read.row.closed, DealClosed::open);
  const Read short_row = read_row(builtin("hubspot"), {"Deal Name", "Deal Stage"}, {"Acme"});
  EXPECT_FALSE(short_row.row.has_id);
  EXPECT_EQ(short_row.row.name, "Acme");
}

// A deal as tests/data/crm/*.expected.jsonl write it.
nlohmann::json deal_json(const ProfileRow& row, const std::vector<Value>& facts) {
  const auto text_or_null = [](std::string_view text) {
    return text.empty() ? nlohmann::json() : nlohmann::json(std::string(text));
  };
  const auto fact_json = [&](std::string_view id) {
    return FactSchema::value_to_json(facts[static_cast<std::size_t>(schema().slot_of(id))]);
  };
  const nlohmann::json closed[] = {nullptr, "won", "lost"};
  return {{"id", text_or_null(row.id)},       {"name", text_or_null(row.name)},
          {"owner", text_or_null(row.owner)}, {"closed", closed[static_cast<int>(row.closed)]},
          {"stage", fact_json("stage")},      {"days_in_cycle", fact_json("days_in_cycle")}};
}

// The fixtures in UTF-8; the other encodings need review's transcoding.
class CrmFixture : public ::testing::TestWithParam<std::pair<std::string, std::string>> {};

TEST_P(CrmFixture, ReadsToTheExpectedDeals) {
  const auto& [file, crm] = GetParam();
  const std::string dir = std::string(CLOSECOACH_TEST_DATA) + "/crm/";
  const std::string text = testing::read_file(dir + file);
  ASSERT_FALSE(text.empty()) << file;
  CsvReader reader(text);
  CsvRecord header;
  ASSERT_TRUE(reader.next(header));
  std::string detected;
  for (const auto& name : builtin_profile_names())
    if (detected.empty() && profile_detects(builtin(name), header.fields)) detected = name;
  ASSERT_EQ(detected, crm);
  const CrmProfile profile = builtin(crm);
  const ProfileLayout layout(profile, schema(), header.fields, {}, k_today);
  std::vector<nlohmann::json> got;
  CsvRecord record;
  while (reader.next(record)) {
    ASSERT_FALSE(record.error) << record.error->message;
    if (classify_row(record.fields) != CsvRowKind::data) continue;
    ProfileRow row;
    std::string notes;
    std::vector<Value> facts(schema().size(), Value::unknown_value());
    ASSERT_EQ(layout.read(record.fields, row, notes, facts), std::nullopt);
    got.push_back(deal_json(row, facts));
  }
  std::vector<nlohmann::json> expected;
  std::istringstream lines(testing::read_file(dir + crm + ".expected.jsonl"));
  for (std::string line; std::getline(lines, line);)
    expected.push_back(nlohmann::json::parse(line));
  EXPECT_EQ(got, expected);
}

INSTANTIATE_TEST_SUITE_P(Utf8Exports, CrmFixture,
                         ::testing::Values(std::pair{"salesforce.csv", "salesforce"},
                                           std::pair{"salesforce_excel.csv", "salesforce"},
                                           std::pair{"hubspot.csv", "hubspot"},
                                           std::pair{"pipedrive.csv", "pipedrive"}));

}  // namespace
}  // namespace closecoach
