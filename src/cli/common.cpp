#include "common.hpp"

#include <closecoach/json_text.hpp>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <array>
#include <cstdlib>
#include <map>

namespace closecoach::cli {

Engine load_engine(const std::string& playbook_path) {
  std::string text;
  std::string name = "<built-in playbook>";
  if (playbook_path.empty()) {
    text = std::string(default_playbook_text());
  } else {
    auto read = read_text_file(playbook_path);
    if (!read.ok()) throw Failure(read.error());
    text = std::move(read.value());
    name = playbook_path;
  }
  PlaybookLoad load = load_playbook(text, name);
  for (const auto& diagnostic : load.diagnostics) {
    if (diagnostic.severity == Severity::error) throw Failure(diagnostic);
    spdlog::debug("{}", format_diagnostic(diagnostic));
  }
  auto engine = Engine::create(std::move(*load.playbook));
  if (!engine.ok()) {
    Diagnostic diagnostic = engine.error();
    diagnostic.file = name;
    JsonLocator(text).locate(diagnostic);
    throw Failure(diagnostic);
  }
  spdlog::info("playbook {} loaded", name);
  return std::move(engine.value());
}

std::string resolve_language(const std::string& requested) {
  if (!requested.empty()) return requested;
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

using Words = std::array<const char*, 3>;  // en, zh, ru

const std::map<std::string_view, Words>& words() {
  static const std::map<std::string_view, Words> k_words{
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
      {"why_not", {"Why not", "为什么不是", "Почему не"}},
      {"rule", {"rule", "规则", "правило"}},
      {"failed", {"fails", "不满足", "не выполнено"}},
      {"unknown", {"not answered yet", "尚未回答", "ещё нет ответа"}},
      {"avoided_by", {"avoided because", "应避免，因为", "не рекомендуется, потому что"}},
      {"outranked_by", {"outranked by", "被更优先的规则取代", "уступает правилу"}},
      {"is_top",
       {"It is the recommended move.", "它就是推荐的做法。", "Это и есть рекомендуемый шаг."}},
      {"choose",
       {"Choose 1-{}, ? for help, b to go back", "选择 1-{}，? 查看说明，b 返回",
        "Выберите 1-{}, ? — пояснение, b — назад"}},
      {"enter_number",
       {"Enter a number, ? for help, b to go back", "输入数字，? 查看说明，b 返回",
        "Введите число, ? — пояснение, b — назад"}},
      {"invalid",
       {"Please answer with one of the choices.", "请从选项中选择。",
        "Пожалуйста, выберите один из вариантов."}},
      {"stopped",
       {"Stopped before the advice was settled.", "在建议确定之前停止了。",
        "Остановлено до того, как совет стал окончательным."}},
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
  const auto found = words().find(key);
  if (found == words().end()) return key;
  const std::size_t index = language == "zh" ? 1 : language == "ru" ? 2 : 0;
  return found->second[index];
}

std::string paint(const Context& context, fmt::text_style style, std::string_view text) {
  if (!context.color) return std::string(text);
  return fmt::format(style, "{}", text);
}

void add_playbook_option(CLI::App* command, std::string& path) {
  command->add_option("--playbook", path, "Playbook file to use instead of the built-in default")
      ->check(CLI::ExistingFile);
}

void add_lang_option(CLI::App* command, std::string& lang) {
  command
      ->add_option("--lang", lang,
                   "Language of the advice: en, zh or ru (default: from LC_ALL/LANG, else en)")
      ->check(CLI::IsMember({"en", "zh", "ru"}));
}

}  // namespace closecoach::cli
