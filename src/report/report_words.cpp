// The report's own words in en, zh and ru, and the names a reader sees for
// techniques, warnings and classes.

#include <closecoach/words.hpp>

#include <array>

#include "report_internal.hpp"

namespace closecoach::report_detail {

namespace {

const WordTable& words() {
  static const WordTable k_words{
      {"title", {"Deal review report", "成交复盘报告", "Отчёт по сделкам"}},
      {"subtitle",
       {"What to coach, and on which deals", "该辅导什么、看哪些单子",
        "Над чем работать и по каким сделкам"}},
      {"playbook", {"Playbook", "销售手册", "Плейбук"}},
      {"version", {"version", "版本", "версия"}},
      {"date", {"Date", "日期", "Дата"}},
      {"colon", {": ", "：", ": "}},
      {"list_separator", {"; ", "；", "; "}},
      {"deals", {"Deals", "单子", "Сделки"}},
      {"open", {"Open", "进行中", "В работе"}},
      {"errors", {"Errors", "出错", "Ошибки"}},
      {"closed", {"Closed", "已结束", "Закрыты"}},
      {"bad_lines",
       {"Lines that were not review output", "不是复盘结果的行", "Строки не из review"}},
      {"needing_attention", {"Need attention", "需要关注", "Требуют внимания"}},
      {"by_class", {"Deals by class", "按客户类别", "Сделки по классам"}},
      {"by_move", {"Deals by next move", "按下一步", "Сделки по следующему шагу"}},
      {"by_warning", {"Deals by warning", "按警示", "Сделки по предупреждениям"}},
      {"per_owner",
       {"Deals needing attention, per owner", "各负责人需要关注的单子",
        "Сделки, требующие внимания, по менеджерам"}},
      {"coaching", {"Coaching at a glance", "辅导一览", "Коучинг кратко"}},
      {"coaching_note",
       {"Owners in the order to talk to them: most deals needing attention first.",
        "按谈话的先后排列：需要关注的单子越多越靠前。",
        "Менеджеры в порядке разговора: первыми те, у кого больше сделок требуют внимания."}},
      {"attention", {"Deals needing attention", "需要关注的单子", "Сделки, требующие внимания"}},
      {"attention_shown",
       {"The first {} of {}, most urgent first.", "共 {1} 单，按紧急程度列出前 {0} 单。",
        "Первые {} из {}, самые срочные сверху."}},
      {"attention_none",
       {"No deal needs attention.", "没有需要关注的单子。", "Нет сделок, требующих внимания."}},
      {"owner", {"Owner", "负责人", "Менеджер"}},
      {"no_owner", {"(no owner)", "（无负责人）", "(без менеджера)"}},
      {"id", {"Deal", "单号", "Сделка"}},
      {"name", {"Name", "名称", "Название"}},
      {"class", {"Class", "类别", "Класс"}},
      {"next_move", {"Next move", "下一步", "Следующий шаг"}},
      {"warnings", {"Warnings", "警示", "Предупреждения"}},
      {"concerns", {"Why", "原因", "Почему"}},
      {"count", {"Deals", "单数", "Сделок"}},
      {"class_none", {"not yet known", "尚未确定", "ещё не ясен"}},
      {"move_none", {"no move", "无合适做法", "нет шага"}},
      {"nothing", {"nothing to show", "暂无数据", "нет данных"}},
      {"chart_of", {"Bar chart: {}", "条形图：{}", "Столбчатая диаграмма: {}"}},
      {"hard_close_against",
       {"Ill-timed hard close", "硬成交时机不对", "Жёсткое закрытие не вовремя"}},
      {"class_d_worked", {"Class D still worked", "仍在跟进的D类", "Класс D всё ещё в работе"}},
      {"a_class_overdue", {"A-class overdue", "A类超期", "Класс A просрочен"}},
      {"fatigue", {"Late change", "临签改动", "Правки в конце"}},
      {"waiting_on_decision_maker", {"Waiting on decision maker", "等待拍板人", "Ждёт ЛПР"}},
  };
  return k_words;
}

constexpr std::array<std::string_view, k_concern_count> k_concern_keys = {
    "hard_close_against", "class_d_worked", "a_class_overdue", "fatigue",
    "waiting_on_decision_maker"};

// A warning's name when the playbook gives it none: the first clause of its
// text, up to the first colon, full stop or semicolon.
std::string first_clause(const std::string& text) {
  std::size_t end = text.size();
  for (std::string_view stop : {": ", ". ", "; ", "：", "。", "；", "，"}) {
    const std::size_t found = text.find(stop);
    if (found != std::string::npos && found < end) end = found;
  }
  return text.substr(0, end);
}

}  // namespace

std::string_view word(std::string_view key, std::string_view language) {
  return word_in(words(), key, language);
}

std::string_view concern_key(Concern concern) {
  return k_concern_keys[static_cast<std::size_t>(concern)];
}

Names::Names(const Playbook& playbook, std::string language)
    : m_playbook(playbook), m_language(std::move(language)) {}

std::string Names::move(std::string_view id) const {
  if (id.empty() || id == "none") return std::string(word("move_none"));
  const Technique* technique = m_playbook.find_technique(id);
  if (technique == nullptr) return std::string(id);
  const std::string& name = text_in(technique->name, m_language);
  return name.empty() ? std::string(id) : name;
}

std::string Names::warning(std::string_view id) const {
  const Warning* warning = m_playbook.find_warning(id);
  if (warning == nullptr) return std::string(id);
  if (const std::string& name = text_in(warning->name, m_language); !name.empty()) return name;
  const std::string clause = first_clause(text_in(warning->text, m_language));
  return clause.empty() ? std::string(id) : clause;
}

std::string Names::klass(std::string_view id) const {
  if (id.empty() || id == "none") return std::string(word("class_none"));
  return std::string(id);
}

std::vector<std::pair<std::string, std::size_t>> largest_first(const Tally& tally) {
  std::vector<std::pair<std::string, std::size_t>> rows(tally.begin(), tally.end());
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  return rows;
}

}  // namespace closecoach::report_detail
