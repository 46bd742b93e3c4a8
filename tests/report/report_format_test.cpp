// The report in text, Markdown and HTML: names not ids, in each language,
// input escaped, and the page self-contained and accessible.

#include <closecoach/report.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/test_support.hpp"

namespace closecoach {
namespace {

const char* const k_hostile_line =
    R"({"id":"<script>alert(1)</script>","name":"R&D | *bold* \u001b[31m","owner":"O'Neil \"<b>\"","closed":null,"class":"D","moves":["graceful_exit"],"avoid":[],"warnings":["bridge_burner"],"error":null})";
const char* const k_plain_line =
    R"({"id":"42","name":"Acme","owner":"Ann","closed":null,"class":"B","moves":["reach_decision_maker"],"avoid":[],"warnings":["fatigue_concession"],"error":null})";

std::string render(ReportFormat format, const std::string& language,
                   const std::vector<std::string>& lines = {k_hostile_line, k_plain_line}) {
  ReportAggregator report;
  for (const auto& line : lines) (void)report.add_line(line);
  const ReportContext context{language, std::string("closecoach default playbook"),
                              std::string("1"), std::string("2026-12-01")};
  return render_report(report, format, testing::default_engine().playbook(), context);
}

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

TEST(ReportText, NamesTechniquesAndWarningsInEachLanguage) {
  const std::string en = render(ReportFormat::text, "en");
  EXPECT_TRUE(contains(en, "Reach the decision maker")) << en;
  EXPECT_TRUE(contains(en, "Burnt bridges")) << en;  // the warning's name in the playbook
  EXPECT_TRUE(contains(en, "Coaching at a glance")) << en;
  EXPECT_FALSE(contains(en, "reach_decision_maker")) << en;
  const std::string zh = render(ReportFormat::text, "zh");
  EXPECT_TRUE(contains(zh, "找到拍板人")) << zh;
  EXPECT_TRUE(contains(zh, "辅导一览")) << zh;
  EXPECT_TRUE(contains(zh, "断了后路")) << zh;
  const std::string ru = render(ReportFormat::text, "ru");
  EXPECT_TRUE(contains(ru, "Выход на ЛПР")) << ru;
  EXPECT_TRUE(contains(ru, "Коучинг кратко")) << ru;
}

TEST(ReportText, SaysWhichPlaybookAndDateAndEscapesTerminalControls) {
  const std::string text = render(ReportFormat::text, "en");
  EXPECT_TRUE(
      contains(text, "Playbook: closecoach default playbook (version 1) · Date: 2026-12-01"))
      << text;
  EXPECT_FALSE(contains(text, "\x1b")) << text;
  EXPECT_TRUE(contains(text, "\\x1b[31m")) << text;
}

TEST(ReportMarkdown, EscapesTableAndInlineSyntaxFromTheInput) {
  const std::string markdown = render(ReportFormat::markdown, "en");
  EXPECT_TRUE(contains(markdown, "# Deal review report")) << markdown;
  EXPECT_TRUE(contains(markdown, "| --- |")) << markdown;
  EXPECT_TRUE(contains(markdown, "R&D \\| \\*bold\\*")) << markdown;
  EXPECT_TRUE(contains(markdown, "\\<script\\>")) << markdown;
}

TEST(ReportHtml, EscapesEveryTextFromTheInput) {
  const std::string html = render(ReportFormat::html, "en");
  EXPECT_FALSE(contains(html, "<script")) << html;
  EXPECT_FALSE(contains(html, "<b>")) << html;
  EXPECT_TRUE(contains(html, "&lt;script&gt;alert(1)&lt;/script&gt;")) << html;
  EXPECT_TRUE(contains(html, "O&#39;Neil &quot;&lt;b&gt;&quot;")) << html;
  EXPECT_TRUE(contains(html, "R&amp;D")) << html;
}

TEST(ReportHtml, IsOneSelfContainedPageWithNothingFromTheNetwork) {
  const std::string html = render(ReportFormat::html, "en");
  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">")) << html;
  EXPECT_TRUE(contains(html, "<meta charset=\"utf-8\">"));
  EXPECT_TRUE(contains(html, "<style>"));
  EXPECT_TRUE(contains(html, "@page { size: A4;"));
  EXPECT_TRUE(contains(html, "@media print"));
  for (const char* remote : {"http:", "https:", "<link", "<img", "@import", "url("})
    EXPECT_FALSE(contains(html, remote)) << remote;
  EXPECT_TRUE(contains(html, "closecoach default playbook (version 1)"));
  EXPECT_TRUE(contains(html, "2026-12-01"));
}

TEST(ReportHtml, DrawsFourChartsWithTextAlternatives) {
  const std::string html = render(ReportFormat::html, "en");
  std::size_t charts = 0;
  for (std::size_t at = html.find("<svg role=\"img\""); at != std::string::npos;
       at = html.find("<svg role=\"img\"", at + 1))
    ++charts;
  EXPECT_EQ(charts, 4U);
  EXPECT_TRUE(contains(html, "<title id=\"by-class-t\">Bar chart: Deals by class</title>"));
  EXPECT_TRUE(
      contains(html, "<desc id=\"by-class-d\">A: 0; B: 1; C: 0; D: 1; not yet known: 0</desc>"));
  EXPECT_TRUE(contains(html, "aria-label=\"Bar chart: Deals by next move\""));
  EXPECT_TRUE(contains(html, ">Reach the decision maker</text>"));
}

TEST(ReportHtml, SetsTheLanguageAndCjkFontsForChineseAndRussian) {
  const std::string zh = render(ReportFormat::html, "zh");
  EXPECT_TRUE(zh.starts_with("<!DOCTYPE html>\n<html lang=\"zh-Hans\">"));
  EXPECT_TRUE(contains(zh, "\"Noto Sans CJK SC\""));
  EXPECT_TRUE(contains(zh, "成交复盘报告"));
  const std::string ru = render(ReportFormat::html, "ru");
  EXPECT_TRUE(ru.starts_with("<!DOCTYPE html>\n<html lang=\"ru\">"));
  EXPECT_TRUE(contains(ru, "Отчёт по сделкам"));
}

TEST(ReportEscape, ReplacesTheFiveHtmlSpecialCharacters) {
  EXPECT_EQ(escape_html(R"(<a href="x">Tom & Jerry's</a>)"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
}

}  // namespace
}  // namespace closecoach
