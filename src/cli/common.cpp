#include "common.hpp"

#include <closecoach/json_text.hpp>
#include <closecoach/playbook_lint.hpp>
#include <closecoach/words.hpp>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <map>
#include <utility>

#include "settings.hpp"

namespace closecoach::cli {

namespace {

// The built-in playbook passes every check of `validate` (its tests say so:
// LintPlaybook.FindsNothingInTheDefaultPlaybook) and was loaded and checked
// when closecoach was built, so a run only decodes it.
Engine builtin_engine(std::string_view language) {
  auto playbook = decode_playbook(compiled_playbook(), language);
  if (!playbook.ok()) throw Failure(playbook.error(), k_exit_internal);
  auto engine = Engine::create(std::move(*playbook));
  if (!engine.ok()) throw Failure(engine.error(), k_exit_internal);
  return std::move(engine.value());
}

// `path` as a shell word, for a command to copy.
std::string shell_word(const std::string& path) {
  const bool plain = !path.empty() && std::all_of(path.begin(), path.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || std::strchr("_-./+,:=@", c);
  });
  if (plain) return path;
  std::string quoted = "'";
  for (const char c : path) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// The first error of `report` (they are in the order of the text), saying
// how many more there are and where to see them.
Diagnostic first_error(const LintReport& report, const std::string& path) {
  const auto first =
      std::find_if(report.diagnostics.begin(), report.diagnostics.end(),
                   [](const Diagnostic& d) { return d.severity == Severity::error; });
  Diagnostic diagnostic = *first;
  const std::size_t more = report.error_count() - 1;
  if (more == 0) return diagnostic;
  if (!diagnostic.pointer.empty())
    diagnostic.message += fmt::format(" ({})", std::exchange(diagnostic.pointer, {}));
  diagnostic.message += fmt::format("; {} more error{}: run 'closecoach playbook validate {}'",
                                    more, more == 1 ? "" : "s", shell_word(path));
  return diagnostic;
}

}  // namespace

namespace {

// `failure` saying who chose the playbook when it was not the command line.
Failure chosen_by(const Failure& failure, const std::string& from) {
  Diagnostic diagnostic = failure.diagnostic();
  if (diagnostic.file.empty())
    diagnostic.message = fmt::format("{}: {}", from, diagnostic.message);
  else
    diagnostic.message += fmt::format(" (the playbook {} names)", from);
  return Failure(diagnostic, failure.status());
}

Engine load_engine_file(const std::string& playbook_path) {
  auto text = read_text_file(playbook_path, "a playbook");
  if (!text.ok()) throw Failure(text.error());
  CheckedPlaybook checked = check_playbook(*text, playbook_path);
  if (!checked.engine) throw Failure(first_error(checked.report, playbook_path));
  for (const auto& diagnostic : checked.report.diagnostics)
    spdlog::debug("{}", format_diagnostic(diagnostic));
  spdlog::info("playbook {} loaded", playbook_path);
  return std::move(*checked.engine);
}

}  // namespace

Engine load_engine(const std::string& playbook_path, std::string_view language) {
  const PlaybookChoice choice = choose_playbook(playbook_path);
  if (choice.path.empty()) return builtin_engine(language);
  try {
    return load_engine_file(choice.path);
  } catch (const Failure& failure) {
    if (choice.from.empty()) throw;
    throw chosen_by(failure, choice.from);
  }
}

const Engine& load_engine_until_exit(const std::string& playbook_path, std::string_view language) {
  static Engine* kept = nullptr;  // reachable to the end, so leak checkers let it be
  Engine loaded = load_engine(playbook_path, language);
  delete kept;
  kept = new Engine(std::move(loaded));
  return *kept;
}

std::string resolve_language(const std::string& requested) {
  if (std::string chosen = choose_lang(requested); !chosen.empty()) return chosen;
  for (const char* variable : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(variable);
    if (value == nullptr || *value == '\0') continue;
    const std::string_view locale(value);
    if (locale.substr(0, 2) == "zh") return "zh";
    if (locale.substr(0, 2) == "ru") return "ru";
    return "en";
  }
  return "en";
}

namespace {

const WordTable& words() {
  static const WordTable k_words{
      {"next_move", {"Next move", "下一步", "Следующий шаг"}},
      {"say", {"Say", "可以这样说", "Что сказать"}},
      {"why", {"Why", "理由", "Почему"}},
      {"avoid", {"Avoid", "避免", "Чего избегать"}},
      {"warnings", {"Watch out", "注意", "Осторожно"}},
      {"also", {"Also possible", "备选", "Также можно"}},
      {"class", {"Customer class", "客户类别", "Класс клиента"}},
      {"none", {"none yet", "尚未确定", "пока не ясен"}},
      {"no_move",
       {"No move fits these answers.", "这些回答下没有合适的做法。",
        "Для этих ответов подходящего шага нет."}},
      {"not_settled",
       {"More answers could change this advice.", "更多回答可能会改变这个建议。",
        "Другие ответы могут изменить этот совет."}},
      {"assumed",
       {"Assumed until you answer", "在你回答之前，暂且假定", "Пока нет ответа, предполагаем"}},
      {"assumed_mark", {" (assumed)", "（假定）", " (предположение)"}},
      {"from_notes", {"From your notes", "从你的笔记中读到", "Из ваших заметок"}},
      {"not_used_mark",
       {" (not used: answered, or said otherwise later)", "（未采用：已有回答，或后文另有说法）",
        " (не учтено: есть ответ или дальше сказано иначе)"}},
      {"quoted", {"“{}”", "“{}”", "«{}»"}},
      {"next_question", {"Answer next", "接下来请回答", "Ответьте дальше"}},
      {"if", {"If {}", "如果{}", "Если {}"}},
      {"or_more", {"{} or more", "{}及以上", "{} и больше"}},
      {"or_fewer", {"{} or fewer", "{}及以下", "{} и меньше"}},
      {"range", {"{} to {}", "{}到{}", "от {} до {}"}},
      {"no_move_short", {"no move", "没有合适的做法", "подходящего шага нет"}},
      {"why_not", {"Why not", "为什么不是", "Почему не"}},
      {"rule", {"rule", "规则", "правило"}},
      {"failed", {"fails", "不满足", "не выполнено"}},
      {"unknown", {"not answered yet", "尚未回答", "ещё нет ответа"}},
      {"avoided_by", {"avoided because", "应避免，因为", "не рекомендуется, потому что"}},
      {"outranked_by", {"outranked by", "被更优先的规则取代", "уступает правилу"}},
      {"is_top",
       {"It is the recommended move.", "它就是推荐的做法。", "Это и есть рекомендуемый шаг."}},
      // playbook show
      {"languages", {"Languages", "语言", "Языки"}},
      {"facts", {"Facts", "事实", "Факты"}},
      {"techniques", {"Techniques", "技巧", "Техники"}},
      {"rules",
       {"Rules, in the order they are tried", "规则（按尝试顺序）", "Правила в порядке проверки"}},
      {"playbook_warnings", {"Warnings", "警示", "Предупреждения"}},
      {"question", {"Question", "问题", "Вопрос"}},
      {"help", {"Help", "说明", "Пояснение"}},
      {"values", {"Values", "取值", "Значения"}},
      {"derived", {"derived", "推导得出", "выводится"}},
      {"use_when", {"Use when", "适用", "Когда применять"}},
      {"avoid_when", {"Avoid when", "避免", "Когда избегать"}},
      {"risks", {"Risks", "风险", "Риски"}},
      {"raises", {"Raises", "触发警示", "Предупреждения"}},
      {"seed", {"Source", "出处", "Источник"}},
      {"when", {"When", "条件", "Когда"}},
      {"principle", {"Principle", "原则", "Принцип"}},
      {"priority", {"priority", "优先级", "приоритет"}},
      {"sets", {"sets", "设定", "устанавливает"}},
      {"recommends", {"recommends", "推荐", "рекомендует"}},
      {"avoids", {"avoids", "避免", "исключает"}},
      {"warns", {"warns", "警示", "предупреждает"}},
  };
  return k_words;
}

}  // namespace

std::string_view ui_text(std::string_view key, std::string_view language) {
  return word_in(words(), key, language);
}

std::string paint(const Context& context, fmt::text_style style, std::string_view text) {
  if (!context.color) return std::string(text);
  return fmt::format(style, "{}", text);
}

void add_playbook_option(CLI::App* command, std::string& path) {
  command
      ->add_option("--playbook", path,
                   "Playbook file (default: $CLOSECOACH_PLAYBOOK, else the config file's, else the "
                   "built-in playbook)")
      ->check(CLI::ExistingFile);
}

void add_lang_option(CLI::App* command, std::string& lang) {
  command
      ->add_option("--lang", lang,
                   "Language of the advice: en, zh or ru (default: from LC_ALL/LANG, else en)")
      ->check(CLI::IsMember({"en", "zh", "ru"}));
}

void add_output_file_option(CLI::App* command, Context& context, const std::string& names) {
  command
      ->add_option(names, context.output_file,
                   "Write the result to FILE instead of stdout: the whole file or, after an "
                   "error, none of it")
      ->type_name("FILE");
}

}  // namespace closecoach::cli
