// The consultation's words, as common.cpp keeps the rest of the interface's.

#include <closecoach/words.hpp>

#include "consult.hpp"

namespace closecoach::cli {

namespace {

const WordTable& words() {
  static const WordTable k_words{
      {"progress",
       {"question {}; at most {} more", "第 {} 题；最多还有 {} 题",
        "вопрос {}; осталось не больше {}"}},
      {"progress_last",
       {"question {}; the last one", "第 {} 题；最后一题", "вопрос {}; последний"}},
      {"choose",
       {"1-{} or the answer; ? help, s skip, b back", "1-{} 或直接输入回答；? 说明，s 跳过，b 返回",
        "1-{} или ответ; ? — пояснение, s — пропустить, b — назад"}},
      {"choose_yes_no",
       {"1-2, yes or no; ? help, s skip, b back", "1-2，是或否；? 说明，s 跳过，b 返回",
        "1-2, да или нет; ? — пояснение, s — пропустить, b — назад"}},
      {"enter_number",
       {"a number; ? help, s skip, b back", "输入数字；? 说明，s 跳过，b 返回",
        "число; ? — пояснение, s — пропустить, b — назад"}},
      {"enter_text",
       {"your answer; ? help, s skip, b back", "输入回答；? 说明，s 跳过，b 返回",
        "ответ; ? — пояснение, s — пропустить, b — назад"}},
      {"want_choice",
       {"Please answer with one of the choices: 1-{} or its name.",
        "请从选项中选择：1-{} 或选项名称。",
        "Пожалуйста, выберите вариант: 1-{} или его название."}},
      {"want_yes_no",
       {"Please answer yes or no (or 1-2).", "请回答“是”或“否”（或 1-2）。",
        "Пожалуйста, ответьте «да» или «нет» (или 1-2)."}},
      {"want_number", {"Please enter a number.", "请输入一个数字。", "Пожалуйста, введите число."}},
      {"want_whole_number",
       {"Please enter a whole number.", "请输入一个整数。", "Пожалуйста, введите целое число."}},
      {"out_of_range",
       {"That number is not possible here.", "这个数字在这里不可能。",
        "Такое число здесь невозможно."}},
      {"want_text", {"Please type an answer.", "请输入回答。", "Пожалуйста, введите ответ."}},
      {"no_back",
       {"This is the first question: there is nothing to go back to.", "这是第一题，无法返回。",
        "Это первый вопрос: назад некуда."}},
      {"skipped", {"Skipped.", "已跳过。", "Пропущено."}},
      {"back_answered",
       {"Back to question {}; the answer was: {}", "返回第 {} 题；原来的回答是：{}",
        "Назад к вопросу {}; ответ был: {}"}},
      {"back_skipped",
       {"Back to question {}; it was skipped.", "返回第 {} 题；这一题曾被跳过。",
        "Назад к вопросу {}; он был пропущен."}},
      {"stopped",
       {"Stopped before the advice was settled.", "在建议确定之前停止了。",
        "Остановлено до того, как совет стал окончательным."}},
      {"so_far",
       {"Not settled: this is the advice on the answers so far.",
        "尚未确定：这是根据目前回答给出的建议。",
        "Не окончательно: это совет по ответам, данным до сих пор."}},
      {"only_skipped",
       {"Only skipped questions are left: the advice is not settled.",
        "只剩下跳过的问题：建议尚未确定。",
        "Остались только пропущенные вопросы: совет не окончательный."}},
      {"no_answers",
       {"closecoach: the input ended before any answer; no advice",
        "closecoach：输入在任何回答之前就结束了，没有建议",
        "closecoach: ввод закончился до первого ответа; совета нет"}},
      {"rerun", {"The same advice again:", "再次得到同样的建议：", "Тот же совет ещё раз:"}},
  };
  return k_words;
}

}  // namespace

std::string_view consult_text(std::string_view key, std::string_view language) {
  return word_in(words(), key, language);
}

}  // namespace closecoach::cli
