#include <closecoach/json_text.hpp>

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

using namespace closecoach;

TEST(ParseJson, ReportsLineAndColumnOfSyntaxError) {
  auto parsed = parse_json("{\n  \"a\": 1,\n  \"b\" 2\n}", "answers.json");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(format_diagnostic(parsed.error()),
            "answers.json:3:7: error: invalid JSON: syntax error while parsing object separator - "
            "unexpected number literal; expected ':'");
}

// Found by playbook_fuzzer: simdjson took "9" and ignored what followed a NUL.
TEST(ParseJson, RefusesTextAfterANulByte) {
  using namespace std::string_view_literals;
  auto parsed = parse_json("9\0\0{\"rules\": []}"sv, "p.json");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().line, 1u);
  EXPECT_EQ(parsed.error().column, 2u);
}

TEST(ParseJson, CountsColumnsInCodePoints) {
  auto parsed = parse_json("{\"名字\": tru}");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().line, 1u);
  EXPECT_EQ(parsed.error().column, 11u);
}

TEST(ParseJson, RefusesDeepNestingWithoutRecursing) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  auto parsed = parse_json(deep, "deep.json");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(format_diagnostic(parsed.error()),
            "deep.json:1:257: error: JSON nested deeper than 256 levels");
}

TEST(ParseJson, AcceptsBracketsInsideStrings) {
  auto parsed = parse_json(R"({"a": "[[[[\"{{{"})", {}, 2);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ((*parsed)["a"], "[[[[\"{{{");
}

TEST(JsonLocator, FindsMembersAndArrayElements) {
  const std::string text =
      "{\n  \"rules\": [\n    {\"id\": \"x\", \"when\": true},\n    {\"a/b\": 1}\n  ]\n}";
  JsonLocator locator(text);
  EXPECT_EQ(locator.locate("/rules").line, 2u);
  EXPECT_EQ(locator.locate("/rules").column, 3u);
  EXPECT_EQ(locator.locate("/rules/0/when").line, 3u);
  EXPECT_EQ(locator.locate("/rules/0/when").column, 17u);
  EXPECT_EQ(locator.locate("/rules/1").line, 4u);
  EXPECT_EQ(locator.locate("/rules/1").column, 5u);
  EXPECT_EQ(locator.locate("/rules/1/a~1b").column, 6u);
}

TEST(JsonLocator, FallsBackToNearestAncestor) {
  JsonLocator locator("{\"facts\": [1, 2]}");
  EXPECT_EQ(locator.locate("/facts/7/id").column, 2u);
}

TEST(JsonLocator, FillsInADiagnostic) {
  JsonLocator locator("{\n\"a\": {\"b\": 3}}");
  Diagnostic diagnostic = make_error("bad b", "/a/b");
  diagnostic.file = "p.json";
  locator.locate(diagnostic);
  EXPECT_EQ(format_diagnostic(diagnostic), "p.json:2:7: error: bad b (/a/b)");
}

TEST(JsonLocator, LocatesAMemberValueAfterItsColon) {
  JsonLocator locator("{\"when\":   \"a and\"}");
  EXPECT_EQ(locator.locate("/when").column, 2u);
  EXPECT_EQ(locator.locate_value("/when").column, 12u);
}

TEST(PositionInString, CountsEscapesAsWritten) {
  // The value of "s" decodes to: a"b<newline>c'd'é😀e
  const std::string text =
      "{\"s\":\n  \"a\\\"b\\nc\\u0027d\\u0027\\u00e9\\ud83d\\ude00e\", \"t\": \"é!\"}";
  const JsonLocator locator(text);
  const TextPosition quote = locator.locate_value("/s");
  ASSERT_EQ(quote.line, 2u);
  ASSERT_EQ(quote.column, 3u);
  const auto at = [&](std::size_t offset) {
    const TextPosition position = position_in_string(text, quote, offset);
    return std::to_string(position.line) + ":" + std::to_string(position.column);
  };
  EXPECT_EQ(at(0), "2:4");    // a
  EXPECT_EQ(at(1), "2:5");    // \"
  EXPECT_EQ(at(2), "2:7");    // b
  EXPECT_EQ(at(4), "2:10");   // c, past \n
  EXPECT_EQ(at(5), "2:11");   // \u0027
  EXPECT_EQ(at(6), "2:17");   // d
  EXPECT_EQ(at(8), "2:24");   // \u00e9, two bytes decoded
  EXPECT_EQ(at(10), "2:30");  // the surrogate pair, four bytes decoded
  EXPECT_EQ(at(14), "2:42");  // e
  EXPECT_EQ(at(99), "2:43");  // past the end: the closing quote
  EXPECT_EQ(position_in_string(text, locator.locate_value("/t"), 2).column,
            53u);  // é is one column
}

// ---- Duplicate keys ---------------------------------------------------------

TEST(ParseJson, RefusesAKeyGivenTwiceLocatingBoth) {
  auto parsed = parse_json("{\n  \"rules\": [1],\n  \"facts\": [],\n  \"rules\": []\n}", "p.json");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(format_diagnostic(parsed.error()),
            "p.json:4:3: error: duplicate key 'rules' (first at 2:3)");
}

TEST(ParseJson, LocatesADuplicateKeyOnOneLineByColumns) {
  auto parsed = parse_json(R"({"id": "a", "facts": {"x": 1, "y": 2, "x": 3}})");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(format_diagnostic(parsed.error()),
            "1:39: error: duplicate key 'x' (first at column 23)");
}

TEST(ParseJson, ReadsEscapedKeysAsTheKeysTheySpell) {
  auto parsed = parse_json(R"({"a": 1, "\u0061": 2})");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().message, "duplicate key 'a' (first at column 2)");
}

TEST(ParseJson, AcceptsOneKeyInSeveralObjects) {
  auto parsed = parse_json(R"([{"a": 1}, {"a": 2, "b": {"a": 3}}, {"x": "\"a\": 4, \"a\""}])");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ((*parsed)[1]["b"]["a"], 3);
}

TEST(ParseJson, RefusesADuplicateKeyInTextOnlyTheSlowParserReads) {
  // simdjson refuses integers beyond 64 bits; nlohmann reads them as doubles.
  auto parsed = parse_json("{\"n\": 18446744073709551616,\n \"n\": 1}", "a.json");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(format_diagnostic(parsed.error()),
            "a.json:2:2: error: duplicate key 'n' (first at 1:2)");
}

TEST(ParseJson, ReadsAnIntegerBeyond64BitsAsANumber) {
  auto parsed = parse_json(R"({"n": 18446744073709551616})");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ((*parsed)["n"].get<double>(), 18446744073709551616.0);
}

// ---- Reading whole files ------------------------------------------------------

namespace {

// A file in a fresh temporary folder, removed with it.
class TemporaryFolder {
 public:
  TemporaryFolder() {
    std::string pattern = (std::filesystem::temp_directory_path() / "json-text-XXXXXX").string();
    m_path = ::mkdtemp(pattern.data()) != nullptr ? pattern : std::string();
  }
  TemporaryFolder(const TemporaryFolder&) = delete;
  TemporaryFolder& operator=(const TemporaryFolder&) = delete;
  ~TemporaryFolder() { std::filesystem::remove_all(m_path); }
  std::string file(const std::string& name, const std::string& content) const {
    const std::string path = m_path + "/" + name;
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }
  const std::string& path() const { return m_path; }

 private:
  std::string m_path;
};

}  // namespace

TEST(ReadTextFile, ReadsAFileUpToTheLimit) {
  const TemporaryFolder folder;
  const std::string path = folder.file("a.json", std::string(64, 'x'));
  auto text = read_text_file(path, "a playbook", 64);
  ASSERT_TRUE(text.ok()) << text.error().message;
  EXPECT_EQ(*text, std::string(64, 'x'));
}

TEST(ReadTextFile, RefusesAFileOverTheLimit) {
  const TemporaryFolder folder;
  const std::string path = folder.file("a.json", std::string(65, 'x'));
  auto text = read_text_file(path, "a playbook", 64);
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(format_diagnostic(text.error()),
            "error: " + path + ": larger than the 64 bytes a playbook may be");
}

TEST(ReadTextFile, StopsReadingAnEndlessFileAtTheLimit) {
  auto text = read_text_file("/dev/zero", "an answers file", std::size_t{1} << 20);
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.error().message, "/dev/zero: larger than the 1 MiB an answers file may be");
}

TEST(ReadTextFile, SaysTheDefaultLimitIs16MiB) {
  const TemporaryFolder folder;
  const std::string path = folder.file("big.json", "");
  std::filesystem::resize_file(path, k_max_file_bytes + 1);
  auto text = read_text_file(path, "a tests file");
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.error().message, path + ": larger than the 16 MiB a tests file may be");
}

TEST(ReadTextFile, SaysWhenThePathIsADirectory) {
  const TemporaryFolder folder;
  auto text = read_text_file(folder.path(), "a playbook");
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.error().message, "cannot read " + folder.path() + ": Is a directory");
}

TEST(ReadTextFile, SaysWhyAFileCannotBeOpened) {
  auto text = read_text_file("/nonexistent/playbook.json", "a playbook");
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.error().message,
            "cannot read /nonexistent/playbook.json: No such file or directory");
}

// ---- Numbers a double holds exactly -------------------------------------------

TEST(IsExactNumber, AcceptsWhatADoubleHoldsHoweverItIsSpelled) {
  for (const char* text : {"0", "-0", "1", "1.0", "1.50", "0.1", "1e2", "1E+2", "100e-2", "-5",
                           "- 5", "9007199254740992", "1e22", "5e-324"})
    EXPECT_TRUE(is_exact_number(text)) << text;
}

TEST(IsExactNumber, RefusesWhatADoubleWouldChange) {
  for (const char* text : {"1.0000000000000000001", "123456789012345678901234567890",
                           "9007199254740993", "0.10000000000000000001", "1e400", "1e-400",
                           // 2^64 exactly, but written back as 1.8446744073709552e+19
                           "18446744073709551616", "abc", "", "1.", "--1", "1e"})
    EXPECT_FALSE(is_exact_number(text)) << text;
}
