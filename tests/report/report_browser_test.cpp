// The report's page in a real browser: headless Chromium renders it in each
// language to a PNG of an A4 page's proportions, which must not be blank. A
// blank page rendered the same way is the measure: a PNG of one colour
// compresses to almost nothing, a page of text, tables and charts does not.
// Skips where Chromium is not installed (scripts/install-deps.sh --test
// installs it). With CLOSECOACH_SCREENSHOT_DIR set, the PNGs are kept there
// to be looked at.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "support/test_support.hpp"

using closecoach::testing::read_file;
using closecoach::testing::run_cli;

namespace {

namespace fs = std::filesystem;

bool have_chromium() { return std::system("command -v chromium >/dev/null 2>&1") == 0; }

fs::path screenshot_dir() {
  if (const char* kept = std::getenv("CLOSECOACH_SCREENSHOT_DIR"); kept != nullptr && *kept != 0) {
    fs::create_directories(kept);
    return kept;
  }
  const fs::path dir =
      fs::temp_directory_path() / ("closecoach-browser-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir;
}

// Renders `page` to `png` at 1240×1754 (A4 at 150 dpi); true when Chromium succeeded.
bool screenshot(const fs::path& page, const fs::path& png) {
  fs::remove(png);
  const std::string command =
      "timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars "
      "--user-data-dir='" +
      (png.parent_path() / "profile").string() + "' --screenshot='" + png.string() +
      "' --window-size=1240,1754 'file://" + page.string() + "' >/dev/null 2>&1";
  return std::system(command.c_str()) == 0 && fs::exists(png);
}

// Width and height from the PNG's IHDR chunk; {0, 0} when it is no PNG.
std::pair<std::uint32_t, std::uint32_t> png_size(const std::string& png) {
  if (png.size() < 24 || png.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0 ||
      png.compare(12, 4, "IHDR") != 0)
    return {0, 0};
  const auto big_endian = [&](std::size_t at) {
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < 4; ++i)
      value = (value << 8) | static_cast<unsigned char>(png[at + i]);
    return value;
  };
  return {big_endian(16), big_endian(20)};
}

// 60 deals of five reps with every fact (tests/data/report/make_deals.py),
// reviewed, and the CRM exports' deals (tests/data/crm/) after them.
std::string reviewed_deals() {
  const std::string data = CLOSECOACH_TEST_DATA;
  std::string lines =
      run_cli({"review", "-q", data + "/report/deals.jsonl", "--output", "jsonl"}).out;
  for (const char* file : {"salesforce.csv", "hubspot.csv", "pipedrive.csv"})
    lines += run_cli({"review", "-q", data + "/crm/" + file, "--today", "2026-11-03", "--output",
                      "jsonl"})
                 .out;
  return lines;
}

class ReportInBrowser : public ::testing::TestWithParam<const char*> {};

TEST_P(ReportInBrowser, RendersAPageThatIsNotBlank) {
  if (!have_chromium())
    GTEST_SKIP() << "chromium is not installed (scripts/install-deps.sh --test)";
  const std::string language = GetParam();
  const fs::path dir = screenshot_dir();
  const fs::path page = dir / ("report-" + language + ".html");
  const auto run = run_cli({"report", "--format", "html", "--lang", language, "--date",
                            "2026-12-01", "-o", page.string(), "-"},
                           reviewed_deals());
  ASSERT_EQ(run.status, 0) << run.err;
  const fs::path blank_page = dir / "blank.html";
  std::ofstream(blank_page) << "<!DOCTYPE html><html><body></body></html>\n";
  const fs::path png = dir / ("report-" + language + ".png");
  const fs::path blank_png = dir / ("blank-" + language + ".png");
  ASSERT_TRUE(screenshot(page, png)) << "chromium wrote no " << png;
  ASSERT_TRUE(screenshot(blank_page, blank_png)) << "chromium wrote no " << blank_png;
  const std::string image = read_file(png.string());
  EXPECT_EQ(png_size(image), std::make_pair(std::uint32_t{1240}, std::uint32_t{1754}));
  const std::size_t blank_size = read_file(blank_png.string()).size();
  EXPECT_GT(image.size(), 5 * blank_size)
      << "the page's PNG (" << image.size() << " bytes) is hardly larger than a blank one ("
      << blank_size << " bytes)";
}

INSTANTIATE_TEST_SUITE_P(EachLanguage, ReportInBrowser, ::testing::Values("en", "zh", "ru"));

}  // namespace
